package io.srekit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.testing.ExternalTools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromtoolCheckMetricsTest {

  @Test
  void aRealScrapePassesPromtoolCheckMetrics(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    LatencySli sli =
        LatencySli.builder("user_auth_request")
            .help("Latency of user-auth requests.")
            .labelNames("method", "route")
            .latencyThreshold(0.5)
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    sli.series("POST", "/login").record(42_000_000L, Outcome.SUCCESS);
    sli.series("GET", "/users/{id}").record(900_000_000L, Outcome.ERROR);
    sli.series("GET", "/users/{id}").record(-5, Outcome.ERROR);

    Path scrape = dir.resolve("scrape.txt");
    Files.writeString(scrape, registry.scrape(), StandardCharsets.UTF_8);
    ExternalTools.Result result =
        ExternalTools.run(60, "sh", "-c", "'" + promtool + "' check metrics < '" + scrape + "'");
    assertThat(result.output()).as("promtool output").isEmpty();
    assertThat(result.exitCode()).isZero();
  }
}
