package io.srekit.examples.userauth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.examples.userauth.ops.K8sManifests;
import io.srekit.health.CheckKind;
import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.health.Impact;
import io.srekit.http.HttpRouter;
import io.srekit.http.ManagementServer;
import io.srekit.http.MetricsEndpoint;
import io.srekit.http.ProbeEndpoints;
import io.srekit.http.SloEndpoint;
import io.srekit.metrics.SloMeterBinder;
import io.srekit.rules.RulesCli;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user-auth example service. Serves {@code POST /login}, {@code GET /users/{id}} and {@code GET
 * /metrics}; every request of the first two is recorded into the {@code user_auth_request} SLI with
 * its method, route template and outcome.
 */
public final class UserAuthApplication implements AutoCloseable {

  private static final Pattern FIELD =
      Pattern.compile("\"(username|password)\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern USER_PATH = Pattern.compile("/users/([A-Za-z0-9_-]{1,64})");

  private final HttpServer server;
  private final ExecutorService executor;
  private final PrometheusMeterRegistry registry;
  private final LatencySli sli;
  private final SloEngine engine;
  private final HealthMonitor health;
  private final UserStore users;
  private final SliSeries login;
  private final SliSeries userById;

  private volatile Faults faults = Faults.NONE;

  private UserAuthApplication(int port, int pbkdf2Iterations) throws IOException {
    this(port, pbkdf2Iterations, false, SloEngine.DEFAULT_TICK);
  }

  private UserAuthApplication(int port, int pbkdf2Iterations, boolean faultsEnabled, Duration tick)
      throws IOException {
    this(port, pbkdf2Iterations, faultsEnabled, tick, UserAuthApplication::slos);
  }

  private UserAuthApplication(
      int port,
      int pbkdf2Iterations,
      boolean faultsEnabled,
      Duration tick,
      java.util.function.Function<LatencySli, List<Slo>> sloDefinitions)
      throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.users = UserStore.demo(pbkdf2Iterations);
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    this.sli = newSli();
    // Resolve the series once; the request path only records.
    this.login = sli.series("POST", "/login");
    this.userById = sli.series("GET", "/users/{id}");

    this.engine = SloEngine.builder().slos(sloDefinitions.apply(sli)).tick(tick).build();
    new SloMeterBinder(engine).bindTo(registry);
    engine.start();

    this.health =
        HealthMonitor.builder()
            .check(
                CheckSpec.builder(
                        "user-store",
                        () ->
                            users.usernameOf("1") != null
                                ? CheckResult.pass()
                                : CheckResult.fail("demo users missing"))
                    .kind(CheckKind.DEPENDENCY)
                    .impact(Impact.READINESS)
                    .build())
            .startupGates("users-seeded")
            .drainDelay(K8sManifests.DRAIN_DELAY)
            .meterRegistry(registry)
            .build();
    health.start();

    HttpRouter router =
        HttpRouter.builder()
            .endpoints(probes(health, System.getenv("SREKIT_DRAIN_SECRET")).endpoints())
            .endpoint(
                "/metrics", new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(sli)))
            .endpoint("/slo", new SloEndpoint(engine))
            .build();

