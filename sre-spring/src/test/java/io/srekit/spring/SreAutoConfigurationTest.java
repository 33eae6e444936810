package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.health.CheckSnapshot;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthStatus;
import io.srekit.health.Impact;
import io.srekit.http.HttpRouter;
import io.srekit.sli.LatencySli;
import io.srekit.slo.SloEngine;
import io.srekit.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

class SreAutoConfigurationTest {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SreAutoConfiguration.class))
          .withPropertyValues(
              "sre.slis.user_auth_request.buckets=0.1,1",
              "sre.slos[0].name=login-latency",
              "sre.slos[0].sli=user_auth_request",
              "sre.slos[0].kind=latency",
              "sre.slos[0].objective=0.99",
              "sre.slos[0].threshold=250ms");

  @Test
  void configuresEverythingOnAServletWebApplication() {
    web.run(
        ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx)
              .hasSingleBean(SreDefinitions.class)
              .hasSingleBean(SloEngine.class)
              .hasSingleBean(HealthMonitor.class)
              .hasSingleBean(HttpRouter.class)
              .hasSingleBean(SliHandlerInterceptor.class)
              .hasSingleBean(SreLifecycle.class)
              .hasBean("sreEndpointsFilter")
              .hasBean("sreSliFilter");
          assertThat(ctx.getBean(HttpRouter.class).paths())
              .contains("/livez", "/healthz", "/readyz", "/startupz", "/slo", "/metrics");
        });
  }

  @Test
  void addsEveryLatencyThresholdAsABucketBound() {
    web.run(
        ctx -> {
          LatencySli sli = ctx.getBean(SreDefinitions.class).sli("user_auth_request");
          assertThat(sli.latencyThresholds()).containsExactly(0.25);
          assertThat(ctx.getBean(SloEngine.class).slos()).hasSize(1);
          assertThat(ctx.getBean(SloEngine.class).slos().get(0).objective()).hasToString("0.99");
        });
  }

  @Test
  void startsWithoutAnyConfiguration() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SreAutoConfiguration.class))
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(SreDefinitions.class).slis()).isEmpty();
              assertThat(ctx.getBean(HttpRouter.class).paths()).contains("/livez", "/slo");
            });
  }

  @Test
  void doesNothingOnANonWebApplication() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SreAutoConfiguration.class))
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .doesNotHaveBean(SreDefinitions.class)
                    .doesNotHaveBean(HealthMonitor.class));
  }

  @Test
  void doesNothingWithoutSpringMvc() {
    web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
        .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(HttpRouter.class));
  }

  @Test
  void turnsEverythingOffWithOneProperty() {
    web.withPropertyValues("sre.enabled=false")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasNotFailed()
                    .doesNotHaveBean(SreDefinitions.class)
                    .doesNotHaveBean(SloEngine.class)
                    .doesNotHaveBean("sreEndpointsFilter"));
  }

  @Test
  void letsUserDefinedBeansWin() {
    web.withUserConfiguration(UserBeans.class)
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(HealthMonitor.class)).isSameAs(UserBeans.MONITOR);
              assertThat(ctx.getBean(HttpRouter.class).paths()).containsExactly("/custom");
            });
  }

  @Test
  void takesLatencySliBeansAsSlis() {
    web.withUserConfiguration(SliBean.class)
        .withPropertyValues("sre.slos[1].name=search", "sre.slos[1].sli=search_request")
        .withPropertyValues("sre.slos[1].objective=0.995")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(SreDefinitions.class).slis())
                  .containsKeys("user_auth_request", "search_request");
              assertThat(ctx.getBean(SloEngine.class).slos()).hasSize(2);
            });
  }

  @Test
  void servesMetricsOnlyWithoutActuatorsPrometheusEndpoint() {
    web.withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
        .run(ctx -> assertThat(ctx.getBean(HttpRouter.class).paths()).contains("/metrics"));
    web.withConfiguration(
            AutoConfigurations.of(
                MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration
                    .class,
                org.springframework.boot.actuate.autoconfigure.endpoint.web
                    .WebEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=prometheus")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(HttpRouter.class).paths()).doesNotContain("/metrics");
            });
  }

  @Test
  void servesMetricsWhenAskedEvenWithActuator() {
    web.withPropertyValues("sre.metrics.enabled=false")
        .run(ctx -> assertThat(ctx.getBean(HttpRouter.class).paths()).doesNotContain("/metrics"));
    web.withPropertyValues("sre.metrics.path=/sre/metrics")
        .run(ctx -> assertThat(ctx.getBean(HttpRouter.class).paths()).contains("/sre/metrics"));
  }

  @Test
  void failsWhenActuatorServesTheSameProbePaths() {
    web.withPropertyValues("management.endpoint.health.probes.add-additional-paths=true")
        .run(
            ctx ->
                assertThat(ctx)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining(
                        "management.endpoint.health.probes.add-additional-paths=false"));
  }

  @Test
  void acceptsActuatorProbePathsWhenOursAreMoved() {
    web.withPropertyValues(
            "management.endpoint.health.probes.add-additional-paths=true", "sre.probes.prefix=/sre")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(HttpRouter.class).paths()).contains("/sre/livez");
            });
  }

  @Test
  void failsOnAnInvalidObjectiveNamingTheProperty() {
    assertFailure("sre.slos[0].objective=1.5", "sre.slos[0].objective");
    assertFailure("sre.slos[0].objective=abc", "sre.slos[0].objective");
  }

  @Test
  void failsOnAnUnknownSliNamingTheProperty() {
    assertFailure("sre.slos[0].sli=nope", "sre.slos[0].sli");
  }

  @Test
  void failsOnAnInvalidPeriodOrThresholdNamingTheProperty() {
    assertFailure("sre.slos[0].period=7d", "sre.slos[0].period");
    assertFailure("sre.slos[0].threshold=-1s", "sre.slos[0].threshold");
  }

  @Test
  void failsOnInvalidBucketsOrMaxSeriesNamingTheProperty() {
    assertFailure("sre.slis.user_auth_request.max-series=0", "sre.slis.user_auth_request");
    assertFailure("sre.slis.user_auth_request.max-series=many", "max-series");
    assertFailure("sre.max-routes=0", "sre.max-routes");
    assertFailure("sre.client-aborts=maybe", "client-aborts");
  }

  @Test
  void runsAnOptedInHealthIndicatorAsABackgroundReadinessCheck() {
    web.withUserConfiguration(Indicators.class)
        .withPropertyValues(
            "sre.probes.indicators.slowDb.impact=readiness",
            "sre.probes.indicators.slowDb.timeout=200ms")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
              assertThat(monitor.checks())
                  .singleElement()
                  .satisfies(
                      c -> {
                        assertThat(c.name()).isEqualTo("slowDb");
                        assertThat(c.impact()).isEqualTo(Impact.READINESS);
                        assertThat(c.timeout()).isEqualTo(Duration.ofMillis(200));
                      });
              Await.until(
                  "slowDb failing",
                  Duration.ofSeconds(20),
                  () -> {
                    CheckSnapshot c = monitor.snapshot().check("slowDb");
                    return c != null && c.status() == HealthStatus.FAIL;
                  });
              assertThat(monitor.checks()).extracting(CheckSpec::name).doesNotContain("fastDisk");
            });
  }

  @Test
  void answersAnOptedInIndicatorFromTheBackgroundResultInsteadOfRunningItInline() {
    web.withUserConfiguration(Indicators.class)
        .withPropertyValues("sre.probes.indicators.slowDb.timeout=200ms")
        .run(
            ctx -> {
              HealthIndicator slowDb = ctx.getBean("slowDb", HealthIndicator.class);
              HealthIndicator fastDisk = ctx.getBean("fastDisk", HealthIndicator.class);
              Await.until(
                  "slowDb answered DOWN from srekit's result",
                  Duration.ofSeconds(20),
                  () -> Status.DOWN.equals(slowDb.health().getStatus()));
              // the original throws; the background answer neither throws nor shows its text
              assertThat(slowDb.health().getDetails().toString()).doesNotContain("secret");
              assertThat(fastDisk.health().getStatus()).isEqualTo(Status.UP);
              assertThat(fastDisk.health().getDetails()).isEmpty();
            });
  }

  @Test
  void failsOnAnIndicatorThatDoesNotExistNamingTheProperty() {
    assertFailure("sre.probes.indicators.nope.impact=readiness", "sre.probes.indicators.nope");
  }

  @Test
  void showsOurHealthInActuatorWithoutCheckText() {
    web.withUserConfiguration(Indicators.class)
        .withPropertyValues("sre.probes.indicators.slowDb.timeout=200ms")
        .run(
            ctx -> {
              SreHealthIndicator ours = ctx.getBean(SreHealthIndicator.class);
              // the startup gate is released only on ApplicationReadyEvent
              assertThat(ours.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
              Await.until(
                  "slowDb shown failing",
                  Duration.ofSeconds(20),
                  () -> "fail".equals(ours.health().getDetails().get("slowDb")));
              assertThat(ours.health().getDetails().toString()).doesNotContain("secret");
            });
    web.withPropertyValues("sre.health.contributor=false")
        .run(ctx -> assertThat(ctx).doesNotHaveBean(SreHealthIndicator.class));
  }

  private void assertFailure(String property, String named) {
    web.withPropertyValues(property)
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              Throwable t = ctx.getStartupFailure();
              StringBuilder messages = new StringBuilder();
              for (; t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
              }
              assertThat(messages.toString()).contains(named);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class UserBeans {
    static final HealthMonitor MONITOR = HealthMonitor.builder().build();

    @Bean
    HealthMonitor myMonitor() {
      return MONITOR;
    }

    @Bean
    HttpRouter myRouter() {
      return HttpRouter.builder()
          .endpoint("/custom", r -> io.srekit.http.HttpResponse.text(200, "ok"))
          .build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Indicators {
    @Bean
    HealthIndicator slowDb() {
      return () -> {
        throw new IllegalStateException("secret connection string");
      };
    }

    @Bean
    HealthIndicator fastDisk() {
      return () -> Health.up().build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class SliBean {
    @Bean
    LatencySli searchSli() {
      return LatencySli.builder("search_request").labelNames("method", "route").build();
    }
  }
}
