package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.http.HttpRouter;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/** {@code sre.slos[i].alerts}, {@code sre.slo.tick} and a blank drain secret. */
class SloAlertPropertiesTest {

  private final WebApplicationContextRunner web =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(SreAutoConfiguration.class))
          .withPropertyValues(
              "sre.slis.user_auth_request.buckets=0.1,1",
              "sre.slos[0].name=login-availability",
              "sre.slos[0].sli=user_auth_request",
              "sre.slos[0].objective=0.999");

  @Test
  void usesTheWorkbookAlertsWhenNoneAreGiven() {
    web.run(
        ctx -> {
          Slo slo = ctx.getBean(SloEngine.class).slos().get(0);
          assertThat(slo.alerts().alerts())
              .extracting(
                  a -> a.longWindow() + "/" + a.shortWindow() + "@" + a.factor(slo.period()))
              .containsExactly("PT1H/PT5M@14.4", "PT6H/PT30M@6", "PT24H/PT2H@3", "PT72H/PT6H@1");
        });
  }

  @Test
  void takesAlertPairsFromProperties() {
    web.withPropertyValues(
            "sre.slos[0].alerts[0].severity=page",
            "sre.slos[0].alerts[0].long-window=2m",
            "sre.slos[0].alerts[0].short-window=1m",
            "sre.slos[0].alerts[0].factor=14.4",
            "sre.slos[0].alerts[1].severity=ticket",
            "sre.slos[0].alerts[1].long-window=1d",
            "sre.slos[0].alerts[1].short-window=2h",
            "sre.slos[0].alerts[1].budget-fraction=0.1")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              Slo slo = ctx.getBean(SloEngine.class).slos().get(0);
              List<BurnRateAlert> alerts = slo.alerts().alerts();
              assertThat(alerts).hasSize(2);
              assertThat(alerts.get(0).severity()).isEqualTo(BurnRateAlert.Severity.PAGE);
              assertThat(alerts.get(0).longWindow()).isEqualTo(Duration.ofMinutes(2));
              assertThat(alerts.get(0).shortWindow()).isEqualTo(Duration.ofMinutes(1));
              assertThat(alerts.get(0).factor(slo.period())).hasToString("14.4");
              assertThat(alerts.get(0).errorRatioThreshold(slo.period(), slo.objective()))
                  .hasToString("0.0144");
              assertThat(alerts.get(1).severity()).isEqualTo(BurnRateAlert.Severity.TICKET);
              assertThat(alerts.get(1).factor(slo.period())).hasToString("3");
            });
  }

  @Test
  void failsOnABadAlertNamingTheProperty() {
    assertFailure(
        "sre.slos[0].alerts[0].long-window=1h", "sre.slos[0].alerts[0].short-window: must be set");
    assertFailure(
        List.of(
            "sre.slos[0].alerts[0].long-window=1h",
            "sre.slos[0].alerts[0].short-window=5m",
            "sre.slos[0].alerts[0].factor=lots"),
        "sre.slos[0].alerts[0].factor: must be a decimal like \"0.02\", was 'lots'");
    assertFailure(
        List.of(
            "sre.slos[0].alerts[0].long-window=5m",
            "sre.slos[0].alerts[0].short-window=1h",
            "sre.slos[0].alerts[0].factor=2"),
        "sre.slos[0].alerts[0]: alerts: the short window must be shorter than the long window");
    assertFailure(
        List.of(
            "sre.slos[0].alerts[0].long-window=1h",
            "sre.slos[0].alerts[0].short-window=5m",
            "sre.slos[0].alerts[0].factor=2",
            "sre.slos[0].alerts[0].budget-fraction=0.02"),
        "sre.slos[0].alerts[0]: alerts: give exactly one of budgetFraction and factor");
  }

  @Test
  void ticksTheEngineAtTheConfiguredPeriod() {
    web.run(
        ctx ->
            assertThat(ctx.getBean(SloEngine.class).tickPeriod())
                .isEqualTo(Duration.ofSeconds(10)));
    web.withPropertyValues("sre.slo.tick=1s")
        .run(
            ctx ->
                assertThat(ctx.getBean(SloEngine.class).tickPeriod())
                    .isEqualTo(Duration.ofSeconds(1)));
    assertFailure("sre.slo.tick=0s", "sre.slo.tick");
  }

  @Test
  void aBlankDrainSecretMeansNoDrainEndpoint() {
    web.withPropertyValues("sre.probes.drain-secret=")
        .run(
            ctx -> {
              assertThat(ctx).hasNotFailed();
              assertThat(ctx.getBean(HttpRouter.class).paths()).doesNotContain("/drainz");
            });
    web.withPropertyValues("sre.probes.drain-secret=0123456789abcdef-secret")
        .run(ctx -> assertThat(ctx.getBean(HttpRouter.class).paths()).contains("/drainz"));
    assertFailure("sre.probes.drain-secret=short", "drainSecret: must be at least 16 characters");
  }

  private void assertFailure(String property, String message) {
    assertFailure(List.of(property), message);
  }

  private void assertFailure(List<String> properties, String message) {
    web.withPropertyValues(properties.toArray(String[]::new))
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              StringBuilder messages = new StringBuilder();
              for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
              }
              assertThat(messages.toString()).contains(message);
            });
  }
}
