package io.srekit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** srekit's fast writer is byte-for-byte client_java's output for the same SLI. */
class SliTextFormatTest {

  private static LatencySli populated() {
    LatencySli sli =
        LatencySli.builder("user_auth_request")
            .help("Latency of \"user-auth\" \\ requests\nsecond line")
            .labelNames("route", "method")
            .latencyThreshold(0.3)
            .maxSeries(3)
            .build();
    SplittableRandom random = new SplittableRandom(3);
    String[] routes = {"/login", "/users/{id}", "/we\"ird\\path\nx", "/a", "/b"};
    for (int i = 0; i < 5_000; i++) {
      sli.series(routes[i % routes.length], i % 2 == 0 ? "GET" : "POST")
          .record(random.nextLong(0, 12_000_000_000L), Outcome.values()[i % 3]);
    }
    sli.series("/login", "GET").record(-1, Outcome.SUCCESS);
    return sli;
  }

  @Test
  void textFormatMatchesClientJava() throws Exception {
    LatencySli sli = populated();
    PrometheusRegistry registry = new PrometheusRegistry();
    SliCollector.register(registry, sli);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(expected, registry.scrape());
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    SliTextFormat format = SliTextFormat.of(sli);
    format.write(actual, false);
    assertThat(actual.toString(StandardCharsets.UTF_8))
        .isEqualTo(expected.toString(StandardCharsets.UTF_8));
    // The second write goes through the cached prefixes.
    actual.reset();
    format.write(actual, false);
    assertThat(actual.toString(StandardCharsets.UTF_8))
        .isEqualTo(expected.toString(StandardCharsets.UTF_8));
  }

  @Test
  void openMetricsMatchesClientJava() throws Exception {
    LatencySli sli = populated();
    PrometheusRegistry registry = new PrometheusRegistry();
    SliCollector.register(registry, sli);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    new OpenMetricsTextFormatWriter(false, false).write(expected, registry.scrape());
    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    SliTextFormat.of(sli).write(actual, true);
    actual.write("# EOF\n".getBytes(StandardCharsets.UTF_8));
    assertThat(actual.toString(StandardCharsets.UTF_8))
        .isEqualTo(expected.toString(StandardCharsets.UTF_8));
  }
}
