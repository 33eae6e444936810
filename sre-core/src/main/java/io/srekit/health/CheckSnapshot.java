package io.srekit.health;

/**
 * The damped state of one registered check at the time of a {@link HealthSnapshot}.
 *
 * @param name the check's name
 * @param kind local or dependency
 * @param impact the probe it can change
 * @param status damped status: {@code FAIL} before the first success and once the failure threshold
 *     is reached; {@code WARN} while a failure is being damped or the check warned
 * @param stale whether the last result is older than the check's staleness bound (fails readiness)
 * @param summary a short srekit-made reason safe to show anyone (e.g. {@code timed out}), or {@code
 *     null} when the reason came from the check (then it is withheld unless authorized)
 * @param detail the check's own reason or exception text; shown only to authorized callers, may be
 *     {@code null}
 * @param failureId short id of the current failure episode, also in the server log; {@code null}
 *     while healthy
 * @param lastResultMillis wall time of the last result (epoch millis), 0 before the first
 * @param lastDurationNanos duration of the last run
 * @param consecutiveFailures failures in a row
 * @param consecutiveSuccesses successes in a row
 */
public record CheckSnapshot(
    String name,
    CheckKind kind,
    Impact impact,
    HealthStatus status,
    boolean stale,
    String summary,
    String detail,
    String failureId,
    long lastResultMillis,
    long lastDurationNanos,
    int consecutiveFailures,
    int consecutiveSuccesses) {}