    this.server = HttpServer.create(new InetSocketAddress(port), 128);
    // Enough threads that injected latency (a parked thread per slow login) does not queue others.
    this.executor = Executors.newFixedThreadPool(faultsEnabled ? 256 : 16);
    server.setExecutor(executor);
    server.createContext("/login", this::login);
    server.createContext("/users/", this::user);
    if (faultsEnabled) {
      server.createContext("/admin/faults", this::faults);
    }
    for (String path : router.paths()) {
      server.createContext(path, ManagementServer.handler(router));
    }
    server.start();
    health.releaseGate("users-seeded");
  }

  /** The probes; {@code /drainz} (for the preStop hook) only when a drain secret is set. */
  private static ProbeEndpoints probes(HealthMonitor health, String drainSecret) {
    ProbeEndpoints.Builder b = ProbeEndpoints.builder(health);
    if (drainSecret != null && !drainSecret.isBlank()) {
      b.drainSecret(drainSecret);
    }
    return b.build();
  }

  /** The {@code user_auth_request} SLI: method and route labels, 500 ms a bucket bound. */
  static LatencySli newSli() {
    return LatencySli.builder("user_auth_request")
        .help("Latency of user-auth requests.")
        .labelNames("method", "route")
        .latencyThreshold(0.5)
        .build();
  }

  /** user-auth's SLOs: 99.9 % succeed, 99 % within 500 ms, over a rolling 30 days. */
  public static List<Slo> slos(LatencySli sli) {
    return List.of(
        Slo.availability("user-auth-availability", sli)
            .objective("0.999")
            .description("Login and lookup requests that do not fail")
            .build(),
        Slo.latency("user-auth-latency", sli, 0.5)
            .objective("0.99")
            .description("Requests answered within 500 ms")
            .build());
  }

  /** Starts the service on {@code port} (0 picks a free one). */
  public static UserAuthApplication start(int port, int pbkdf2Iterations) throws IOException {
    return new UserAuthApplication(port, pbkdf2Iterations);
  }

  /**
   * Starts the service with the fault endpoint ({@code /admin/faults}, loopback only) and the
   * error-budget engine ticking every {@code tick}.
   */
  public static UserAuthApplication startWithFaults(int port, int pbkdf2Iterations, Duration tick)
      throws IOException {
    return new UserAuthApplication(port, pbkdf2Iterations, true, tick);
  }

  /**
   * Starts the service with faults enabled and SLOs from {@code sloDefinitions} (e.g. with shorter
   * alert windows for an end-to-end test; the math is the same).
   */
  static UserAuthApplication startForTest(
      int pbkdf2Iterations,
      Duration tick,
      java.util.function.Function<LatencySli, List<Slo>> sloDefinitions)
      throws IOException {
    return new UserAuthApplication(0, pbkdf2Iterations, true, tick, sloDefinitions);
  }

  private CheckResult checkUserStore() {
    Faults f = faults;
    if (f.dependency() == Faults.Dependency.HANG) {
      // A dependency that never answers: srekit's deadline fails the run and interrupts it.
      while (!Thread.currentThread().isInterrupted()) {
        java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
      }
      return CheckResult.fail("interrupted");
    }
    if (f.dependency() == Faults.Dependency.DOWN) {
      return CheckResult.fail("user store unavailable (injected)");
    }
    return users.usernameOf("1") != null
        ? CheckResult.pass()
        : CheckResult.fail("demo users missing");
  }

  private void faults(HttpExchange ex) throws IOException {
    if (!ex.getRemoteAddress().getAddress().isLoopbackAddress()) {
      send(ex, 403, "text/plain", "faults can only be injected from loopback\n");
      return;
    }
    switch (ex.getRequestMethod()) {
      case "GET" -> send(ex, 200, "application/json", faults.toJson());
      case "POST" -> {
        try {
          faults = Faults.parse(ex.getRequestURI().getRawQuery());
          send(ex, 200, "application/json", faults.toJson());
        } catch (IllegalArgumentException e) {
          send(ex, 400, "text/plain", e.getMessage() + "\n");
        }
      }
      case "DELETE" -> {
        faults = Faults.NONE;
        send(ex, 200, "application/json", faults.toJson());
      }
      default -> {
        ex.getResponseHeaders().set("Allow", "DELETE, GET, POST");
        send(ex, 405, "text/plain", "method not allowed\n");
      }
    }
  }

  /** The port the service listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** The SLI every request is recorded into. */
  public LatencySli sli() {
    return sli;
  }

  /** The error-budget engine. */
  public SloEngine engine() {
    return engine;
  }

  /** The health monitor behind the probes. */
  public HealthMonitor health() {
    return health;
  }

  /** Fails readiness, keeps serving for the drain delay, then stops. */
  public void drainAndClose() throws InterruptedException {
    health.drain();
    close();
  }

  private void login(HttpExchange ex) throws IOException {
    long start = login.startNanos();
    int status = 500;
    Throwable error = null;
    try {
      if (!ex.getRequestURI().getPath().equals("/login")) {
        status = send(ex, 404, "text/plain", "not found\n");
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        ex.getResponseHeaders().set("Allow", "POST");
        status = send(ex, 405, "text/plain", "method not allowed\n");
        return;
      }
      String body = new String(ex.getRequestBody().readNBytes(4096), StandardCharsets.UTF_8);
      String username = null;
      String password = null;
      Matcher m = FIELD.matcher(body);
      while (m.find()) {
        if (m.group(1).equals("username")) {
          username = m.group(2);
        } else {
          password = m.group(2);
        }
      }
      Faults f = faults;
      int delay = f.latencyFor();
      if (delay > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(delay * 1_000_000L);
      }
      boolean failed = f.fails();
      if (failed || f.dependency() != Faults.Dependency.UP) {
        status = send(ex, failed ? 500 : 503, "application/json", "{\"error\":\"injected\"}\n");
        return;
      }
      String id = username == null ? null : users.authenticate(username, password);
      status =
          id == null
              ? send(ex, 401, "application/json", "{\"error\":\"invalid credentials\"}\n")
              : send(
                  ex,
                  200,
                  "application/json",
                  "{\"token\":\"" + UUID.randomUUID() + "\",\"userId\":\"" + id + "\"}\n");
    } catch (IOException | RuntimeException e) {
      error = e;
      throw e;
    } finally {
      login.recordSince(start, sli.classifier().classify(status, error));
    }
  }

  private void user(HttpExchange ex) throws IOException {
    long start = userById.startNanos();
    int status = 500;
    try {
      Matcher m = USER_PATH.matcher(ex.getRequestURI().getPath());
      if (!m.matches() || !"GET".equals(ex.getRequestMethod())) {
        status = send(ex, 404, "text/plain", "not found\n");
        return;
      }
      String name = users.usernameOf(m.group(1));
      status =
          name == null
              ? send(ex, 404, "application/json", "{\"error\":\"no such user\"}\n")
              : send(
                  ex,
                  200,
                  "application/json",
                  "{\"id\":\"" + m.group(1) + "\",\"username\":\"" + name + "\"}\n");
    } finally {
      userById.recordSince(start, status >= 500 ? Outcome.ERROR : Outcome.SUCCESS);
    }
  }

  private static int send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
    return status;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    engine.close();
    health.close();
  }

  /**
   * Starts user-auth on {@code --server.port=N}, {@code $PORT} or 8080 and serves until stopped;
   * {@code rules [--crd]} prints the Prometheus rules for its SLOs instead.
   */
  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("k8s")) {
      // Deployment, Service, ServiceMonitor, HPA and the PrometheusRules, as committed in k8s/.
      System.out.print(K8sManifests.render(slos(newSli())));
      return;
    }
    if (args.length > 0 && args[0].equals("drain")) {
      System.exit(Drain.run(System.getenv()));
      return;
    }
    if (args.length > 0 && args[0].equals("rules")) {
      // The Prometheus rules for the same SLOs: plain, or --crd for a PrometheusRule.
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      String[] withService = new String[rest.length + 2];
      withService[0] = "--service";
      withService[1] = "user-auth";
      System.arraycopy(rest, 0, withService, 2, rest.length);
      System.exit(RulesCli.run(slos(newSli()), withService, System.out));
      return;
    }
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
    boolean demo = false;
    boolean faults = false;
    for (String a : args) {
      if (a.startsWith("--server.port=")) {
        port = Integer.parseInt(a.substring("--server.port=".length()));
      } else if (a.equals("--demo")) {
        demo = true;
      } else if (a.equals("--faults")) {
        faults = true;
      }
    }
    if (demo) {
      // Cheap logins (a few hundred per second on two cores) and a 1 s engine tick for the demo.
      UserAuthApplication app = startWithFaults(port, 1_000, Duration.ofSeconds(1));
      Demo d =
          new Demo(
              app,
              System.out,
              Duration.ofSeconds(30),
              Duration.ofSeconds(45),
              Duration.ofMinutes(5),
              Duration.ofSeconds(5));
      Runtime.getRuntime().addShutdownHook(new Thread(d::stop, "user-auth-demo-stop"));
      boolean firedAndResolved = false;
      try {
        firedAndResolved = d.run();
      } catch (Exception e) {
        System.err.println("demo failed: " + e);
      } finally {
        app.close();
      }
      // Exit status 3 when the page did not fire and resolve, so scripts (and CI) can tell.
      System.exit(firedAndResolved ? 0 : 3);
      return;
    }
    UserAuthApplication app =
        faults ? startWithFaults(port, 20_000, SloEngine.DEFAULT_TICK) : start(port, 20_000);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    app.drainAndClose();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "user-auth-shutdown"));
    System.out.printf(
        "user-auth listening on http://127.0.0.1:%1$d%n"
            + "  curl -s -XPOST localhost:%1$d/login"
            + " -d '{\"username\":\"alice\",\"password\":\"wonderland\"}'%n"
            + "  curl -s localhost:%1$d/metrics | grep user_auth_request%n"
            + "  curl -s localhost:%1$d/readyz?verbose%n"
            + "  curl -s localhost:%1$d/slo        (or open it in a browser)%n",
        app.port());
  }
}
