package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.metrics.SloMeterBinder;
import io.srekit.sli.BucketBounds;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.testing.Await;
import io.srekit.testing.PrometheusProcess;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's, on 127.0.0.1, 1 s scrape and evaluation) scrapes a service
 * instrumented with srekit and evaluates the generated rules, while the test records traffic with
 * known outcomes: the recorded error ratios equal the engine's, and {@code histogram_quantile}
 * lands within one bucket of the exact p99.
 */
class RealPrometheusTest {

  private static final Duration DEADLINE = Duration.ofSeconds(40);
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void prometheusRecordsTheEnginesErrorRatiosAndTheP99WithinOneBucket(@TempDir Path dir)
      throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    LatencySli sli =
        LatencySli.builder("user_auth_request").labelNames("route").latencyThreshold(0.5).build();
    Slo availability = Slo.availability("login-availability", sli).objective("0.999").build();
    Slo latency = Slo.latency("login-latency", sli, 0.5).objective("0.99").build();
    SloEngine engine =
        SloEngine.builder().slo(availability).slo(latency).tick(Duration.ofSeconds(1)).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    new SloMeterBinder(engine).bindTo(registry);
    SliSeries login = sli.series("/login");
    SliSeries token = sli.series("/token");

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
    server.start();
    SloRules rules = SloRules.of(List.of(availability, latency), RulesOptions.defaults());
    try (PrometheusProcess prom =
        PrometheusProcess.start(
            dir, "127.0.0.1:" + server.getAddress().getPort(), rules.rulesYaml())) {
      // Two scrapes of the zeros first, so that increase() starts from 0 for every series.
      Await.eventually(
          DEADLINE,
          "two scrapes of the idle service",
          () ->
              prom.query(
                  "count_over_time(user_auth_request_duration_seconds_count"
                      + "{outcome=\"success\",route=\"/login\"}[1m])"),
          v -> v >= 2);

      long sent = 0;
      for (int batch = 0; batch < 5; batch++) {
        for (int i = 0; i < 1000; i++) {
          sent++;
          long nanos = (1 + (sent * 7919) % 1000) * 1_000_000L; // 1..1000 ms, evenly spread
          Outcome outcome = sent % 20 == 0 ? Outcome.ERROR : Outcome.SUCCESS;
          (sent % 3 == 0 ? token : login).record(nanos, outcome);
        }
        long expected = sent;
        // Wait for a scrape that saw this batch before sending the next one.
        Await.eventually(
            DEADLINE,
            "a scrape with " + expected + " requests",
            () -> prom.query("sum(user_auth_request_duration_seconds_count)"),
            v -> v == expected);
      }
      engine.tick();
      double engineAvailability =
          engine.status("login-availability").windows().get("5m").errorRatio();
      double engineLatency = engine.status("login-latency").windows().get("5m").errorRatio();
      assertThat(engineAvailability).isEqualTo(0.05);
      assertThat(engineLatency).isEqualTo(0.5);

      double promAvailability =
          Await.eventually(
              DEADLINE,
              "slo:sli_error:ratio_rate5m of login-availability near " + engineAvailability,
              () -> prom.query("slo:sli_error:ratio_rate5m{sloth_slo=\"login-availability\"}"),
              v -> Math.abs(v - engineAvailability) < 1e-9);
      double promLatency =
          Await.eventually(
              DEADLINE,
              "slo:sli_error:ratio_rate5m of login-latency near " + engineLatency,
              () -> prom.query("slo:sli_error:ratio_rate5m{sloth_slo=\"login-latency\"}"),
              v -> Math.abs(v - engineLatency) < 1e-9);

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
              "count(srekit_slo_info{slo=\"login-availability\",definition_hash=\""
                  + availability.definitionHash()
                  + "\"})");
      assertThat(info).as("the engine's info series carries the rules' hash").isEqualTo(1.0);
      double remaining =
          prom.query("slo:period_error_budget_remaining:ratio{sloth_slo=\"login-availability\"}");
      assertThat(remaining)
          .isCloseTo(
              engine.status("login-availability").remaining(),
              org.assertj.core.api.Assertions.within(1e-9));

      String report =
          String.format(
              "real Prometheus vs engine: availability 5m ratio %s vs %s, latency 5m ratio %s vs"
                  + " %s, p99 histogram_quantile %s vs exact %s (bucket width %s), budget"
                  + " remaining %s vs %s%n",
              promAvailability,
              engineAvailability,
              promLatency,
              engineLatency,
              promP99,
              exact,
              width,
              remaining,
              engine.status("login-availability").remaining());
      System.out.print(report);
      Files.writeString(Path.of("target", "real-prometheus-agreement.txt"), report);
    } finally {
      server.stop(0);
      engine.close();
    }
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
}
