package io.srekit.health;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The optional deadlock detector for liveness: fails when the JVM finds threads deadlocked on
 * monitors or ownable synchronizers ({@link ThreadMXBean#findDeadlockedThreads()}). A deadlock
 * never heals, so a restart is the cure: the check is local, in liveness, and fails at the first
 * finding.
 *
 * <pre>{@code
 * HealthMonitor.builder().check(DeadlockCheck.spec()).build();
 * }</pre>
 *
 * <p>The search briefly pauses the JVM at a safepoint, so it runs every 30 s, not every probe. The
 * names of the deadlocked threads are the check's detail: shown only to authorized callers.
 */
public final class DeadlockCheck implements HealthCheck {

  /** The check's name in probe output. */
  public static final String NAME = "deadlocks";

  private final ThreadMXBean threads;

  private DeadlockCheck(ThreadMXBean threads) {
    this.threads = threads;
  }

  /** The detector on this JVM's threads. */
  public static DeadlockCheck create() {
    return new DeadlockCheck(ManagementFactory.getThreadMXBean());
  }

  /**
   * The detector as a liveness check named {@value #NAME}: local, every 30 s, 5 s timeout, down at
   * the first failure.
   */
  public static CheckSpec spec() {
    return CheckSpec.builder(NAME, create())
        .kind(CheckKind.LOCAL)
        .impact(Impact.LIVENESS)
        .interval(Duration.ofSeconds(30))
        .timeout(Duration.ofSeconds(5))
        .failureThreshold(1)
        .build();
  }

  @Override
  public CheckResult check() {
    long[] ids = threads.findDeadlockedThreads();
    if (ids == null || ids.length == 0) {
      return CheckResult.pass();
    }
    String names =
        Arrays.stream(threads.getThreadInfo(ids))
            .filter(t -> t != null)
            .map(ThreadInfo::getThreadName)
            .sorted()
            .collect(Collectors.joining(", "));
    return CheckResult.fail(ids.length + " threads deadlocked: " + names);
  }
}
