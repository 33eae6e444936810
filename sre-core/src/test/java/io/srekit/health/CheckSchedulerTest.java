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

/** The background scheduler: jitter, deadlines, single-flight and the cap on abandoned runs. */
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
   * 10,000 timeouts of a check that ignores interruption (it keeps spinning for 3 ms past its 1 ms
   * deadline): the worker pool never grows past its bound and the JVM's live threads stay within
   * that bound of where they started.
   */
  @Test
  void tenThousandTimeoutsOfACheckIgnoringInterruptionKeepThreadsBounded() throws Exception {
    int maxAbandoned = 4;
    int submitters = 4;
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HealthMonitorBuilder b =
        HealthMonitor.builder().maxAbandonedRuns(maxAbandoned).meterRegistry(registry);
    AtomicBoolean stop = new AtomicBoolean();
    for (int i = 0; i < submitters; i++) {
      b.check(
          CheckSpec.builder(
                  "stubborn" + i,
                  () -> {
                    long end = System.nanoTime() + 3_000_000;
                    while (System.nanoTime() < end && !stop.get()) {
                      LockSupport.parkNanos(200_000); // returns early on interrupt; ignored
                    }
                    return CheckResult.pass();
                  })
              .interval(Duration.ofHours(1))
              .timeout(Duration.ofMillis(1))
              .build());
    }
    HealthMonitor m = b.build();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    AtomicInteger peakJvmThreads = new AtomicInteger();
    List<Thread> drivers = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    for (int i = 0; i < submitters; i++) {
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
                  peakJvmThreads.accumulateAndGet(
                      ManagementFactory.getThreadMXBean().getThreadCount(), Math::max);
                }
              });
      drivers.add(t);
      t.start();
    }
    for (Thread t : drivers) {
      t.join(TimeUnit.SECONDS.toMillis(120));
    }
    stop.set(true);
    double counted = timeouts(registry);
    assertThat(counted).as("timeouts counted by the meter").isGreaterThanOrEqualTo(10_000);
    CheckScheduler s = m.scheduler();
    int bound = 2 * submitters + maxAbandoned;
    assertThat(s.maxWorkerThreads()).isEqualTo(bound);
    assertThat(s.largestWorkerThreads()).isLessThanOrEqualTo(bound);
    // our 4 drivers + the scheduler thread + the bounded pool, with slack for JVM/JUnit threads
    assertThat(peakJvmThreads.get() - threadsBefore)
        .isLessThanOrEqualTo(bound + submitters + 1 + 8);
    Await.until("abandoned runs drain", Duration.ofSeconds(10), () -> m.abandonedRuns() == 0);
    m.close();
  }

  private static double timeouts(SimpleMeterRegistry registry) {
    return registry.get("srekit.health.check.timeouts").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
