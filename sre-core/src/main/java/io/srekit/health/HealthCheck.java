package io.srekit.health;

/**
 * One health check, run in the background by {@link HealthMonitor}, never on a probe request.
 *
 * <pre>{@code
 * HealthCheck db = () -> dataSource.isValid(1) ? CheckResult.pass() : CheckResult.fail("invalid");
 * }</pre>
 *
 * <p>A check should honour interruption: when it exceeds its timeout the run is counted as failed
 * and its thread is interrupted. A thrown exception counts as a failure; its text is logged and is
 * shown to callers only when the operator's authorizer allows details.
 */
@FunctionalInterface
public interface HealthCheck {

  /**
   * Runs the check once.
   *
   * @return the result, never {@code null} (a {@code null} counts as a failure)
   * @throws Exception any failure; counted as {@link HealthStatus#FAIL}
   */
  CheckResult check() throws Exception;
}
