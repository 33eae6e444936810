package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.health.CheckKind;
import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.testing.Await;
import io.srekit.testing.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The endpoint contract every adapter passes: the same probes, {@code /metrics} and {@code /slo}
 * behaviour over real HTTP on 127.0.0.1, whatever serves the {@link HttpRouter}. An adapter's test
 * extends this class and implements {@link #serve}; the JDK server's is {@code
 * ManagementServerEndpointContractTest}, the servlet adapter runs it on Jetty and Tomcat.
 */
public abstract class EndpointContract {

  /** A server serving a router; closed after each test. */
  public interface Served extends AutoCloseable {
    /** Base URI without a trailing slash, e.g. {@code http://127.0.0.1:8080}. */
    URI base();

    @Override
    void close() throws Exception;
  }

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private Served served;

  /** Starts the adapter under test on 127.0.0.1 serving {@code router}, paths as the router has. */
  protected abstract Served serve(HttpRouter router) throws Exception;

  @AfterEach
  void closeAll() throws Exception {
    if (served != null) {
      served.close();
    }
    Collections.reverse(toClose);
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private void start(HttpRouter router) throws Exception {
    served = serve(router);
  }

  /** GET (or another method) on the served adapter. */
  protected HttpResponse<String> send(String method, String path, String... headers) {
    var b =
        java.net.http.HttpRequest.newBuilder(URI.create(served.base() + path))
            .timeout(WAIT)
            .method(method, BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    try {
      return client.send(b.build(), BodyHandlers.ofString());
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }

  /**
   * The response's media type, parameters without the optional space after ';' (containers
   * normalise {@code text/html; charset=utf-8} to {@code text/html;charset=utf-8}; both are the
   * same type).
   */
  protected static String contentType(HttpResponse<?> r) {
    return r.headers().firstValue("Content-Type").orElse("").replace("; ", ";");
  }

  private HttpResponse<String> get(String path, String... headers) {
    return send("GET", path, headers);
  }

  private HealthMonitor monitor(HealthMonitor m) {
    toClose.add(m);
    return m;
  }

  private static CheckSpec.Builder fast(String name, io.srekit.health.HealthCheck check) {
    return CheckSpec.builder(name, check)
        .interval(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(20))
        .staleAfter(Duration.ofMinutes(10));
  }

  @Test
  void probesAnswerWhileACheckHangsAndReadinessFails() throws Exception {
    AtomicBoolean hang = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    HealthMonitor m =
        monitor(
            HealthMonitor.builder()
                .check(
                    fast(
                            "db",
                            () -> {
                              if (hang.get()) {
                                never.await();
                              }
                              return CheckResult.pass();
                            })
                        .kind(CheckKind.DEPENDENCY)
                        .build())
                .build());
    start(HttpRouter.builder().endpoints(ProbeEndpoints.builder(m).build().endpoints()).build());
    m.start();
    Await.until("ready", WAIT, () -> get("/readyz").statusCode() == 200);
    for (int i = 0; i < 30; i++) {
      get("/readyz");
    }
    hang.set(true);
    List<Long> millis = new ArrayList<>();
    boolean notReady = false;
    for (int i = 0; i < 100 || !notReady; i++) {
      assertThat(i).as("probes before readiness failed").isLessThan(5_000);
      long t0 = System.nanoTime();
      var ready = get("/readyz");
      var live = get("/livez");
      millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(live.body()).isEqualTo("ok");
      assertThat(ready.statusCode()).isIn(200, 503);
      notReady |= ready.statusCode() == 503;
    }
    Collections.sort(millis);
    // two probes per sample; the check never returns, so a probe waiting on it would never answer
    assertThat(millis.get(millis.size() / 2)).as("median of two probes, ms").isLessThan(20);
    assertThat(millis.get(millis.size() - 1)).as("slowest two probes, ms").isLessThan(1_000);
    assertThat(get("/readyz?verbose").body())
        .containsPattern("\\[-\\]db failed: timed out after 20ms \\(id [0-9a-f]{8}\\)\n");
  }

  @Test
  void probesHavePathsStatusesHeadersAndMethodsOfTheContract() throws Exception {
    HealthMonitor m =
        monitor(
            HealthMonitor.builder()
                .check(fast("db", CheckResult::pass).build())
                .startupGates("warmup")
                .build());
    start(HttpRouter.builder().endpoints(ProbeEndpoints.builder(m).build().endpoints()).build());
    m.start();
    Await.until(
        "db has a result",
        WAIT,
        () ->
            m.snapshot().check("db").consecutiveFailures() == 0
                && m.snapshot().check("db").status().isHealthy());
    assertThat(get("/startupz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/readyz").body()).isEqualTo("readyz check failed");
    m.releaseGate("warmup");
    for (String p : List.of("/livez", "/healthz", "/readyz", "/startupz", "/readyz/db")) {
      var r = get(p);
      assertThat(r.statusCode()).as(p).isEqualTo(200);
      assertThat(r.headers().firstValue("Cache-Control")).as(p).hasValue("no-store");
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(p).hasValue("nosniff");
      assertThat(r.headers().firstValue("Content-Type"))
          .as(p)
          .hasValueSatisfying(v -> assertThat(v.toLowerCase()).startsWith("text/plain"));
    }
    assertThat(get("/readyz").body()).isEqualTo("ok");
    assertThat(get("/readyz?verbose").body())
        .contains("[+]db ok\n")
        .endsWith("readyz check passed\n");
    var json = get("/readyz", "Accept", "application/health+json");
    assertThat(contentType(json)).isEqualTo("application/health+json");
    assertThat(json.body()).startsWith("{\"status\":\"pass\"");

    var head = send("HEAD", "/livez");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    var post = send("POST", "/readyz");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(get("/readyz/").statusCode()).isEqualTo(404);
    assertThat(get("/readyzx").statusCode()).isEqualTo(404);
    assertThat(get("/readyz?anything=1").statusCode()).isEqualTo(200);
  }

  @Test
  void probeDetailsFromChecksAreWithheld() throws Exception {
    HealthMonitor m =
        monitor(
            HealthMonitor.builder()
                .check(
                    fast(
                            "db",
                            () -> {
                              throw new IllegalStateException("password=hunter2 at db.internal");
                            })
                        .failureThreshold(1)
                        .build())
                .build());
    start(HttpRouter.builder().endpoints(ProbeEndpoints.builder(m).build().endpoints()).build());
    m.start();
    var verbose =
        Await.value(
            "db failing",
            WAIT,
            () -> get("/readyz?verbose"),
            r -> r.body().contains("[-]db failed: reason"));
    assertThat(verbose.statusCode()).isEqualTo(503);
    assertThat(verbose.body()).doesNotContain("hunter2", "IllegalState", "db.internal");
    assertThat(get("/readyz", "Accept", "application/health+json").body())
        .doesNotContain("hunter2");
  }

  @Test
  void metricsNegotiatesTheFormatAndShowsExactCountsPerOutcome() throws Exception {
    LatencySli sli = LatencySli.builder("contract_request").labelNames("route").build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    for (int i = 0; i < 7; i++) {
      sli.series("/login").record(2_000_000L, Outcome.SUCCESS);
    }
    sli.series("/login").record(3_000_000L, Outcome.ERROR);
    sli.series("/login").record(3_000_000L, Outcome.ERROR);
    sli.series("/login").record(1_000_000L, Outcome.INVALID);
    start(
        HttpRouter.builder()
            .endpoint(
                "/metrics", new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(sli)))
            .build());

    var text = get("/metrics");
    assertThat(text.statusCode()).isEqualTo(200);
    assertThat(contentType(text)).isEqualTo("text/plain;version=0.0.4;charset=utf-8");
    Map<String, Double> counts =
        PrometheusText.parse(text.body()).stream()
            .filter(s -> s.name().equals("contract_request_duration_seconds_count"))
            .collect(
                Collectors.toMap(
                    s -> s.label("outcome"), PrometheusText.Sample::value, Double::sum));
    assertThat(counts)
        .containsExactlyInAnyOrderEntriesOf(Map.of("success", 7.0, "error", 2.0, "invalid", 1.0));

    var om =
        get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(contentType(om))
        .isEqualTo("application/openmetrics-text;version=1.0.0;charset=utf-8");
    assertThat(om.body()).endsWith("# EOF\n");
    assertThat(send("HEAD", "/metrics").body()).isEmpty();
  }

  @Test
  void sloIsJsonOrAPageAndRefusesStateChanges() throws Exception {
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("contract_slo_request").latencyThreshold(0.5).clock(clock).build();
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("contract-availability", sli).objective("0.999").build())
            .build();
    for (int t = 0; t < 10; t++) {
      sli.series().record(1_000_000L, Outcome.SUCCESS);
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    start(HttpRouter.builder().endpoint("/slo", new SloEndpoint(engine)).build());

    var json = get("/slo");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(contentType(json)).isEqualTo("application/json");
    assertThat(json.body()).startsWith("{").contains("\"contract-availability\"");
    var page = get("/slo", "Accept", "text/html");
    assertThat(contentType(page)).isEqualTo("text/html;charset=utf-8");
    assertThat(page.body()).startsWith("<!DOCTYPE html>");
    var post = send("POST", "/slo");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
    assertThat(send("DELETE", "/slo").statusCode()).isEqualTo(405);
  }
}
