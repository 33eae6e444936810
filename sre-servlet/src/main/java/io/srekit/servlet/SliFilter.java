package io.srekit.servlet;

import io.srekit.health.InFlightRequests;
import io.srekit.sli.ClientAbortPolicy;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.RequestOutcome;
import io.srekit.sli.SliSeries;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Times every request from filter entry to response completion into the SLI its servlet names with
 * {@link Sli} (or the default SLI), labelled by method and route.
 *
 * <pre>{@code
 * SliFilter filter = SliFilter.builder()
 *     .sli(loginSli)                 // named by @Sli("user_auth_request") on servlets
 *     .defaultSli(otherRequestsSli)  // optional: requests of unannotated servlets
 *     .build();
 * context.addFilter("srekit-sli", filter).addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 *
 * <ul>
 *   <li>Route label: the annotation's {@code route}, else the servlet's mapping pattern ({@link
 *       HttpServletMapping#getPattern()}: {@code /login}, {@code /users/*}, {@code /}), never the
 *       raw URI. Method label: the method, or {@code _OTHER} for non-standard methods.
 *   <li>Outcome: {@link RequestOutcome#classify} with the SLI's classifier, the final status and
 *       the exception that propagated out of the chain (an error even if the container then writes
 *       500); client aborts by the {@link ClientAbortPolicy}.
 *   <li>Async ({@code startAsync}): recorded once, at the first of {@code onComplete}, {@code
 *       onTimeout} (an error) or {@code onError}.
 *   <li>In flight: one {@link InFlightRequests.Counter} per SLI (and {@code unrecorded} for the
 *       rest), for the drain.
 * </ul>
 *
 * <p>Request path: a lock-free lookup of the route by (servlet name, pattern) in a small table
 * filled at {@code init} and on first use, then a cached series handle, one in-flight increment,
 * two clock reads and one record. Only async requests allocate (their listener). Nothing here
 * throws on a request because of srekit: a failure to resolve a route records nothing.
 */
public final class SliFilter implements Filter {

  private static final System.Logger LOG = System.getLogger("io.srekit.servlet");

  /** Name of the in-flight counter of requests that feed no SLI. */
  public static final String UNRECORDED = "unrecorded";

  private static final Set<String> LABELS = Set.of("method", "route");

  private final Map<String, LatencySli> slis;
  private final LatencySli defaultSli;
  private final ClientAbortPolicy aborts;
  private final InFlightRequests inFlight;
  private final InFlightRequests.Counter unrecorded;
  private final Map<String, InFlightRequests.Counter> inFlightBySli = new LinkedHashMap<>();
  private final RouteTable routes;
  private final RouteTable.Route passThrough;
  private volatile ServletContext context;

  private SliFilter(Builder b) {
    this.slis = Map.copyOf(b.slis);
    this.defaultSli = b.defaultSli;
    this.aborts = b.aborts;
    this.inFlight = b.inFlight != null ? b.inFlight : InFlightRequests.create();
    this.unrecorded = inFlight.counter(UNRECORDED);
    for (String name : new TreeSet<>(slis.keySet())) {
      inFlightBySli.put(name, inFlight.counter(name));
    }
    this.routes = new RouteTable(b.maxRoutes);
    this.passThrough = new RouteTable.Route("", "", null, unrecorded, "");
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Requests in flight, per SLI name and {@link #UNRECORDED}: hand it to the drain. */
  public InFlightRequests inFlight() {
    return inFlight;
  }

  /** Routes resolved so far (bounded by {@link Builder#maxRoutes}). */
  public int routeCount() {
    return routes.size();
  }

  /**
   * Resolves every registered servlet mapping, and fails if a servlet's {@link Sli} names an SLI
   * this filter does not know (the application then does not start).
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    ServletContext ctx = config.getServletContext();
    this.context = ctx;
    for (ServletRegistration r : ctx.getServletRegistrations().values()) {
      Sli annotation = annotation(ctx, r);
      if (annotation != null && !slis.containsKey(annotation.value())) {
        throw new ServletException(
            "@Sli on servlet '"
                + r.getName()
                + "' ("
                + r.getClassName()
                + ") names SLI '"
                + annotation.value()
                + "', which this SliFilter does not know; known: "
                + new TreeSet<>(slis.keySet()));
      }
      for (String pattern : r.getMappings()) {
        routes.add(route(r.getName(), pattern, annotation));
      }
    }
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getDispatcherType() != DispatcherType.REQUEST
        || !(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    RouteTable.Route route = find(request);
    if (route.sli == null) {
      InFlightRequests.Counter c = route.inFlight;
      c.enter();
      try {
        chain.doFilter(req, res);
      } finally {
        c.exit();
      }
      return;
    }
    SliSeries series = route.series(RouteTable.methodIndex(request.getMethod()));
    InFlightRequests.Counter counter = route.inFlight;
    counter.enter();
    long start = series.startNanos();
    Throwable error = null;
    try {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      if (error != null
          || !request.isAsyncStarted()
          || !listen(request, response, series, start, counter)) {
        record(series, start, response.getStatus(), error, counter);
      }
    }
  }

  private boolean listen(
      HttpServletRequest request,
      HttpServletResponse response,
      SliSeries series,
      long start,
      InFlightRequests.Counter counter) {
    try {
      AsyncContext async = request.getAsyncContext();
      async.addListener(
          new AsyncCompletion(
              response, (status, error) -> record(series, start, status, error, counter)));
      return true;
    } catch (RuntimeException alreadyCompleted) {
      return false;
    }
  }

  void record(
      SliSeries series, long start, int status, Throwable error, InFlightRequests.Counter counter) {
    try {
      Outcome o = RequestOutcome.classify(series.sli().classifier(), status, error, aborts);
      if (o != null) {
        series.recordSince(start, o);
      }
    } finally {
      counter.exit();
    }
  }

  private RouteTable.Route find(HttpServletRequest request) {
    try {
      HttpServletMapping m = request.getHttpServletMapping();
      String servletName = m == null || m.getServletName() == null ? "" : m.getServletName();
      String pattern = m == null || m.getPattern() == null ? "" : m.getPattern();
      RouteTable.Route r = routes.find(servletName, pattern);
      if (r != null) {
        return r;
      }
      ServletContext ctx = context != null ? context : request.getServletContext();
      ServletRegistration reg = ctx == null ? null : ctx.getServletRegistration(servletName);
      Sli a = reg == null ? null : annotation(ctx, reg);
      if (a != null && !slis.containsKey(a.value())) {
        a = null; // init rejects these; a servlet added after init is not recorded under it
      }
      return routes.add(route(servletName, pattern, a));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "cannot resolve the SLI route of a request; not recorded", e);
      return passThrough;
    }
  }

  private RouteTable.Route route(String servletName, String pattern, Sli annotation) {
    LatencySli sli = annotation != null ? slis.get(annotation.value()) : defaultSli;
    if (sli == null) {
      return new RouteTable.Route(servletName, pattern, null, unrecorded, pattern);
    }
    String label =
        annotation != null && !annotation.route().isEmpty() ? annotation.route() : pattern;
    return new RouteTable.Route(servletName, pattern, sli, inFlightBySli.get(sli.name()), label);
  }

  private static Sli annotation(ServletContext ctx, ServletRegistration r) {
    String className = r.getClassName();
    if (className == null) {
      return null;
    }
    ClassLoader[] loaders = {
      ctx.getClassLoader(),
      Thread.currentThread().getContextClassLoader(),
      Sli.class.getClassLoader()
    };
    for (ClassLoader loader : loaders) {
      if (loader == null) {
        continue;
      }
      try {
        return Class.forName(className, false, loader).getAnnotation(Sli.class);
      } catch (ClassNotFoundException | LinkageError | SecurityException e) {
        LOG.log(Level.DEBUG, "cannot load servlet class " + className + " from " + loader, e);
      }
    }
    return null;
  }

  /** Builds a {@link SliFilter}; {@link #build()} validates and names the bad parameter. */
  public static final class Builder {
    private final Map<String, LatencySli> slis = new LinkedHashMap<>();
    private final List<String> duplicates = new ArrayList<>();
    private LatencySli defaultSli;
    private ClientAbortPolicy aborts = ClientAbortPolicy.INVALID;
    private InFlightRequests inFlight;
    private int maxRoutes = 256;

    private Builder() {}

    /** Registers an SLI that {@link Sli} annotations may name. */
    public Builder sli(LatencySli sli) {
      if (sli == null) {
        duplicates.add(null);
        return this;
      }
      LatencySli previous = slis.put(sli.name(), sli);
      if (previous != null && previous != sli) {
        duplicates.add(sli.name());
      }
      return this;
    }

    /**
     * The SLI of requests whose servlet has no {@link Sli} (registered too); without one (the
     * default) those requests are not recorded.
     */
    public Builder defaultSli(LatencySli sli) {
      this.defaultSli = sli;
      if (sli != null) {
        sli(sli);
      }
      return this;
    }

    /** What to do with client aborts (default {@link ClientAbortPolicy#INVALID}). */
    public Builder clientAborts(ClientAbortPolicy policy) {
      this.aborts = policy;
      return this;
    }

    /** Counters to count in (default a new set); share one set with the drain. */
    public Builder inFlight(InFlightRequests inFlight) {
      this.inFlight = inFlight;
      return this;
    }

    /** Bound on resolved (servlet, pattern) routes (default 256, in [1, 10000]). */
    public Builder maxRoutes(int maxRoutes) {
      this.maxRoutes = maxRoutes;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public SliFilter build() {
      if (duplicates.contains(null)) {
        throw new IllegalArgumentException("sli: must not be null");
      }
      if (!duplicates.isEmpty()) {
        throw new IllegalArgumentException(
            "sli: two different SLIs named '" + duplicates.get(0) + "'");
      }
      if (slis.isEmpty()) {
        throw new IllegalArgumentException("sli: register at least one SLI, was none");
      }
      for (LatencySli s : slis.values()) {
        for (String label : s.labelNames()) {
          if (!LABELS.contains(label)) {
            throw new IllegalArgumentException(
                "sli: the servlet adapter fills the labels method and route; SLI '"
                    + s.name()
                    + "' has label '"
                    + label
                    + "'");
          }
        }
      }
      if (aborts == null) {
        throw new IllegalArgumentException("clientAborts: must not be null");
      }
      if (maxRoutes < 1 || maxRoutes > 10_000) {
        throw new IllegalArgumentException("maxRoutes: must be in [1, 10000], was " + maxRoutes);
      }
      return new SliFilter(this);
    }
  }
}
