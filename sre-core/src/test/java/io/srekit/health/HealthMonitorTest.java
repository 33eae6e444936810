package io.srekit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Damping, staleness, lifecycle and listeners, driven by hand with a fake clock. */
class HealthMonitorTest {

  private final MockClock clock = new MockClock();

  private HealthMonitor monitor(CheckSpec... checks) {
    HealthMonitorBuilder b = HealthMonitor.builder().clock(clock);
    for (CheckSpec c : checks) {
      b.check(c);
    }
    return b.build();
  }

  private static CheckSpec db() {
    return CheckSpec.builder("db", CheckResult::pass).kind(CheckKind.DEPENDENCY).build();
  }

  private void pass(HealthMonitor m, String name) {
    m.complete(name, CheckResult.pass(), null, null, 1_000);
  }

  private void fail(HealthMonitor m, String name, String why) {
    m.complete(name, CheckResult.fail(why), null, null, 1_000);
  }

  @Test
  void checkIsNeverUpBeforeItsFirstSuccess() {
    HealthMonitor m = monitor(db());
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().check("db").summary()).isEqualTo("no result yet");
    fail(m, "db", "refused");
    fail(m, "db", "refused");
    fail(m, "db", "refused");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.FAIL);
    pass(m, "db");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.PASS);
  }

  @Test
  void checkGoesDownOnlyAfterTheFailureThresholdAndWarnsMeanwhile() {
    HealthMonitor m = monitor(db());
    pass(m, "db");
    fail(m, "db", "refused");
    CheckSnapshot damped = m.snapshot().check("db");
    assertThat(damped.status()).isEqualTo(HealthStatus.WARN);
    assertThat(damped.consecutiveFailures()).isEqualTo(1);
    assertThat(m.snapshot().readiness().entry("db").status()).isEqualTo(HealthStatus.WARN);
    fail(m, "db", "refused");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().readiness().entry("db").status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().check("db").failureId()).isEqualTo(damped.failureId()).hasSize(8);
  }

  @Test
  void successThresholdDecidesWhenAFailedCheckComesBack() {
    HealthMonitor m =
        monitor(
            CheckSpec.builder("db", CheckResult::pass)
                .failureThreshold(1)
                .successThreshold(3)
                .build());
    pass(m, "db");
    pass(m, "db");
    pass(m, "db");
    fail(m, "db", "x");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.FAIL);
    pass(m, "db");
    pass(m, "db");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.FAIL);
    pass(m, "db");
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.PASS);
    assertThat(m.snapshot().check("db").failureId()).isNull();
  }

  @Test
  void staleResultFailsReadinessButNotTheCheckItself() {
    HealthMonitor m =
        monitor(
            CheckSpec.builder("db", CheckResult::pass)
                .interval(Duration.ofSeconds(5))
                .staleAfter(Duration.ofSeconds(20))
                .build());
    pass(m, "db");
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
    clock.add(20, TimeUnit.SECONDS);
    m.tick();
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
    clock.add(1, TimeUnit.MILLISECONDS);
    m.tick();
    HealthSnapshot s = m.snapshot();
    assertThat(s.check("db").stale()).isTrue();
    assertThat(s.readiness().entry("db").status()).isEqualTo(HealthStatus.FAIL);
    assertThat(s.readiness().entry("db").summary()).isEqualTo("stale");
    assertThat(s.readiness().status()).isEqualTo(HealthStatus.FAIL);
    pass(m, "db");
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
  }

  @Test
  void livenessDependencyCheckEscalatesOnlyAfterFailingForTheOptedInDuration() {
    HealthMonitor m =
        monitor(
            CheckSpec.builder("db", CheckResult::pass)
                .kind(CheckKind.DEPENDENCY)
                .impact(Impact.LIVENESS)
                .escalateAfter(Duration.ofMinutes(5))
                .build());
    pass(m, "db");
    fail(m, "db", "x");
    fail(m, "db", "x");
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.WARN);
    clock.add(4, TimeUnit.MINUTES);
    fail(m, "db", "x");
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.WARN);
    clock.add(1, TimeUnit.MINUTES);
    m.tick();
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.FAIL);
  }

  @Test
  void startupGatesHoldReadinessAndStartupLatches() {
    HealthMonitor m =
        HealthMonitor.builder().clock(clock).check(db()).startupGates("migrations").build();
    assertThat(m.snapshot().startup().status()).isEqualTo(HealthStatus.FAIL);
    pass(m, "db");
    assertThat(m.snapshot().startup().status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().readiness().entry("startup").status()).isEqualTo(HealthStatus.FAIL);
    m.releaseGate("migrations");
    assertThat(m.snapshot().startupComplete()).isTrue();
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
    fail(m, "db", "x");
    fail(m, "db", "x");
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().startup().status()).isEqualTo(HealthStatus.PASS);
    assertThatThrownBy(() -> m.releaseGate("nope"))
        .hasMessage("gate: unknown startup gate 'nope', known: [migrations]");
  }

  @Test
  void lifecycleMarksChangeTheRightProbes() throws Exception {
    HealthMonitor m =
        HealthMonitor.builder().clock(clock).check(db()).drainDelay(Duration.ZERO).build();
    pass(m, "db");
    m.markNotReady("warming cache");
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().readiness().entry("ready").detail()).isEqualTo("warming cache");
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);
    m.markReady();
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
    m.drain();
    assertThat(m.snapshot().draining()).isTrue();
    assertThat(m.snapshot().readiness().entry("shutdown").status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);
    m.markReady();
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.FAIL);
    m.markBroken("heap corrupted");
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.FAIL);
    // srekit's own entries cannot be excluded by a request
    assertThat(m.snapshot().liveness().statusExcluding(java.util.Set.of("broken")))
        .isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().readiness().statusExcluding(java.util.Set.of("shutdown", "ready")))
        .isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().liveness().entry("broken").summary()).isEqualTo("marked broken");
  }

  @Test
  void nonCriticalAndExcludedChecksAreReportedButNeverFailReadiness() {
    HealthMonitor m =
        HealthMonitor.builder()
            .clock(clock)
            .check(CheckSpec.builder("audit", CheckResult::pass).impact(Impact.INFO).build())
            .check(CheckSpec.builder("cache", CheckResult::pass).failureThreshold(1).build())
            .excludeFromReadiness("cache")
            .build();
    fail(m, "audit", "x");
    fail(m, "cache", "x");
    ProbeSnapshot r = m.snapshot().readiness();
    assertThat(r.entry("audit").status()).isEqualTo(HealthStatus.WARN);
    assertThat(r.entry("cache").status()).isEqualTo(HealthStatus.WARN);
    assertThat(r.entry("cache").excluded()).isTrue();
    assertThat(r.status()).isEqualTo(HealthStatus.WARN);
  }

  @Test
  void listenersSeeEachTransitionOnceInOrder() {
    List<String> seen = new ArrayList<>();
    HealthMonitor m =
        HealthMonitor.builder()
            .clock(clock)
            .check(CheckSpec.builder("db", CheckResult::pass).failureThreshold(1).build())
            .listener(t -> seen.add(t.name() + ":" + t.from() + "->" + t.to()))
            .listener(
                t -> {
                  throw new IllegalStateException("ignored");
                })
            .build();
    pass(m, "db");
    pass(m, "db");
    fail(m, "db", "x");
    assertThat(seen)
        .containsExactly(
            "db:FAIL->PASS",
            "readyz:FAIL->PASS",
            "startupz:FAIL->PASS",
            "healthz:FAIL->PASS",
            "db:PASS->FAIL",
            "readyz:PASS->FAIL",
            "healthz:PASS->FAIL");
  }

  @Test
  void metersReportStatusDurationAndTimeouts() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthMonitor m =
        HealthMonitor.builder().clock(clock).meterRegistry(registry).check(db()).build();
    assertThat(registry.get("srekit.health.check.status").tag("check", "db").gauge().value())
        .isZero();
    pass(m, "db");
    assertThat(registry.get("srekit.health.check.status").tag("kind", "dependency").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("srekit.health.check.duration").timer().count()).isEqualTo(1);
    assertThat(registry.get("srekit.health.check.timeouts").counter().count()).isZero();
    assertThat(registry.get("srekit.health.check.abandoned").gauge().value()).isZero();
  }

  /**
   * Every id a withheld response can show is in the server log: a damped failure (warn), a check
   * that returned warn, and the same episode once it fails; each line once.
   */
  @Test
  void everyFailureIdAResponseCanShowIsLoggedOnce() {
    List<String> logged = new ArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            logged.add(
                java.text.MessageFormat.format(
                    r.getMessage(), r.getParameters() == null ? new Object[0] : r.getParameters()));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("io.srekit.health");
    jul.addHandler(capture);
    try {
      HealthMonitor m =
          monitor(db(), CheckSpec.builder("cache", CheckResult::pass).impact(Impact.INFO).build());
      pass(m, "db");
      assertThat(logged).containsExactly("health check 'db' is pass", "startup complete");
      logged.clear();
      fail(m, "db", "refused");
      String dampedId = m.snapshot().readiness().entry("db").failureId();
      assertThat(m.snapshot().readiness().entry("db").status()).isEqualTo(HealthStatus.WARN);
      assertThat(dampedId).matches("[0-9a-f]{8}");
      assertThat(logged)
          .containsExactly("health check 'db' is warn [id " + dampedId + "]: refused");
      fail(m, "db", "refused");
      fail(m, "db", "refused");
      assertThat(m.snapshot().readiness().entry("db").failureId()).isEqualTo(dampedId);
      assertThat(logged)
          .containsExactly(
              "health check 'db' is warn [id " + dampedId + "]: refused",
              "health check 'db' failing [id " + dampedId + "]: refused");
      m.complete("cache", CheckResult.warn("evictions high"), null, null, 1_000);
      String warnId = m.snapshot().readiness().entry("cache").failureId();
      assertThat(warnId).matches("[0-9a-f]{8}").isNotEqualTo(dampedId);
      m.complete("cache", CheckResult.warn("evictions high"), null, null, 1_000);
      assertThat(logged).hasSize(3);
      assertThat(logged.get(2))
          .isEqualTo("health check 'cache' is warn [id " + warnId + "]: evictions high");
      pass(m, "db");
      assertThat(logged).hasSize(4).last().isEqualTo("health check 'db' is pass");
    } finally {
      jul.removeHandler(capture);
    }
  }

  /** drain() keeps serving for the drain delay since the first call, then returns. */
  @Test
  void drainReturnsAfterTheDrainDelaySinceItBegan() throws Exception {
    HealthMonitor m = HealthMonitor.builder().drainDelay(Duration.ofSeconds(1)).build();
    long t0 = System.nanoTime();
    m.drain();
    long first = System.nanoTime() - t0;
    assertThat(TimeUnit.NANOSECONDS.toMillis(first)).isGreaterThanOrEqualTo(1000);
    assertThat(m.snapshot().readiness().status()).isEqualTo(HealthStatus.FAIL);
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);
    long t1 = System.nanoTime();
    m.drain(); // the delay has passed since the first call (a preStop hook): returns at once
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(1000);
  }

  /**
   * A scheduler whose heartbeat is late fails liveness with a {@code scheduler} entry (the process
   * cannot run its checks any more: a restart is the cure); readiness keeps its last view. The
   * stalled view is made once per snapshot, so probes keep answering from their cache.
   */
  @Test
  void lateHeartbeatFailsLivenessUntilTheSchedulerBeatsAgain() {
    HealthMonitor m =
        HealthMonitor.builder()
            .clock(clock)
            .check(db())
            .heartbeatInterval(Duration.ofHours(1))
            .heartbeatTimeout(Duration.ofHours(2))
            .build();
    pass(m, "db");
    m.start();
    try {
      assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);
      // the first heartbeat runs at start on the scheduler thread, the next one in an hour
      io.srekit.testing.Await.until(
          "first heartbeat", Duration.ofSeconds(10), () -> m.heartbeats() >= 1);
      clock.add(Duration.ofHours(3));
      assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.FAIL);
      HealthSnapshot stalled = m.snapshot();
      assertThat(stalled.liveness().entry("scheduler").summary()).isEqualTo("heartbeat late");
      assertThat(stalled.aggregate().status()).isEqualTo(HealthStatus.FAIL);
      assertThat(stalled.readiness().status()).isEqualTo(m.snapshot().readiness().status());
      assertThat(m.snapshot()).isSameAs(stalled);
      m.tick(); // the heartbeat
      assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);
      assertThat(m.snapshot().liveness().entry("scheduler").status()).isEqualTo(HealthStatus.PASS);
    } finally {
      m.close();
    }
  }
}
