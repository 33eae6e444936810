package io.srekit.spring;

import io.srekit.sli.LatencySli;
import io.srekit.sli.RouteSeries;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Tells the {@link SpringSliFilter} which SLI and route the handler of a request has: the {@link
 * Sli} of the handler method (else of its class, else {@code sre.default-sli}) and the handler's
 * mapping pattern ({@link HandlerMapping#BEST_MATCHING_PATTERN_ATTRIBUTE}, e.g. {@code
 * /users/{id}}), never the raw URI. Resolved {@link RouteSeries} handles are cached per (handler
 * method, pattern), bounded by {@code maxRoutes}; past the bound a route is resolved each time.
 *
 * <p>Per request to a handler method: one probe of a table keyed by the handler's {@link Method}
 * identity (filled at startup by {@link #validate} with every handler method, so annotations are
 * read once per method, never per request), one read of the pattern attribute (none when the
 * {@code @Sli} names a route), an identity compare of the pattern string, and one attribute write
 * for the filter. No lock, no allocation of ours. Other handlers (static resources, the 404 of an
 * unmapped path) under {@code sre.default-sli}: one map read by pattern instead of the probe.
 */
public final class SliHandlerInterceptor implements HandlerInterceptor {

  private static final RouteSeries NONE = null;

  private final SreDefinitions definitions;
  private final int maxRoutes;
  private final IdentityTable<MethodRoutes> byMethod;
  private final Map<String, RouteSeries> byPattern = new ConcurrentHashMap<>();
  private final AtomicInteger routes = new AtomicInteger();

  /** Resolves against {@code definitions}, caching at most {@code maxRoutes} routes. */
  public SliHandlerInterceptor(SreDefinitions definitions, int maxRoutes) {
    if (definitions == null) {
      throw new IllegalArgumentException("definitions: must not be null");
    }
    if (maxRoutes < 1) {
      throw new IllegalArgumentException("maxRoutes: must be >= 1, was " + maxRoutes);
    }
    this.definitions = definitions;
    this.maxRoutes = maxRoutes;
    this.byMethod = new IdentityTable<>(maxRoutes);
  }

  /**
   * Fails if an {@link Sli} on one of {@code handlers} names an SLI that does not exist; otherwise
   * resolves each handler method's SLI once, so requests find it without reading annotations.
   *
   * @throws IllegalStateException naming the handler and the SLI
   */
  public void validate(Iterable<HandlerMethod> handlers) {
    for (HandlerMethod h : handlers) {
      Sli a = annotation(h);
      if (a == null || definitions.sli(a.value()) != null) {
        // Handler methods come from the deployment, not from traffic: all of them are kept.
        byMethod.putIfAbsent(h.getMethod(), methodRoutes(a), true);
      } else {
        throw new IllegalStateException(
            "@Sli on "
                + h.getMethod().toGenericString()
                + " names SLI '"
                + a.value()
                + "', which does not exist; declare it as sre.slis."
                + a.value()
                + " or a LatencySli bean; known: "
                + new TreeSet<>(definitions.slis().keySet()));
      }
    }
  }

  /**
   * Creates, at 0, the series of every {@link Sli}-annotated handler's (method, pattern) pairs, so
   * that they exist from startup: Prometheus' {@code increase()} then counts a route's first
   * requests after a restart, instead of seeing a series born at 1. Handlers whose mapping names no
   * HTTP method, and handlers that only {@code sre.default-sli} covers, are created on first use.
   */
  public void prepare(Map<RequestMappingInfo, HandlerMethod> mappings) {
    for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.entrySet()) {
      HandlerMethod hm = e.getValue();
      if (annotation(hm) == null) {
        continue;
      }
      MethodRoutes m = byMethod.get(hm.getMethod());
      if (m == null) {
        m = byMethod.putIfAbsent(hm.getMethod(), methodRoutes(annotation(hm)), true);
      }
      for (String pattern : e.getKey().getPatternValues()) {
        if (routes.get() >= maxRoutes) {
          return;
        }
        RouteSeries r = m.fixedRoute != null ? m.fixed() : m.route(pattern);
        for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
          r.series(method.name());
        }
      }
    }
  }

  /** Routes cached so far. */
  public int routeCount() {
    return routes.get();
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      RouteSeries r = resolve(request, handler);
      if (r != null) {
        request.setAttribute(SpringSliFilter.ROUTE_ATTRIBUTE, r);
      }
    }
    return true;
  }

  private RouteSeries resolve(HttpServletRequest request, Object handler) {
    if (handler instanceof HandlerMethod hm) {
      Method method = hm.getMethod();
      MethodRoutes m = byMethod.get(method);
      if (m == null) {
        m = byMethod.putIfAbsent(method, methodRoutes(annotation(hm)), false);
      }
      if (m.sli == null) {
        return NONE;
      }
      return m.fixedRoute != null ? m.fixed() : m.route(pattern(request));
    }
    LatencySli sli = definitions.defaultSli();
    if (sli == null) {
      return NONE;
    }
    String pattern = pattern(request);
    RouteSeries r = byPattern.get(pattern);
    if (r == null) {
      r = RouteSeries.of(sli, pattern);
      if (routes.incrementAndGet() <= maxRoutes) {
        RouteSeries prev = byPattern.putIfAbsent(pattern, r);
        if (prev != null) {
          routes.decrementAndGet();
          r = prev;
        }
      } else {
        routes.decrementAndGet();
      }
    }
    return r;
  }

  private static String pattern(HttpServletRequest request) {
    Object p = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return p == null ? "" : p.toString();
  }

  private MethodRoutes methodRoutes(Sli a) {
    LatencySli sli = a == null ? definitions.defaultSli() : definitions.sli(a.value());
    return new MethodRoutes(sli, a == null || a.route().isEmpty() ? null : a.route());
  }

  private static Sli annotation(HandlerMethod hm) {
    Sli a = AnnotatedElementUtils.findMergedAnnotation(hm.getMethod(), Sli.class);
    return a != null ? a : AnnotatedElementUtils.findMergedAnnotation(hm.getBeanType(), Sli.class);
  }

  /**
   * The routes of one handler method: the one route its {@code @Sli} names, else one per pattern
   * (usually one, so a tiny copy-on-write array).
   */
  private final class MethodRoutes {
    final LatencySli sli;
    final String fixedRoute;
    private volatile RouteSeries fixed;
    private volatile RouteSeries[] known = new RouteSeries[0];
    private volatile String[] patterns = new String[0];

    MethodRoutes(LatencySli sli, String fixedRoute) {
      this.sli = sli;
      this.fixedRoute = fixedRoute;
    }

    /** The series of the {@code @Sli}'s route, whatever pattern matched. */
    RouteSeries fixed() {
      RouteSeries f = fixed;
      return f != null ? f : addFixed();
    }

    private synchronized RouteSeries addFixed() {
      if (fixed != null) {
        return fixed;
      }
      RouteSeries r = RouteSeries.of(sli, fixedRoute);
      if (routes.incrementAndGet() > maxRoutes) {
        routes.decrementAndGet();
        return r;
      }
      fixed = r;
      return r;
    }

    RouteSeries route(String pattern) {
      String[] ps = patterns;
      RouteSeries[] rs = known;
      for (int i = 0; i < ps.length && i < rs.length; i++) {
        if (ps[i] == pattern || ps[i].equals(pattern)) {
          return rs[i];
        }
      }
      return add(pattern);
    }

    private synchronized RouteSeries add(String pattern) {
      String[] ps = patterns;
      for (int i = 0; i < ps.length; i++) {
        if (ps[i].equals(pattern)) {
          return known[i];
        }
      }
      RouteSeries r = RouteSeries.of(sli, pattern);
      if (routes.incrementAndGet() > maxRoutes) {
        routes.decrementAndGet();
        return r;
      }
      RouteSeries[] rs = Arrays.copyOf(known, ps.length + 1);
      rs[ps.length] = r;
      String[] nps = Arrays.copyOf(ps, ps.length + 1);
      nps[ps.length] = pattern;
      known = rs;
      patterns = nps;
      return r;
    }
  }
}
