package io.srekit.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** The optional deadlock detector finds a real deadlock, and only then fails liveness. */
class DeadlockCheckTest {

  @Test
  void passesWithoutADeadlockAndFailsLivenessWithOne() throws Exception {
    HealthMonitor m = HealthMonitor.builder().check(DeadlockCheck.spec()).build();
    CheckSpec spec = m.checks().get(0);
    assertThat(spec.name()).isEqualTo("deadlocks");
    assertThat(spec.impact()).isEqualTo(Impact.LIVENESS);
    assertThat(spec.kind()).isEqualTo(CheckKind.LOCAL);
    m.runNow("deadlocks").get(10, TimeUnit.SECONDS);
    assertThat(m.snapshot().liveness().status()).isEqualTo(HealthStatus.PASS);

    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHold = new CountDownLatch(2);
    Thread t1 = new Thread(() -> cross(a, b, bothHold), "deadlock-test-1");
    Thread t2 = new Thread(() -> cross(b, a, bothHold), "deadlock-test-2");
    t1.setDaemon(true);
    t2.setDaemon(true);
    t1.start();
    t2.start();
    try {
      Await.until(
          "the detector sees the deadlock",
          Duration.ofSeconds(20),
          () -> DeadlockCheck.create().check().status() == HealthStatus.FAIL);
      assertThat(DeadlockCheck.create().check().detail())
          .isEqualTo("2 threads deadlocked: deadlock-test-1, deadlock-test-2");
      m.runNow("deadlocks").get(10, TimeUnit.SECONDS);
      HealthSnapshot s = m.snapshot();
      assertThat(s.liveness().status()).isEqualTo(HealthStatus.FAIL);
      assertThat(s.liveness().entry("deadlocks").detail()).startsWith("2 threads deadlocked");
    } finally {
      t1.interrupt(); // lockInterruptibly: the threads give up and end
      t2.interrupt();
      t1.join(10_000);
      t2.join(10_000);
      m.close();
    }
    assertThat(t1.isAlive() || t2.isAlive()).isFalse();
    assertThat(DeadlockCheck.create().check().status()).isEqualTo(HealthStatus.PASS);
  }

  private static void cross(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
    try {
      first.lockInterruptibly();
      try {
        bothHold.countDown();
        bothHold.await();
        second.lockInterruptibly();
        second.unlock();
      } finally {
        first.unlock();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
