package io.srekit.http;

import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthSnapshot;
import io.srekit.health.Probe;
import io.srekit.health.ProbeSnapshot;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes probe endpoints over a {@link HealthMonitor}: {@code /livez}, {@code /healthz}
 * (alias of {@code /livez}, or the aggregate), {@code /readyz}, {@code /startupz}, one path per
 * entry ({@code /readyz/db}), and {@code /drainz} when a drain secret is configured.
 *
 * <pre>{@code
 * HttpRouter router = HttpRouter.builder()
 *     .endpoints(ProbeEndpoints.builder(health).build().endpoints())
 *     .build();
 * }</pre>
 *
 * <p>Each request reads the monitor's current snapshot. The default answers ({@code ok} / {@code
 * readyz check failed}, {@code ?verbose}, {@code application/health+json}) are rendered once per
 * snapshot and then served as the same immutable response, so the default probe allocates nothing.
 * Status 200 on pass or warn, 503 on fail, 500 when the health subsystem cannot answer. Reasons
 * from checks are withheld unless the {@link DetailsAuthorizer} allows (off by default); srekit's
 * own short reasons (e.g. {@code timed out after 1s}, {@code draining}) and the failure id that the
 * server log also shows are always visible.
 */
public final class ProbeEndpoints {

  /** What {@code /healthz} answers. */
  public enum Healthz {
    /** Same as {@code /livez} (the default). */
    LIVENESS,
    /** Liveness and readiness together. */
    AGGREGATE
  }

  private static final System.Logger LOG = System.getLogger("io.srekit.http");
  private static final HttpResponse BROKEN = HttpResponse.text(500, "health subsystem unavailable");
  private static final Set<String> NONE = Set.of();

  private final HealthMonitor monitor;
  private final DetailsAuthorizer authorizer;
  private final Healthz healthz;
  private final byte[] drainToken;
  private final String drainPath;
  private volatile Rendered rendered;

  private ProbeEndpoints(Builder b) {
    this.monitor = b.monitor;
    this.authorizer = b.authorizer;
    this.healthz = b.healthz;
    this.drainToken =
        b.drainSecret == null ? null : BearerTokens.expected(b.drainSecret, "drainSecret");
    this.drainPath = b.drainPath;
  }

  /** Starts a builder over {@code monitor}. */
  public static Builder builder(HealthMonitor monitor) {
    return new Builder(monitor);
  }

  /** Every endpoint by exact path, for {@link HttpRouter.Builder#endpoints}. */
  public Map<String, HttpEndpoint> endpoints() {
    Map<String, HttpEndpoint> m = new LinkedHashMap<>();
    m.put("/livez", new ProbeEndpoint(Probe.LIVENESS));
    m.put(
        "/healthz",
        new ProbeEndpoint(healthz == Healthz.LIVENESS ? Probe.LIVENESS : Probe.AGGREGATE));
    m.put("/readyz", new ProbeEndpoint(Probe.READINESS));
    m.put("/startupz", new ProbeEndpoint(Probe.STARTUP));
    HealthSnapshot s = monitor.snapshot();
    for (Probe p : new Probe[] {Probe.LIVENESS, Probe.READINESS, Probe.STARTUP}) {
      for (ProbeSnapshot.Entry e : s.probe(p).entries()) {
        m.put("/" + p.shortName() + "/" + e.name(), new EntryEndpoint(p, e.name()));
      }
    }
    if (drainToken != null) {
      m.put(drainPath, new DrainEndpoint());
    }
    return m;
  }

  /** The precomputed answers of one snapshot. */
  private static final class Rendered {
    final HealthSnapshot snapshot;
    final HttpResponse[] plain = new HttpResponse[Probe.values().length];
    final HttpResponse[] verbose = new HttpResponse[Probe.values().length];
    final HttpResponse[] json = new HttpResponse[Probe.values().length];

    Rendered(HealthSnapshot snapshot) {
      this.snapshot = snapshot;
      for (Probe p : Probe.values()) {
        ProbeSnapshot ps = snapshot.probe(p);
        plain[p.ordinal()] = ProbeRenderer.plain(ps, NONE);
        verbose[p.ordinal()] = ProbeRenderer.verbose(ps, NONE, false);
        json[p.ordinal()] = ProbeRenderer.json(ps, NONE, false);
      }
    }
  }

  private Rendered rendered(HealthSnapshot s) {
    Rendered r = rendered;
    if (r == null || r.snapshot != s) {
      // racing readers may both render; both results are equal, last write wins
      r = new Rendered(s);
      rendered = r;
    }
    return r;
  }

