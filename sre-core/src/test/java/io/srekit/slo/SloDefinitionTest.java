package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.sli.LatencySli;
import io.srekit.slo.BurnRateAlert.Severity;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class SloDefinitionTest {

  private final LatencySli sli =
      LatencySli.builder("user_auth_request").latencyThreshold(0.5).quantiles(false).build();

  @Test
  void workbookFactorsAndThresholdsAreExactDecimals() {
    Slo slo = Slo.availability("login-availability", sli).objective("0.999").build();
    assertThat(slo.objective().toPlainString()).isEqualTo("0.999");
    assertThat(slo.errorBudget().toPlainString()).isEqualTo("0.001");
    assertThat(slo.alerts().alerts())
        .extracting(a -> a.factor(slo.period()).toPlainString())
        .containsExactly("14.4", "6", "3", "1");
    assertThat(slo.alerts().alerts())
        .extracting(a -> a.errorRatioThreshold(slo.period(), slo.objective()).toPlainString())
        .containsExactly("0.0144", "0.006", "0.003", "0.001");
    Slo twentyEight =
        Slo.availability("a28", sli).objective("0.999").period(SloPeriod.rolling28Days()).build();
    assertThat(twentyEight.alerts().alerts().get(0).factor(twentyEight.period()).toPlainString())
        .isEqualTo("13.44");
    assertThat(slo.windows())
        .extracting(PromDuration::format)
        .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d");
  }

  @Test
  void alertsThatCanNeverFireAreLinted() {
    Slo loose = Slo.availability("loose", sli).objective("0.9").build();
    assertThat(loose.lintWarnings())
        .singleElement()
        .asString()
        .contains("page 1h/5m")
        .contains("can never fire")
        .contains("1.44");
    assertThat(Slo.availability("tight", sli).objective("0.999").build().lintWarnings()).isEmpty();
  }

  @Test
  void badDefinitionsFailNamingTheParameterAndValue() {
    assertThatThrownBy(() -> Slo.availability("x", sli).objective("1.5").build())
        .hasMessage("objective: must be in (0, 1), was 1.5");
    assertThatThrownBy(() -> Slo.availability("x", sli).objective("1").build())
        .hasMessageContaining("was 1");
    assertThatThrownBy(() -> Slo.availability("x", sli).objective("ninety").build())
        .hasMessageContaining("'ninety'");
    assertThatThrownBy(() -> Slo.availability("x", sli).build())
        .hasMessageStartingWith("objective: required");
    assertThatThrownBy(() -> Slo.availability("Login SLO", sli).objective("0.99").build())
        .hasMessageStartingWith("name:")
        .hasMessageContaining("'Login SLO'");
    assertThatThrownBy(() -> Slo.latency("lat", sli, 0.4).objective("0.99").build())
        .hasMessageStartingWith("thresholdSeconds: 0.4 is not a bucket bound")
        .hasMessageContaining("latencyThreshold(0.4)");
    assertThatThrownBy(() -> SloPeriod.rolling(Duration.ofDays(90)))
        .hasMessageStartingWith("period:")
        .hasMessageContaining("PT2160H");
    assertThatThrownBy(
            () ->
                BurnRateAlert.consuming(
                    Severity.PAGE, "0.02", Duration.ofMinutes(5), Duration.ofHours(1)))
        .hasMessageStartingWith("alerts: the short window must be shorter");
    assertThatThrownBy(
            () ->
                Slo.availability("x", sli)
                    .objective("0.99")
                    .period(SloPeriod.rolling(Duration.ofDays(1)))
                    .build())
        .hasMessageContaining("long window 3d is longer than the period 1d");
    assertThatThrownBy(
            () ->
                SloEngine.builder()
                    .slo(Slo.availability("a", sli).objective("0.99").build())
                    .slo(Slo.availability("a", sli).objective("0.9").build())
                    .build())
        .hasMessage("slos: duplicate SLO names [a]");
  }

  @Test
  void definitionHashChangesWithWhatTheSloMeasures() {
    Slo a = Slo.availability("a", sli).objective("0.999").build();
    Slo same = Slo.availability("a", sli).objective(new BigDecimal("0.9990")).build();
    Slo other = Slo.availability("a", sli).objective("0.99").build();
    assertThat(a.definitionHash()).hasSize(12).isEqualTo(same.definitionHash());
    assertThat(other.definitionHash()).isNotEqualTo(a.definitionHash());
  }

  @Test
  void calendarPeriodsStartOnTheirBoundaryInTheirZone() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    long now = ZonedDateTime.of(2026, 11, 27, 18, 0, 0, 0, berlin).toInstant().toEpochMilli();
    assertThat(SloPeriod.calendarMonth(berlin).start(now))
        .isEqualTo(ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, berlin).toInstant().toEpochMilli());
    assertThat(SloPeriod.calendarWeek(berlin).start(now))
        .isEqualTo(ZonedDateTime.of(2026, 11, 23, 0, 0, 0, 0, berlin).toInstant().toEpochMilli());
    assertThat(SloPeriod.calendarMonth(berlin).length(now)).isEqualTo(Duration.ofDays(30));
    assertThat(SloPeriod.calendarMonth(berlin).label()).isEqualTo("month");
  }

  @Test
  void calendarPeriodsWithoutAZoneNameTheParameter() {
    assertThatThrownBy(() -> SloPeriod.calendarMonth(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("zone: must not be null (a calendar month needs a time zone), was null");
    assertThatThrownBy(() -> SloPeriod.calendarWeek(null))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("zone: must not be null (a calendar week needs a time zone), was null");
  }

  @Test
  void prometheusDurationsRoundTrip() {
    for (String s : new String[] {"5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d", "28d", "10s"}) {
      assertThat(PromDuration.format(PromDuration.parse(s))).isEqualTo(s);
    }
    assertThat(PromDuration.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThatThrownBy(() -> PromDuration.parse("1.5h")).hasMessageContaining("'1.5h'");
  }
}
