package io.srekit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.testing.ExternalTools;
import io.srekit.testing.PrometheusText;
import io.srekit.testing.PrometheusText.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SloMeterBinderTest {

  @Test
  void gaugesFollowTheEngineAndPassPromtool(@TempDir Path dir) throws Exception {
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("user_auth_request").latencyThreshold(0.5).clock(clock).build();
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("login-availability", sli).objective("0.999").build())
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    new SloMeterBinder(engine).bindTo(registry);
    SliSeries s = sli.series();
    for (int t = 0; t < 6 * 70; t++) {
      for (int i = 0; i < 50; i++) {
        s.record(10_000_000L, t >= 6 * 68 ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    String scrape = registry.scrape();
    List<Sample> samples = PrometheusText.parse(scrape);
    assertThat(value(samples, "srekit_slo_objective_ratio", "slo", "login-availability"))
        .isEqualTo(0.999);
    assertThat(value(samples, "srekit_slo_alert_firing", "long_window", "1h")).isEqualTo(1.0);
    assertThat(value(samples, "srekit_slo_alert_firing", "long_window", "3d")).isEqualTo(1.0);
    assertThat(value(samples, "srekit_slo_burn_rate", "window", "5m")).isEqualTo(400.0);
    assertThat(value(samples, "srekit_slo_window_coverage_ratio", "window", "1h")).isEqualTo(1.0);
    assertThat(
            value(samples, "srekit_slo_error_budget_remaining_ratio", "slo", "login-availability"))
        .isLessThan(0);
    // 70 minutes of 50 requests per 10 s, the last 2 minutes all errors: 21 allowed, 600 spent.
    assertThat(
            value(samples, "srekit_slo_error_budget_remaining_events", "slo", "login-availability"))
        .isCloseTo(21.0 - 600, within(1e-9))
        .isEqualTo(engine.status("login-availability").budget().remainingEvents());
    assertThat(scrape)
        .contains("definition_hash=\"" + engine.slos().get(0).definitionHash() + "\"");
    assertThat(scrape).doesNotContainPattern("(?m)^[a-z_]*:");

    Path promtool = ExternalTools.require("promtool", "prometheus");
    Path file = dir.resolve("scrape.txt");
    Files.writeString(file, scrape);
    ExternalTools.Result r =
        ExternalTools.run(60, "sh", "-c", "'" + promtool + "' check metrics < '" + file + "'");
    assertThat(r.output()).isEmpty();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void everySloHasBurnRateGaugesForTheWorkbookWindowsEvenWithoutAlerts() {
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("quiet_request")
            .latencyThreshold(0.5)
            .quantiles(false)
            .clock(clock)
            .build();
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(
                Slo.availability("no-alerts", sli)
                    .objective("0.99")
                    .alerts(io.srekit.slo.AlertPolicy.none())
                    .build())
            .build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SloMeterBinder(engine).bindTo(registry);
    for (int t = 0; t < 6 * 10; t++) {
      for (int i = 0; i < 50; i++) {
        sli.series().record(10_000_000L, i == 0 ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    List<Sample> samples = PrometheusText.parse(registry.scrape());
    assertThat(
            samples.stream()
                .filter(x -> x.name().equals("srekit_slo_burn_rate"))
                .map(x -> x.label("window")))
        .containsExactlyInAnyOrder("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
    assertThat(value(samples, "srekit_slo_burn_rate", "window", "1h")).isCloseTo(2.0, within(1e-9));
    assertThat(samples).noneMatch(x -> x.name().equals("srekit_slo_alert_firing"));
  }

  private static double value(List<Sample> samples, String name, String label, String labelValue) {
    return samples.stream()
        .filter(x -> x.name().equals(name) && labelValue.equals(x.label(label)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + "{" + label + "=" + labelValue + "}"))
        .value();
  }
}
