package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.metrics.SloMeterBinder;
import io.srekit.sli.BucketBounds;
import io.srekit.sli.LatencySli;
import io.srekit.sli.SliSeries;
import io.srekit.slo.AlertPolicy;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.slo.SloStatus;
import io.srekit.testing.Await;
import io.srekit.testing.PrometheusProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's, on 127.0.0.1, 1 s scrape and evaluation) scrapes a service
 * instrumented with srekit and evaluates the generated rules, while the test drives HTTP traffic
 * with known outcomes through it: the recorded error ratios equal the engine's per window (1 m and
 * 5 m, over two phases with different error and slow shares, so a swapped or widened window fails),
 * and {@code histogram_quantile} lands within one bucket of the exact p99.
 */
class RealPrometheusTest {

  private static final Duration DEADLINE = Duration.ofSeconds(40);

  /**
   * Phase 1 leaves the engine's 1 m window after 60 s plus at most one 10 s ring step and a tick,
   * and Prometheus' 1 m range after 60 s plus a scrape and an evaluation.
   */
  private static final Duration LEAVES_1M = Duration.ofSeconds(100);

  private static final String AVAILABILITY = "login-availability";
  private static final String LATENCY = "login-latency";

  @Test
  void prometheusRecordsTheEnginesRatiosPerWindowAndTheP99WithinOneBucket(@TempDir Path dir)
      throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    WorkClock clock = new WorkClock();
    LatencySli sli =
        LatencySli.builder("user_auth_request")
            .labelNames("route")
            .latencyThreshold(0.5)
            .clock(clock)
            .build();
    // The workbook's alerts plus a 5m/1m pair, so the rules record slo:sli_error:ratio_rate1m.
    List<BurnRateAlert> alerts = new ArrayList<>(AlertPolicy.workbook().alerts());
    alerts.add(
        BurnRateAlert.withFactor(
            BurnRateAlert.Severity.PAGE, "14.4", Duration.ofMinutes(5), Duration.ofMinutes(1)));
    AlertPolicy policy = new AlertPolicy(alerts);
    Slo availability =
        Slo.availability(AVAILABILITY, sli).objective("0.999").alerts(policy).build();
    Slo latency = Slo.latency(LATENCY, sli, 0.5).objective("0.99").alerts(policy).build();
    SloEngine engine =
        SloEngine.builder().slo(availability).slo(latency).tick(Duration.ofSeconds(1)).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    new SloMeterBinder(engine).bindTo(registry);

    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    // Resolved once at start-up, as a service does: both routes export zeros before traffic.
    SliSeries login = sli.series("/login");
    SliSeries token = sli.series("/token");
    server.createContext("/login", exchange -> serve(exchange, login, clock));
    server.createContext("/token", exchange -> serve(exchange, token, clock));
    server.start();
    String service = "127.0.0.1:" + server.getAddress().getPort();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    SloRules rules = SloRules.of(List.of(availability, latency), RulesOptions.defaults());
    assertThat(rules.rulesYaml()).contains("record: slo:sli_error:ratio_rate1m\n");
    long startedNanos = System.nanoTime();
    try (PrometheusProcess prom = PrometheusProcess.start(dir, service, rules.rulesYaml())) {
      engine.start();
      // Two scrapes of the zeros first, so that increase() starts from 0 for every series.
      Await.eventually(
          DEADLINE,
          "two scrapes of the idle service",
          () ->
              prom.query(
                  "count_over_time(user_auth_request_duration_seconds_count"
                      + "{outcome=\"success\",route=\"/login\"}[1m])"),
          v -> v >= 2);

      // Phase 1: 5 % errors, 50 % slower than 0.5 s.
      Traffic phase1 = send(http, service, new SplittableRandom(1), 2000, 0.05, 0.5);
      awaitScraped(prom, engine, phase1.requests);
      // Both windows hold phase 1 only.
      Ratios p1 = compare(prom, engine, phase1, phase1);

      // Wait until phase 1 has left the 1m window, in the engine and in Prometheus (no traffic in
      // the window: no sample).
      Await.eventually(
          LEAVES_1M,
          "phase 1 out of the engine's and Prometheus' 1m windows",
          () ->
              engine.status(AVAILABILITY).windows().get("1m").validEvents() == 0
                  && engine.status(LATENCY).windows().get("1m").validEvents() == 0
                  && Double.isNaN(prom.query(ratio("1m", AVAILABILITY)))
                  && Double.isNaN(prom.query(ratio("1m", LATENCY))),
          done -> done);

      // Phase 2: 20 % errors, 10 % slow. The 1m window holds phase 2 only, the 5m window both.
      Traffic phase2 = send(http, service, new SplittableRandom(2), 2000, 0.2, 0.1);
      Traffic both = phase1.plus(phase2);
      awaitScraped(prom, engine, both.requests);
      Ratios p2 = compare(prom, engine, phase2, both);
      // Sensitivity: the two phases' ratios are far apart, so a window that held the other phase
      // (swapped, widened or narrowed) could not match.
      assertThat(Math.abs(phase2.availability() - both.availability())).isGreaterThan(0.03);
      assertThat(Math.abs(phase2.latency() - both.latency())).isGreaterThan(0.1);

      double exact = sli.quantiles(Duration.ofMinutes(5)).p99();
      double width = bucketWidth(sli.bounds(), exact);
      double promP99 =
          prom.query(
              "histogram_quantile(0.99, sum by (le) "
                  + "(rate(user_auth_request_duration_seconds_bucket[5m])))");
      assertThat(Math.abs(promP99 - exact))
          .as("p99 %s vs exact %s", promP99, exact)
          .isLessThanOrEqualTo(width);

      double info =
          prom.query(
              "count(srekit_slo_info{slo=\""
                  + AVAILABILITY
                  + "\",definition_hash=\""
                  + availability.definitionHash()
                  + "\"})");
      assertThat(info).as("the engine's info series carries the rules' hash").isEqualTo(1.0);
      double engineRemaining = engine.status(AVAILABILITY).remaining();
      assertThat(engineRemaining).isCloseTo(1 - both.availability() / 0.001, within(1e-9 / 0.001));
      double remaining =
          Await.eventually(
              DEADLINE,
              "slo:period_error_budget_remaining:ratio near " + engineRemaining,
              () ->
                  prom.query(
                      "slo:period_error_budget_remaining:ratio{sloth_slo=\""
                          + AVAILABILITY
                          + "\"}"),
              v -> Math.abs(v - engineRemaining) < 1e-9);

      String report =
          String.format(
              "real Prometheus vs engine (%d HTTP requests, %.1f s):%n"
                  + "  phase 1 (1m = 5m): availability %s vs %s, latency %s vs %s%n"
                  + "  phase 2: availability 1m %s vs %s, 5m %s vs %s;"
                  + " latency 1m %s vs %s, 5m %s vs %s%n"
                  + "  p99 histogram_quantile %s vs exact %s (bucket width %s),"
                  + " budget remaining %s vs %s%n",
              both.requests,
              (System.nanoTime() - startedNanos) / 1e9,
              p1.prom1m[0],
              p1.engine1m[0],
              p1.prom1m[1],
              p1.engine1m[1],
              p2.prom1m[0],
              p2.engine1m[0],
              p2.prom5m[0],
              p2.engine5m[0],
              p2.prom1m[1],
              p2.engine1m[1],
              p2.prom5m[1],
              p2.engine5m[1],
              promP99,
              exact,
              width,
              remaining,
              engineRemaining);
      System.out.print(report);
      Files.writeString(Path.of("target", "real-prometheus-agreement.txt"), report);
    } finally {
      server.stop(0);
      engine.close();
    }
  }

  /**
   * The instrumented service: times the request with {@link SliSeries#startNanos()} and {@link
   * SliSeries#recordSince}, classifies the status with the SLI's classifier. Its "work" is the
   * latency the request asks for ({@code ?ms=}), done by advancing the SLI's clock instead of
   * sleeping, so 4000 requests of up to a second take a few seconds; it answers the status the
   * request asks for ({@code ?status=}).
   */
  private static void serve(HttpExchange exchange, SliSeries series, WorkClock clock)
      throws IOException {
    long start = series.startNanos();
    long ms = 0;
    int status = 200;
    for (String param : exchange.getRequestURI().getRawQuery().split("&")) {
      String[] kv = param.split("=", 2);
      switch (kv[0]) {
        case "ms" -> ms = Long.parseLong(kv[1]);
        case "status" -> status = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("query parameter " + param);
      }
    }
    clock.work(ms * 1_000_000L);
    series.recordSince(start, series.sli().classifier().classify(status, null));
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /**
   * Sends {@code n} requests, each to {@code /login} or (one in three) {@code /token}, an error
   * (HTTP 503) with probability {@code errorShare} and slower than 0.5 s with probability {@code
   * slowShare}; latencies are 5, 15, …, 995 ms, at least 5 ms from every bucket bound, so the
   * server's own microseconds never move a request across one. Returns what it sent.
   */
  private static Traffic send(
      HttpClient http,
      String service,
      SplittableRandom random,
      int n,
      double errorShare,
      double slowShare)
      throws Exception {
    long errors = 0;
    long slow = 0;
    for (int i = 0; i < n; i++) {
      String route = i % 3 == 0 ? "/token" : "/login";
      boolean error = random.nextDouble() < errorShare;
      boolean isSlow = random.nextDouble() < slowShare;
      long ms = (isSlow ? 505 : 5) + 10L * random.nextInt(50);
      int status = error ? 503 : 200;
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://" + service + route + "?ms=" + ms + "&status=" + status))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(status);
      errors += error ? 1 : 0;
      slow += isSlow ? 1 : 0;
    }
    return new Traffic(n, errors, slow);
  }

  /** Waits until Prometheus scraped and the engine ticked {@code requests} requests. */
  private static void awaitScraped(PrometheusProcess prom, SloEngine engine, long requests) {
    Await.eventually(
        DEADLINE,
        "a scrape with " + requests + " requests",
        () -> prom.query("sum(user_auth_request_duration_seconds_count)"),
        v -> v == requests);
    Await.eventually(
        DEADLINE,
        "an engine tick with " + requests + " requests",
        () -> engine.status(AVAILABILITY).windows().get("5m").validEvents(),
        v -> v == requests);
  }

  /**
   * Asserts the engine's 1m and 5m ratios of both SLOs are those of {@code in1m} and {@code in5m},
   * and waits until Prometheus records the same (within 1e-9: numerator and denominator are scraped
   * together, so increase()'s extrapolation cancels in the ratio).
   */
  private static Ratios compare(
      PrometheusProcess prom, SloEngine engine, Traffic in1m, Traffic in5m) {
    SloStatus a = engine.status(AVAILABILITY);
    SloStatus l = engine.status(LATENCY);
    double[] engine1m = {a.windows().get("1m").errorRatio(), l.windows().get("1m").errorRatio()};
    double[] engine5m = {a.windows().get("5m").errorRatio(), l.windows().get("5m").errorRatio()};
    assertThat(engine1m[0]).as("engine availability 1m").isEqualTo(in1m.availability());
    assertThat(engine1m[1]).as("engine latency 1m").isEqualTo(in1m.latency());
    assertThat(engine5m[0]).as("engine availability 5m").isEqualTo(in5m.availability());
    assertThat(engine5m[1]).as("engine latency 5m").isEqualTo(in5m.latency());
    double[] prom1m = {
      promRatio(prom, "1m", AVAILABILITY, engine1m[0]), promRatio(prom, "1m", LATENCY, engine1m[1])
    };
    double[] prom5m = {
      promRatio(prom, "5m", AVAILABILITY, engine5m[0]), promRatio(prom, "5m", LATENCY, engine5m[1])
    };
    return new Ratios(engine1m, engine5m, prom1m, prom5m);
  }

  private static double promRatio(
      PrometheusProcess prom, String window, String slo, double expected) {
    return Await.eventually(
        DEADLINE,
        ratio(window, slo) + " near " + expected,
        () -> prom.query(ratio(window, slo)),
        v -> Math.abs(v - expected) < 1e-9);
  }

  private static String ratio(String window, String slo) {
    return SloRules.errorRatioRecord(window) + "{sloth_slo=\"" + slo + "\"}";
  }

  private static double bucketWidth(BucketBounds bounds, double value) {
    double lower = 0;
    for (int i = 0; i < bounds.size(); i++) {
      if (value <= bounds.upperBound(i)) {
        return bounds.upperBound(i) - lower;
      }
      lower = bounds.upperBound(i);
    }
    return Double.POSITIVE_INFINITY;
  }

  /** Requests sent, of which errors and slower than the threshold (bad for the latency SLO). */
  private record Traffic(long requests, long errors, long slow) {
    Traffic plus(Traffic o) {
      return new Traffic(requests + o.requests, errors + o.errors, slow + o.slow);
    }

    double availability() {
      return (double) errors / requests;
    }

    double latency() {
      return (double) slow / requests;
    }
  }

  private record Ratios(double[] engine1m, double[] engine5m, double[] prom1m, double[] prom5m) {}

  /**
   * The system clock, plus the work the requests did: monotonic time jumps forward by each
   * request's simulated work (requests run one at a time on the server's dispatcher thread, so each
   * jump falls inside the request that made it). Wall time is the system's.
   */
  private static final class WorkClock implements Clock {
    private final AtomicLong worked = new AtomicLong();

    void work(long nanos) {
      worked.addAndGet(nanos);
    }

    @Override
    public long wallTime() {
      return System.currentTimeMillis();
    }

    @Override
    public long monotonicTime() {
      return System.nanoTime() + worked.get();
    }
  }
}
