package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.srekit.sli.Outcome;
import io.srekit.slo.SloStatus;
import org.junit.jupiter.api.Test;

/** The scenarios behind the generated promtool tests, as the engine sees them. */
class ScenarioRunTest {

  private final RulesFixtures fx = new RulesFixtures();

  @Test
  void halfSlowIncidentPagesBetweenTenAndTwentyMinutesAndResetsWithinOneShortWindow() {
    Scenario s =
        Scenario.builder()
            .minutes(360, 100, 0, 0)
            .minutes(30, 100, 0, 50)
            .minutes(40, 100, 0, 0)
            .build();
    ScenarioRun run = ScenarioRun.replay(s, fx.slos());
    // pair 0 is the 1h/5m page at 14.4 x 1 %: the 1h window crosses 0.144 after 17.28 min.
    assertThat(run.firing(370, "login-latency", 0)).isFalse();
    assertThat(run.firing(377, "login-latency", 0)).isFalse();
    assertThat(run.firing(378, "login-latency", 0)).isTrue();
    assertThat(run.firing(380, "login-latency", 0)).isTrue();
    assertThat(run.firing(380, "login-latency", 1)).as("6h/30m page").isFalse();
    int resolved = 391;
    while (run.firing(resolved, "login-latency", 0)) {
      resolved++;
    }
    assertThat(resolved).isBetween(391, 395);
    assertThat(run.firing(390, "login-availability", 0))
        .as("no errors, no availability page")
        .isFalse();
  }

  @Test
  void replayRecordsTheScenarioIntoCopiesOfTheSliNotTheLiveOne() {
    Scenario s = Scenario.builder().minutes(10, 100, 3, 7).build();
    ScenarioRun run = ScenarioRun.replay(s, fx.slos());
    assertThat(run.count(10, fx.sli, Outcome.ERROR, -1)).isEqualTo(30);
    assertThat(run.count(10, fx.sli, Outcome.SUCCESS, -1)).isEqualTo(970);
    int le = fx.sli.bounds().indexOf(0.5);
    assertThat(run.count(10, fx.sli, Outcome.SUCCESS, le)).isEqualTo(900);
    assertThat(fx.sli.snapshot().total(Outcome.SUCCESS).count()).isZero();
    SloStatus st = run.status(10, "login-latency");
    assertThat(st.windows().get("5m").errorRatio()).isCloseTo(0.07, within(1e-12));
    assertThat(run.slos().get(0).definitionHash()).isEqualTo(fx.availability.definitionHash());
  }

  @Test
  void scenarioValidatesItsMinutes() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Scenario.builder().minutes(1, 10, 6, 5).build())
        .hasMessageContaining("errors + slow <= valid");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scenario.builder().build())
        .hasMessageContaining("minutes: a scenario lasts 1 to 4320 minutes, was 0");
  }
}
