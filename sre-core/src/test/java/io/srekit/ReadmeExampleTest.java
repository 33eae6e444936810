package io.srekit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's usage example compiles, runs, and is the text the README shows. */
class ReadmeExampleTest {

  private static final Path SOURCE =
      Path.of("src/test/java/io/srekit/ReadmeExampleTest.java").toAbsolutePath();
  private static final Path README = Path.of("..", "README.md").toAbsolutePath().normalize();

  static String example() {
    // readme:begin
    LatencySli sli =
        LatencySli.builder("user_auth_request")
            .labelNames("method", "route")
            .latencyThreshold(0.5) // an SLO threshold is always a bucket bound
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);

    SliSeries login = sli.series("POST", "/login"); // resolve once, record per request
    long start = login.startNanos();
    login.recordSince(start, Outcome.SUCCESS);

    String scrape = registry.scrape(); // serve this at /metrics
    // readme:end
    return scrape;
  }

  @Test
  void theExampleRecordsARequestThatTheScrapeShows() {
    assertThat(example())
        .contains(
            "user_auth_request_duration_seconds_count"
                + "{method=\"POST\",outcome=\"success\",route=\"/login\"} 1\n")
        .contains("le=\"0.5\"");
  }

  @Test
  void theReadmeShowsExactlyThisExample() throws Exception {
    String source = Files.readString(SOURCE);
    String body =
        source.substring(
            source.indexOf("// readme:begin\n") + "// readme:begin\n".length(),
            source.indexOf("    // readme:end"));
    String expected =
        Arrays.stream(body.split("\n"))
            .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
            .collect(Collectors.joining("\n"));
    String readme = Files.readString(README);
    assertThat(readme).contains("```java\n" + expected + "\n```");
  }
}
