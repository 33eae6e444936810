package io.srekit.health;

/**
 * The result of one run of a {@link HealthCheck}.
 *
 * @param status pass, warn or fail
 * @param detail a reason or observed value; shown to callers only when details are authorized, may
 *     be {@code null}
 */
public record CheckResult(HealthStatus status, String detail) {

  private static final CheckResult PASS = new CheckResult(HealthStatus.PASS, null);

  /** Requires a status. */
  public CheckResult {
    if (status == null) {
      throw new IllegalArgumentException("status: must not be null");
    }
  }

  /** A passing result without detail (a shared instance). */
  public static CheckResult pass() {
    return PASS;
  }

  /** A passing result with a detail. */
  public static CheckResult pass(String detail) {
    return new CheckResult(HealthStatus.PASS, detail);
  }

  /** A passing result with a concern. */
  public static CheckResult warn(String detail) {
    return new CheckResult(HealthStatus.WARN, detail);
  }

  /** A failing result with a reason. */
  public static CheckResult fail(String detail) {
    return new CheckResult(HealthStatus.FAIL, detail);
  }
}