  private static boolean wantsJson(HttpRequest request) {
    String accept = request.header("Accept");
    return accept != null && accept.contains(ProbeRenderer.HEALTH_JSON);
  }

  private final class ProbeEndpoint implements HttpEndpoint {
    private final Probe probe;

    ProbeEndpoint(Probe probe) {
      this.probe = probe;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      try {
        HealthSnapshot s = monitor.snapshot();
        Rendered r = rendered(s);
        boolean json = wantsJson(request);
        String q = request.query();
        if (q == null || q.isEmpty()) {
          if (!json) {
            return r.plain[probe.ordinal()];
          }
          return authorizer.showDetails(request)
              ? ProbeRenderer.json(s.probe(probe), NONE, true)
              : r.json[probe.ordinal()];
        }
        if (!json && "verbose".equals(q) && !authorizer.showDetails(request)) {
          return r.verbose[probe.ordinal()];
        }
        Set<String> excluded = new HashSet<>(request.queryParameters("exclude"));
        boolean verbose = request.hasQueryParameter("verbose");
        boolean details = (verbose || json) && authorizer.showDetails(request);
        if (excluded.isEmpty() && !details) {
          if (json) {
            return r.json[probe.ordinal()];
          }
          return verbose ? r.verbose[probe.ordinal()] : r.plain[probe.ordinal()];
        }
        ProbeSnapshot ps = s.probe(probe);
        if (json) {
          return ProbeRenderer.json(ps, excluded, details);
        }
        return verbose
            ? ProbeRenderer.verbose(ps, excluded, details)
            : ProbeRenderer.plain(ps, excluded);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "probe " + probe.shortName() + " failed", e);
        return BROKEN;
      }
    }
  }

  private final class EntryEndpoint implements HttpEndpoint {
    private final Probe probe;
    private final String name;

    EntryEndpoint(Probe probe, String name) {
      this.probe = probe;
      this.name = name;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      try {
        ProbeSnapshot.Entry e = monitor.snapshot().probe(probe).entry(name);
        if (e == null) {
          return BROKEN;
        }
        boolean json = wantsJson(request);
        return ProbeRenderer.entry(e, json, authorizer.showDetails(request));
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.ERROR, "probe " + probe.shortName() + "/" + name, ex);
        return BROKEN;
      }
    }
  }

  private final class DrainEndpoint implements HttpEndpoint {
    private final Set<String> methods = Set.of("GET", "POST");

    @Override
    public Set<String> methods() {
      return methods;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      if (!BearerTokens.matches(request, drainToken)) {
        return HttpResponse.builder(401)
            .header("WWW-Authenticate", "Bearer")
            .text("unauthorized")
            .build();
      }
      try {
        monitor.drain();
        return HttpResponse.text(200, "drained");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return HttpResponse.text(503, "drain interrupted");
      }
    }
  }

  /** Builds {@link ProbeEndpoints}; {@link #build()} validates. */
  public static final class Builder {
    private final HealthMonitor monitor;
    private DetailsAuthorizer authorizer = DetailsAuthorizer.none();
    private Healthz healthz = Healthz.LIVENESS;
    private String drainSecret;
    private String drainPath = "/drainz";

    private Builder(HealthMonitor monitor) {
      this.monitor = monitor;
    }

    /** Who may see details (default nobody). */
    public Builder authorizer(DetailsAuthorizer authorizer) {
      this.authorizer = authorizer;
      return this;
    }

    /** What {@code /healthz} answers (default {@link Healthz#LIVENESS}). */
    public Builder healthz(Healthz healthz) {
      this.healthz = healthz;
      return this;
    }

    /**
     * Enables the drain endpoint for a Kubernetes {@code preStop} {@code httpGet} hook, which must
     * send {@code Authorization: Bearer <secret>}; it drains and answers after the drain delay.
     * Without a secret there is no drain endpoint.
     */
    public Builder drainSecret(String secret) {
      this.drainSecret = secret;
      return this;
    }

    /** Path of the drain endpoint (default {@code /drainz}). */
    public Builder drainPath(String path) {
      this.drainPath = path;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public ProbeEndpoints build() {
      if (monitor == null) {
        throw new IllegalArgumentException("monitor: must not be null");
      }
      if (authorizer == null) {
        throw new IllegalArgumentException("authorizer: must not be null");
      }
      if (healthz == null) {
        throw new IllegalArgumentException("healthz: must not be null");
      }
      if (drainPath == null || !drainPath.startsWith("/") || drainPath.length() < 2) {
        throw new IllegalArgumentException(
            "drainPath: must start with '/', was '" + drainPath + "'");
      }
      return new ProbeEndpoints(this);
    }
  }
}
