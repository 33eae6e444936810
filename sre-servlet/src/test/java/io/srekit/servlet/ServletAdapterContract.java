package io.srekit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.health.HealthMonitor;
import io.srekit.http.HttpRouter;
import io.srekit.http.MetricsEndpoint;
import io.srekit.http.ProbeEndpoints;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.sli.ClientAbortPolicy;
import io.srekit.sli.LatencySli;
import io.srekit.testing.Await;
import io.srekit.testing.PrometheusText;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The servlet adapter's behaviour in a real container over real HTTP on 127.0.0.1: recording (sync,
 * async, every outcome, client aborts), routes and cardinality, probes before other filters, the
 * startup gate and the drain. Extended once per container.
 */
abstract class ServletAdapterContract {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String DRAIN_TOKEN = "drain-token-for-tests-0123";

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  LatencySli appSli;
  LatencySli otherSli;
  SliFilter filter;
  HealthMonitor health;
  Containers.Running running;

  abstract Containers.Kind kind();

  @BeforeEach
  void reset() {
    TestApp.reset();
  }

  @AfterEach
  void stop() throws Exception {
    if (running != null) {
      running.close();
    }
    if (health != null) {
      health.close();
    }
  }

  /** Starts the container with srekit set up the way an application does (the initializer). */
  void start(ClientAbortPolicy aborts, boolean withDefaultSli, Duration drainDelay)
      throws Exception {
    appSli = LatencySli.builder("app_request").labelNames("method", "route").build();
    otherSli = LatencySli.builder("other_request").labelNames("method", "route").build();
    SliFilter.Builder fb = SliFilter.builder().sli(appSli).clientAborts(aborts);
    if (withDefaultSli) {
      fb.defaultSli(otherSli);
    }
    filter = fb.build();
    health = HealthMonitor.builder().startupGates("servlet-context").drainDelay(drainDelay).build();
    health.start();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(appSli).bindTo(registry);
    new SliMeterBinder(otherSli).bindTo(registry);
    HttpRouter router =
        HttpRouter.builder()
            .endpoints(ProbeEndpoints.builder(health).drainSecret(DRAIN_TOKEN).build().endpoints())
            .endpoint(
                "/metrics",
                new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(appSli, otherSli)))
            .build();
    TestApp.setup =
        SreServletSetup.builder()
            .router(router)
            .sliFilter(filter)
            .health(health)
            .startupGate("servlet-context")
            .build();
    Map<jakarta.servlet.ServletContainerInitializer, Set<Class<?>>> scis = new LinkedHashMap<>();
    scis.put(new TestApp(), Set.of());
    scis.put(new SreServletInitializer(), Set.of(TestApp.Configurer.class));
    running = Containers.start(kind(), scis);
  }

  void start() throws Exception {
    start(ClientAbortPolicy.INVALID, false, Duration.ofSeconds(30));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + running.port() + path);
  }

  HttpResponse<String> send(String method, String path, String... headers) {
    var b =
        HttpRequest.newBuilder(uri(path))
            .timeout(WAIT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return client.send(b.build(), BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }

  HttpResponse<String> get(String path) {
    return send("GET", path);
  }

  /** {@code _count} per "method route outcome" of one family, from a real scrape. */
  Map<String, Long> counts(String family) {
    Map<String, Long> out = new TreeMap<>();
    for (PrometheusText.Sample s : PrometheusText.parse(get("/metrics").body())) {
      if (s.name().equals(family + "_duration_seconds_count") && s.value() > 0) {
        out.merge(
            s.label("method") + " " + s.label("route") + " " + s.label("outcome"),
            (long) s.value(),
            Long::sum);
      }
    }
    return out;
  }

  Map<String, Long> awaitCounts(String family, Map<String, Long> expected) {
    return Await.value("counts " + expected, WAIT, () -> counts(family), expected::equals);
  }

  @Test
  void everyOutcomeIsCountedExactlyOnceSyncAndAsync() throws Exception {
    start();
    for (String q : List.of("", "?status=201", "?status=204")) {
      assertThat(get("/users/42" + q).statusCode()).isBetween(200, 299);
    }
    assertThat(get("/users/7?status=404").statusCode()).isEqualTo(404);
    assertThat(get("/users/8?status=400").statusCode()).isEqualTo(400);
    assertThat(get("/users/9?status=503").statusCode()).isEqualTo(503);
    assertThat(get("/users/9?status=500").statusCode()).isEqualTo(500);
    assertThat(get("/users/1?throw").statusCode()).isEqualTo(500);
    assertThat(send("POST", "/users/1").statusCode()).isEqualTo(200);
    assertThat(send("BREW", "/users/1").statusCode()).isEqualTo(200);

    assertThat(get("/async").body()).isEqualTo("async 200");
    assertThat(get("/async?status=503").statusCode()).isEqualTo(503);
    assertThat(get("/async?timeout").statusCode()).isGreaterThanOrEqualTo(500);

    awaitCounts(
        "app_request",
        Map.of(
            "GET /users/{id} success", 5L,
            "GET /users/{id} error", 3L,
            "POST /users/{id} success", 1L,
            "_OTHER /users/{id} success", 1L,
            "GET /async success", 1L,
            "GET /async error", 2L));
    assertThat(filter.inFlight().total()).isZero();
    // nothing counted twice: a quiet moment later, still the same
    Thread.sleep(300); // a grace period for any late double-record to show; not synchronisation
    assertThat(counts("app_request").values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(13);
  }

  @Test
  void clientAbortIsRecordedAsInvalidAndTheFilterKeepsWorking() throws Exception {
    start();
    abortSlowRequest();
    awaitCounts("app_request", Map.of("GET /slow invalid", 1L));
    Await.until("in flight back to zero", WAIT, () -> filter.inFlight().total() == 0);
    assertThat(get("/users/1").statusCode()).isEqualTo(200);
    awaitCounts("app_request", Map.of("GET /slow invalid", 1L, "GET /users/{id} success", 1L));
  }

  @Test
  void clientAbortIsNotRecordedWhenExcluded() throws Exception {
    start(ClientAbortPolicy.EXCLUDE, false, Duration.ofSeconds(30));
    abortSlowRequest();
    Await.until("in flight back to zero", WAIT, () -> filter.inFlight().total() == 0);
    assertThat(get("/users/1").statusCode()).isEqualTo(200);
    assertThat(awaitCounts("app_request", Map.of("GET /users/{id} success", 1L)))
        .doesNotContainKey("GET /slow invalid");
  }

  private void abortSlowRequest() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", running.port()), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      assertThat(in.read(new byte[1024])).isPositive();
      assertThat(TestApp.slowEntered.await(20, TimeUnit.SECONDS)).isTrue();
      s.setSoLinger(true, 0); // reset the connection, as a client that gives up does
    }
  }

  @Test
  void probesAreAnsweredBeforeOtherFiltersAndNeverRecorded() throws Exception {
    start(ClientAbortPolicy.INVALID, true, Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) {
      assertThat(get("/livez").statusCode()).isEqualTo(200);
      assertThat(get("/readyz").statusCode()).isEqualTo(200);
      assertThat(get("/startupz").statusCode()).isEqualTo(200);
    }
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
    assertThat(TestApp.authFilterCalls.get()).isZero();
    assertThat(get("/plain").body()).isEqualTo("plain");
    assertThat(TestApp.authFilterCalls.get()).isEqualTo(1);
    assertThat(awaitCounts("other_request", Map.of("GET /plain success", 1L))).hasSize(1);
    assertThat(counts("app_request")).isEmpty();
  }

  @Test
  void unannotatedServletsAreNotRecordedWithoutADefaultSli() throws Exception {
    start();
    assertThat(get("/plain").body()).isEqualTo("plain");
    assertThat(get("/users/1").statusCode()).isEqualTo(200);
    awaitCounts("app_request", Map.of("GET /users/{id} success", 1L));
    assertThat(counts("other_request")).isEmpty();
  }

  @Test
  void hundredThousandRandomPathsKeepSeriesAndMemoryBounded() throws Exception {
    start(ClientAbortPolicy.INVALID, true, Duration.ofSeconds(30));
    int routesBefore = filter.routeCount();
    fireRandomPaths(10_000);
    long heapAfterWarmup = usedHeapAfterGc();
    fireRandomPaths(90_000);
    long heapAfter = usedHeapAfterGc();
    Map<String, Long> counts = awaitCounts("other_request", Map.of("GET / success", 100_000L));
    assertThat(counts).hasSize(1);
    assertThat(otherSli.snapshot().series()).hasSize(1);
    assertThat(appSli.snapshot().series()).isEmpty();
    assertThat(filter.routeCount()).isEqualTo(routesBefore);
    assertThat(get("/metrics").body()).doesNotContain("/rnd-");
    assertThat((heapAfter - heapAfterWarmup) / (1024 * 1024))
        .as("heap growth over 90,000 distinct paths, MiB")
        .isLessThan(32);
  }

  private void fireRandomPaths(int n) throws Exception {
    Semaphore window = new Semaphore(16);
    AtomicInteger bad = new AtomicInteger();
    for (int i = 0; i < n; i++) {
      assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).isTrue();
      String path = "/rnd-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "/" + i;
      client
          .sendAsync(
              HttpRequest.newBuilder(uri(path)).timeout(WAIT).build(), BodyHandlers.discarding())
          .whenComplete(
              (r, e) -> {
                if (e != null || r.statusCode() != 404) {
                  bad.incrementAndGet();
                }
                window.release();
              });
    }
    assertThat(window.tryAcquire(16, 30, TimeUnit.SECONDS)).isTrue();
    window.release(16);
    assertThat(bad.get()).isZero();
  }

  private static long usedHeapAfterGc() {
    var mem = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return mem.getHeapMemoryUsage().getUsed();
  }

  @Test
  void contextInitializedReleasesTheStartupGateAndDestroyWaitsForRequestsInFlight()
      throws Exception {
    start();
    assertThat(get("/startupz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    CompletableFuture<HttpResponse<String>> held =
        client.sendAsync(
            HttpRequest.newBuilder(uri("/hold")).timeout(WAIT).build(), BodyHandlers.ofString());
    assertThat(TestApp.holdEntered.await(20, TimeUnit.SECONDS)).isTrue();
    assertThat(filter.inFlight().counts()).containsEntry("app_request", 1L);
    long t0 = System.nanoTime();
    Containers.Running r = running;
    running = null;
    CompletableFuture<Void> stopped =
        CompletableFuture.runAsync(
            () -> {
              try {
                r.close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Await.until("draining", WAIT, () -> health.snapshot().draining());
    assertThat(stopped).isNotDone();
    TestApp.holdRelease.countDown();
    stopped.get(20, TimeUnit.SECONDS);
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0))
        .as("stop returned when the last request ended, well before the 30 s drain delay")
        .isLessThan(15);
    assertThat(filter.inFlight().total()).isZero();
    held.handle((resp, e) -> null).get(20, TimeUnit.SECONDS);
  }

  @Test
  void preStopDrainNeedsTheTokenAndFailsReadiness() throws Exception {
    start(ClientAbortPolicy.INVALID, false, Duration.ofMillis(100));
    assertThat(send("POST", "/drainz").statusCode()).isEqualTo(401);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    var drained = send("POST", "/drainz", "Authorization", "Bearer " + DRAIN_TOKEN);
    assertThat(drained.statusCode()).isEqualTo(200);
    assertThat(drained.body()).isEqualTo("drained");
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/livez").statusCode()).isEqualTo(200);
    assertThat(TestApp.authFilterCalls.get()).isZero();
  }
}
