package io.srekit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.srekit.testing.Await;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The background scheduler: jitter, deadlines, per-check single-flight and abandoned runs. */
class CheckSchedulerTest {

  @Test
  void jitterStaysWithinTenPercentAndUsesBothSides() {
    Random random = new Random(42);
    long interval = 5_000_000_000L;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 10_000; i++) {
      long d = CheckScheduler.jittered(interval, 0.1, random);
      min = Math.min(min, d);
      max = Math.max(max, d);
    }
    assertThat(min).isGreaterThanOrEqualTo(4_500_000_000L).isLessThan(4_550_000_000L);
    assertThat(max).isLessThanOrEqualTo(5_500_000_000L).isGreaterThan(5_450_000_000L);
    assertThat(CheckScheduler.jittered(interval, 0, random)).isEqualTo(interval);
  }

  @Test
  void timedOutRunFailsNamingTheTimeoutAndIsInterrupted() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    HealthMonitor m =
        HealthMonitor.builder()
            .check(
                CheckSpec.builder(
                        "db",
                        () -> {
                          try {
                            new CountDownLatch(1).await();
                          } catch (InterruptedException e) {
                            interrupted.countDown();
                          }
                          return CheckResult.pass();
                        })
                    .interval(Duration.ofHours(1))
                    .timeout(Duration.ofMillis(20))
                    .failureThreshold(1)
                    .build())
            .build();
    m.runNow("db").get(10, TimeUnit.SECONDS);
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    CheckSnapshot db = m.snapshot().check("db");
    assertThat(db.status()).isEqualTo(HealthStatus.FAIL);
    assertThat(db.summary()).isEqualTo("timed out after 20ms");
    Await.until(
        "abandoned run returns its thread", Duration.ofSeconds(10), () -> m.abandonedRuns() == 0);
    m.close();
  }

  @Test
  void secondRunWhileTheFirstIsGoingIsSkippedAsAnOverrun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthMonitor m =
        HealthMonitor.builder()
            .meterRegistry(registry)
            .check(
                CheckSpec.builder(
                        "db",
                        () -> {
                          runs.incrementAndGet();
                          release.await();
                          return CheckResult.pass();
                        })
                    .interval(Duration.ofHours(2))
                    .timeout(Duration.ofHours(1))
                    .build())
            .build();
    var first = m.runNow("db");
    Await.until("first run started", Duration.ofSeconds(10), () -> runs.get() == 1);
    m.runNow("db").get(10, TimeUnit.SECONDS);
    m.runNow("db").get(10, TimeUnit.SECONDS);
    release.countDown();
    first.get(10, TimeUnit.SECONDS);
    assertThat(runs.get()).isEqualTo(1);
    assertThat(
            registry
                .get("srekit.health.check.overruns")
                .tag("reason", "in_flight")
                .counter()
                .count())
        .isEqualTo(2.0);
    assertThat(m.snapshot().check("db").status()).isEqualTo(HealthStatus.PASS);
    m.close();
  }

  /**
   * 10,000 timeouts of checks that ignore interruption (each run keeps spinning for 3 ms past its 1
   * ms deadline), next to a healthy liveness check: no check ever has two runs at once, the JVM's
   * live threads stay within the pool's bound of where they started, and the healthy check never
   * fails because its neighbours misbehave.
   */
  @Test
  void tenThousandTimeoutsOfChecksIgnoringInterruptionKeepThreadsBoundedAndOthersHealthy()
      throws Exception {
    int stubborn = 4;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthMonitorBuilder b = HealthMonitor.builder().meterRegistry(registry);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger[] running = new AtomicInteger[stubborn];
    AtomicInteger mostAtOnce = new AtomicInteger();
    for (int i = 0; i < stubborn; i++) {
      AtomicInteger mine = running[i] = new AtomicInteger();
      b.check(
          CheckSpec.builder(
                  "stubborn" + i,
                  () -> {
                    mostAtOnce.accumulateAndGet(mine.incrementAndGet(), Math::max);
                    try {
                      long end = System.nanoTime() + 3_000_000;
                      while (System.nanoTime() < end && !stop.get()) {
                        LockSupport.parkNanos(200_000); // returns early on interrupt; ignored
                      }
                      return CheckResult.pass();
                    } finally {
                      mine.decrementAndGet();
                    }
                  })
              .kind(CheckKind.DEPENDENCY)
              .impact(Impact.READINESS)
              .interval(Duration.ofHours(1))
              .timeout(Duration.ofMillis(1))
              .build());
    }
    b.check(
        CheckSpec.builder("heap", CheckResult::pass)
            .impact(Impact.LIVENESS)
            .interval(Duration.ofMillis(50))
            .timeout(Duration.ofMillis(40))
            .failureThreshold(1)
            .build());
    HealthMonitor m = b.build();
    m.start();
    Await.until(
        "heap check up",
        Duration.ofSeconds(10),
        () -> m.snapshot().check("heap").status() == HealthStatus.PASS);
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    AtomicInteger peakJvmThreads = new AtomicInteger();
    AtomicInteger livenessFailures = new AtomicInteger();
    List<Thread> drivers = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    for (int i = 0; i < stubborn; i++) {
      String name = "stubborn" + i;
      Thread t =
          new Thread(
              () -> {
                while (timeouts(registry) < 10_000 && System.nanoTime() < deadline) {
                  try {
                    m.runNow(name).get(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                  if (m.snapshot().liveness().status() == HealthStatus.FAIL) {
                    livenessFailures.incrementAndGet();
                  }
                  peakJvmThreads.accumulateAndGet(
                      ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                  if (m.snapshot().check(name).summary() != null
                      && m.snapshot().check(name).summary().startsWith("still running")) {
                    LockSupport.parkNanos(100_000); // pace the driver while the run is abandoned
                  }
                }
              });
      drivers.add(t);
      t.start();
    }
    for (Thread t : drivers) {
      t.join(TimeUnit.SECONDS.toMillis(120));
    }
    stop.set(true);
    assertThat(timeouts(registry))
        .as("timeouts counted by the meter")
        .isGreaterThanOrEqualTo(10_000);
    assertThat(mostAtOnce.get()).as("most runs of one check at once").isEqualTo(1);
    assertThat(
            registry
                .get("srekit.health.check.overruns")
                .tag("reason", "abandoned")
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum())
        .as("runs due while the previous one was abandoned")
        .isPositive();
    assertThat(livenessFailures.get()).as("liveness failures seen by the drivers").isZero();
    assertThat(m.snapshot().check("heap").status()).isEqualTo(HealthStatus.PASS);
    // 2 threads per check (5 checks), our 4 drivers, slack for JVM/JUnit threads
    assertThat(peakJvmThreads.get() - threadsBefore).isLessThanOrEqualTo(2 * 5 + stubborn + 8);
    Await.until("abandoned runs drain", Duration.ofSeconds(10), () -> m.abandonedRuns() == 0);
    m.close();
  }

  /**
   * A check that hangs forever and ignores interruption holds exactly one thread and keeps failing
   * with srekit's own words; the check next to it keeps running and passing.
   */
  @Test
  void aCheckThatNeverReturnsHoldsOneThreadFailsItselfAndNothingElse() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger okRuns = new AtomicInteger();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthMonitor m =
        HealthMonitor.builder()
            .meterRegistry(registry)
            .check(
                CheckSpec.builder(
                        "stuck",
                        () -> {
                          started.incrementAndGet();
                          while (true) {
                            try {
                              never.await();
                              return CheckResult.pass();
                            } catch (InterruptedException ignored) {
                              // a badly written check: swallows the interrupt and waits on
                            }
                          }
                        })
                    .kind(CheckKind.DEPENDENCY)
                    .impact(Impact.INFO)
                    .interval(Duration.ofMillis(50))
                    .timeout(Duration.ofMillis(20))
                    .build())
            .check(
                CheckSpec.builder(
                        "heap",
                        () -> {
                          okRuns.incrementAndGet();
                          return CheckResult.pass();
                        })
                    .impact(Impact.LIVENESS)
                    .interval(Duration.ofMillis(50))
                    .timeout(Duration.ofMillis(20))
                    .build())
            .build();
    try {
      m.start();
      Await.until(
          "40 intervals of both checks",
          Duration.ofSeconds(30),
          () ->
              okRuns.get() >= 40
                  && registry
                          .get("srekit.health.check.overruns")
                          .tags("check", "stuck", "reason", "abandoned")
                          .counter()
                          .count()
                      >= 40);
      HealthSnapshot s = m.snapshot();
      assertThat(started.get()).as("runs of the stuck check ever started").isEqualTo(1);
      assertThat(registry.get("srekit.health.check.duration").tag("check", "stuck").timer().count())
          .as("durations recorded: the one run that timed out, not the runs never started")
          .isEqualTo(1);
      assertThat(m.abandonedRuns()).isEqualTo(1);
      assertThat(s.check("stuck").status()).isEqualTo(HealthStatus.FAIL);
      assertThat(s.check("stuck").summary())
          .isEqualTo("still running: the last run timed out after 20ms and has not returned");
      assertThat(s.check("heap").status()).isEqualTo(HealthStatus.PASS);
      assertThat(s.liveness().status()).isEqualTo(HealthStatus.PASS);
      // an INFO check is reported (warn) but never fails readiness: /readyz answers 200
      assertThat(s.readiness().status()).isEqualTo(HealthStatus.WARN);
    } finally {
      never.countDown();
      Await.until("stuck run returns", Duration.ofSeconds(10), () -> m.abandonedRuns() == 0);
      m.close();
    }
  }

  private static double timeouts(SimpleMeterRegistry registry) {
    return registry.get("srekit.health.check.timeouts").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
