package io.srekit.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExpositionTest {

  private static LatencySli loginSli() {
    return LatencySli.builder("user_auth_request")
        .help("Login requests.")
        .labelNames("method", "route")
        .buckets(0.1, 0.5, 1)
        .build();
  }

  @Test
  void prometheusScrapeCarriesTheWholeFamilyWithLabelsAndOutcome() {
    LatencySli sli = loginSli();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    SliSeries login = sli.series("POST", "/login");
    login.record(50_000_000L, Outcome.SUCCESS);
    login.record(700_000_000L, Outcome.SUCCESS);
    login.record(2_000_000_000L, Outcome.ERROR);

    assertThat(registry.scrape())
        .contains(
            """
            # HELP user_auth_request_duration_seconds Login requests.
            # TYPE user_auth_request_duration_seconds histogram
            user_auth_request_duration_seconds_bucket{method="POST",outcome="error",route="/login",le="0.1"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="error",route="/login",le="0.5"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="error",route="/login",le="1.0"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="error",route="/login",le="+Inf"} 1
            user_auth_request_duration_seconds_count{method="POST",outcome="error",route="/login"} 1
            user_auth_request_duration_seconds_sum{method="POST",outcome="error",route="/login"} 2.0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="invalid",route="/login",le="0.1"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="invalid",route="/login",le="0.5"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="invalid",route="/login",le="1.0"} 0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="invalid",route="/login",le="+Inf"} 0
            user_auth_request_duration_seconds_count{method="POST",outcome="invalid",route="/login"} 0
            user_auth_request_duration_seconds_sum{method="POST",outcome="invalid",route="/login"} 0.0
            user_auth_request_duration_seconds_bucket{method="POST",outcome="success",route="/login",le="0.1"} 1
            user_auth_request_duration_seconds_bucket{method="POST",outcome="success",route="/login",le="0.5"} 1
            user_auth_request_duration_seconds_bucket{method="POST",outcome="success",route="/login",le="1.0"} 2
            user_auth_request_duration_seconds_bucket{method="POST",outcome="success",route="/login",le="+Inf"} 2
            user_auth_request_duration_seconds_count{method="POST",outcome="success",route="/login"} 2
            user_auth_request_duration_seconds_sum{method="POST",outcome="success",route="/login"} 0.75
            """)
        .contains(
            """
            # TYPE user_auth_request_rejected_total counter
            user_auth_request_rejected_total{reason="negative_duration"} 0.0
            """);
  }

  @Test
  void openMetricsScrapeDeclaresTheUnitAndEndsWithEof() {
    LatencySli sli = loginSli();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    sli.series("POST", "/login").record(50_000_000L, Outcome.SUCCESS);

    String text = registry.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(text)
        .contains("# TYPE user_auth_request_duration_seconds histogram\n")
        .contains("# UNIT user_auth_request_duration_seconds seconds\n")
        .contains(
            "user_auth_request_duration_seconds_bucket"
                + "{method=\"POST\",outcome=\"success\",route=\"/login\",le=\"0.1\"} 1\n")
        .endsWith("# EOF\n");
  }

  @Test
  void oneRegistryCarriesManySlisAndRebindingTheSameSliIsANoOp() {
    LatencySli a = loginSli();
    LatencySli b = LatencySli.builder("user_auth_lookup").build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(a, b).bindTo(registry);
    new SliMeterBinder(a).bindTo(registry);
    a.series("POST", "/login").record(1, Outcome.SUCCESS);
    b.series().record(1, Outcome.SUCCESS);
    assertThat(registry.scrape())
        .contains("# TYPE user_auth_request_duration_seconds histogram")
        .contains("# TYPE user_auth_lookup_duration_seconds histogram");
  }

  @Test
  void theSameNameWithOtherBucketsIsRejectedNamingBothLayouts() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(loginSli()).bindTo(registry);
    LatencySli other =
        LatencySli.builder("user_auth_request").labelNames("method", "route").buckets(0.2).build();
    assertThatThrownBy(() -> new SliMeterBinder(other).bindTo(registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user_auth_request_duration_seconds")
        .hasMessageContaining("[0.1, 0.5, 1.0]")
        .hasMessageContaining("[0.2]");
  }

  @Test
  void otherRegistriesGetCountAndTotalTimePerSeriesAndOutcome() {
    LatencySli sli = loginSli();
    SimpleMeterRegistry simple = new SimpleMeterRegistry();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CompositeMeterRegistry composite = new CompositeMeterRegistry();
    composite.add(simple);
    composite.add(prometheus);
    sli.series("POST", "/login").record(250_000_000L, Outcome.SUCCESS);
    new SliMeterBinder(sli).bindTo(composite);
    sli.series("GET", "/users/{id}").record(100_000_000L, Outcome.ERROR);
    sli.series("GET", "/users/{id}").record(300_000_000L, Outcome.ERROR);

    FunctionTimer login =
        simple
            .get("user_auth_request.duration")
            .tags("method", "POST", "route", "/login", "outcome", "success")
            .functionTimer();
    assertThat(login.count()).isEqualTo(1.0);
    assertThat(login.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(250.0);
    FunctionTimer users =
        simple
            .get("user_auth_request.duration")
            .tags("route", "/users/{id}", "outcome", "error")
            .functionTimer();
    assertThat(users.count()).isEqualTo(2.0);
    assertThat(users.totalTime(TimeUnit.SECONDS)).isEqualTo(0.4);
    assertThat(simple.get("user_auth_request.duration").functionTimers()).hasSize(6);
    // The Prometheus child got the histogram family, not a second family of function timers.
    assertThat(prometheus.scrape())
        .contains("user_auth_request_duration_seconds_bucket")
        .doesNotContain("user_auth_request_duration_seconds_max");
  }

  @Test
  void otherRegistriesCountRejectedDurationsAndSeriesOverflow() {
    LatencySli sli =
        LatencySli.builder("user_auth_request").labelNames("method", "route").maxSeries(2).build();
    SimpleMeterRegistry simple = new SimpleMeterRegistry();
    new SliMeterBinder(sli).bindTo(simple);
    FunctionCounter overflow = simple.get("user_auth_request.series.overflow").functionCounter();
    FunctionCounter rejected =
        simple
            .get("user_auth_request.rejected")
            .tags("reason", "negative_duration")
            .functionCounter();
    assertThat(overflow.count()).isZero();
    assertThat(rejected.count()).isZero();

    for (int i = 0; i < 5; i++) {
      sli.series("GET", "/r/" + i).record(-1, Outcome.SUCCESS);
    }
    assertThat(overflow.count()).isEqualTo(3.0);
    assertThat(rejected.count()).isEqualTo(5.0);
    assertThat(sli.seriesOverflow()).isEqualTo(sli.snapshot().seriesOverflow()).isEqualTo(3);
    assertThat(sli.rejectedNegative()).isEqualTo(sli.snapshot().rejectedNegative()).isEqualTo(5);
  }
}
