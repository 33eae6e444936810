package io.srekit.health;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The mutable damping state of one check. Not thread-safe: {@link HealthMonitor} guards it with its
 * lock; probes only ever see the {@link CheckSnapshot} made from it.
 *
 * <p>Rules: a check starts down and comes up after {@code successThreshold} successes in a row
 * (never before its first success); it goes down after {@code failureThreshold} failures in a row.
 * While a failure is being damped the check reports {@code WARN}. A liveness check with {@code
 * escalateAfter} reports {@code WARN} instead of {@code FAIL} until it has been failing that long.
 */
final class CheckState {

  static final String NO_RESULT = "no result yet";
  static final String STALE = "stale";

  final CheckSpec spec;

  /** The failure id last logged (by {@link HealthMonitor}), so each episode is logged once. */
  String loggedFailureId;

  /** Whether the episode of {@link #loggedFailureId} has been logged as failing. */
  boolean loggedFailing;

  private final long staleAfterNanos;
  private final long escalateAfterNanos;

  private boolean up;
  private boolean hasResult;
  private HealthStatus lastRaw = HealthStatus.FAIL;
  private String summary;
  private String detail;
  private String failureId;
  private int consecutiveFailures;
  private int consecutiveSuccesses;
  private long lastResultNanos;
  private long lastResultMillis;
  private long lastDurationNanos;
  private long failingSinceNanos;

  CheckState(CheckSpec spec) {
    this.spec = spec;
    this.staleAfterNanos = spec.staleAfter().toNanos();
    this.escalateAfterNanos = spec.escalateAfter() == null ? 0 : spec.escalateAfter().toNanos();
  }

  /**
   * Applies one result.
   *
   * @param summary srekit-made reason safe for anyone (e.g. {@code timed out after PT1S}) or null
   * @param detail the check's own reason, or null
   */
  void apply(
      HealthStatus raw,
      String summary,
      String detail,
      long nowNanos,
      long nowMillis,
      long durationNanos) {
    hasResult = true;
    lastRaw = raw;
    lastResultNanos = nowNanos;
    lastResultMillis = nowMillis;
    lastDurationNanos = durationNanos;
    this.detail = detail;
    if (raw.isHealthy()) {
      consecutiveFailures = 0;
      consecutiveSuccesses++;
      if (!up && consecutiveSuccesses >= spec.successThreshold()) {
        up = true;
      }
      if (up) {
        this.summary = null;
        if (raw == HealthStatus.PASS) {
          failureId = null; // the episode ends; a warn keeps its id (one episode, one log line)
        }
      }
      if (raw == HealthStatus.WARN && failureId == null) {
        failureId = newId();
      }
    } else {
      if (consecutiveFailures == 0) {
        failingSinceNanos = nowNanos;
        if (failureId == null || up) {
          failureId = newId();
        }
      }
      consecutiveSuccesses = 0;
      consecutiveFailures++;
      this.summary = summary;
      if (up && consecutiveFailures >= spec.failureThreshold()) {
        up = false;
      }
    }
  }

  /** The damped status, not counting staleness. */
  HealthStatus status(long nowNanos) {
    if (!hasResult) {
      return HealthStatus.FAIL;
    }
    if (up) {
      return lastRaw == HealthStatus.PASS ? HealthStatus.PASS : HealthStatus.WARN;
    }
    if (escalateAfterNanos > 0
        && consecutiveFailures > 0
        && nowNanos - failingSinceNanos < escalateAfterNanos) {
      return HealthStatus.WARN;
    }
    if (escalateAfterNanos > 0 && consecutiveFailures == 0) {
      // down only because the success threshold is not reached yet: not an escalation
      return HealthStatus.WARN;
    }
    return HealthStatus.FAIL;
  }

  boolean hasResult() {
    return hasResult;
  }

  boolean stale(long nowNanos) {
    return hasResult && nowNanos - lastResultNanos > staleAfterNanos;
  }

  /** Earliest monotonic time at which this state changes without a new result. */
  long nextChangeNanos() {
    long next = hasResult ? lastResultNanos + staleAfterNanos + 1 : Long.MAX_VALUE;
    if (escalateAfterNanos > 0 && !up && consecutiveFailures > 0) {
      next = Math.min(next, failingSinceNanos + escalateAfterNanos);
    }
    return next;
  }

  CheckSnapshot snapshot(long nowNanos) {
    HealthStatus s = status(nowNanos);
    String sum = summary;
    if (!hasResult) {
      sum = NO_RESULT;
    } else if (s == HealthStatus.PASS) {
      sum = null;
    }
    return new CheckSnapshot(
        spec.name(),
        spec.kind(),
        spec.impact(),
        s,
        stale(nowNanos),
        sum,
        s == HealthStatus.PASS ? null : detail,
        s == HealthStatus.PASS ? null : failureId,
        lastResultMillis,
        lastDurationNanos,
        consecutiveFailures,
        consecutiveSuccesses);
  }

  private static String newId() {
    return String.format("%08x", ThreadLocalRandom.current().nextInt());
  }
}
