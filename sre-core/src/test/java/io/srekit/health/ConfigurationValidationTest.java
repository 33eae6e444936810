package io.srekit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigurationValidationTest {

  private static final HealthCheck OK = CheckResult::pass;

  @Test
  void defaultsMatchTheIssue() {
    CheckSpec s = CheckSpec.builder("db", OK).build();
    assertThat(s.kind()).isEqualTo(CheckKind.LOCAL);
    assertThat(s.impact()).isEqualTo(Impact.READINESS);
    assertThat(s.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.jitter()).isEqualTo(0.1);
    assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.failureThreshold()).isEqualTo(2);
    assertThat(s.successThreshold()).isEqualTo(1);
    assertThat(s.staleAfter()).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void nonUrlSafeNameIsRejectedNamingTheParameterAndValue() {
    assertThatThrownBy(() -> CheckSpec.builder("my db", OK).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name: must be 1-63 URL-safe characters")
        .hasMessageEndingWith("was 'my db'");
    assertThatThrownBy(() -> CheckSpec.builder("db/primary", OK).build())
        .hasMessageContaining("was 'db/primary'");
    assertThatThrownBy(() -> CheckSpec.builder("shutdown", OK).build())
        .hasMessageStartingWith("name: 'shutdown' is reserved");
  }

  @Test
  void timeoutNotShorterThanIntervalIsRejected() {
    assertThatThrownBy(
            () ->
                CheckSpec.builder("db", OK)
                    .interval(Duration.ofSeconds(2))
                    .timeout(Duration.ofSeconds(2))
                    .build())
        .hasMessage("timeout: must be shorter than interval (PT2S) of check 'db', was PT2S");
  }

  @Test
  void dependencyCheckInLivenessIsRejectedUnlessSlowEscalationIsOptedInto() {
    CheckSpec.Builder b =
        CheckSpec.builder("db", OK).kind(CheckKind.DEPENDENCY).impact(Impact.LIVENESS);
    assertThatThrownBy(b::build)
        .hasMessageStartingWith("impact: dependency check 'db' in LIVENESS would restart every pod")
        .hasMessageEndingWith("was LIVENESS");
    assertThatThrownBy(() -> b.escalateAfter(Duration.ofSeconds(10)).build())
        .hasMessage("escalateAfter: must be at least PT1M (check 'db'), was PT10S");
    assertThat(b.escalateAfter(Duration.ofMinutes(5)).build().escalateAfter())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void thresholdsJitterAndStalenessAreBounded() {
    assertThatThrownBy(() -> CheckSpec.builder("db", OK).failureThreshold(0).build())
        .hasMessage("failureThreshold: must be in [1, 100] (check 'db'), was 0");
    assertThatThrownBy(() -> CheckSpec.builder("db", OK).successThreshold(-1).build())
        .hasMessage("successThreshold: must be in [1, 100] (check 'db'), was -1");
    assertThatThrownBy(() -> CheckSpec.builder("db", OK).jitter(0.6).build())
        .hasMessage("jitter: must be in [0, 0.5] (check 'db'), was 0.6");
    assertThatThrownBy(() -> CheckSpec.builder("db", OK).staleAfter(Duration.ofSeconds(6)).build())
        .hasMessageStartingWith("staleAfter: must exceed")
        .hasMessageEndingWith("was PT6S");
    assertThatThrownBy(() -> CheckSpec.builder("db", OK).interval(Duration.ZERO).build())
        .hasMessage("interval: must be positive (check 'db'), was PT0S");
  }

  @Test
  void duplicateCheckNamesAreRejected() {
    assertThatThrownBy(() -> HealthMonitor.builder().check("db", OK).check("db", OK).build())
        .hasMessage("check: duplicate check name 'db'");
  }

  @Test
  void unknownNamesInExcludeListAreRejectedListingTheKnownOnes() {
    assertThatThrownBy(
            () ->
                HealthMonitor.builder()
                    .check("db", OK)
                    .check("cache", OK)
                    .excludeFromReadiness("dbx")
                    .build())
        .hasMessage("excludeFromReadiness: unknown check 'dbx', known: [cache, db]");
  }

  @Test
  void gatesMustBeUrlSafeUniqueAndNotClashWithChecks() {
    assertThatThrownBy(() -> HealthMonitor.builder().startupGates("a b").build())
        .hasMessageStartingWith("startupGates: must be")
        .hasMessageEndingWith("was 'a b'");
    assertThatThrownBy(() -> HealthMonitor.builder().check("db", OK).startupGates("db").build())
        .hasMessageStartingWith("startupGates: 'db' is already a check or reserved name");
    assertThatThrownBy(() -> HealthMonitor.builder().startupGates("warm", "warm").build())
        .hasMessage("startupGates: duplicate gate 'warm'");
  }

  @Test
  void atMostThirtyTwoChecksAndGatesTogether() {
    HealthMonitorBuilder b = HealthMonitor.builder();
    for (int i = 0; i < 30; i++) {
      b.check("c" + i, OK);
    }
    b.startupGates("g1", "g2");
    assertThat(b.build().checks()).hasSize(30);
    assertThatThrownBy(() -> b.startupGates("g3").build())
        .hasMessageStartingWith("checks: at most 32 checks and startup gates together")
        .hasMessageEndingWith("was 30 checks and 3 gates");
  }

  @Test
  void monitorLimitsAreValidated() {
    assertThatThrownBy(() -> HealthMonitor.builder().drainDelay(Duration.ofSeconds(-1)).build())
        .hasMessage("drainDelay: must be >= 0, was PT-1S");
    assertThatThrownBy(
            () -> HealthMonitor.builder().heartbeatTimeout(Duration.ofMillis(1500)).build())
        .hasMessageStartingWith("heartbeatTimeout: must be at least 2 × heartbeatInterval (PT2S)");
  }
}
