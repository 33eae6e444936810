package io.srekit.health;

/** Status of a check or a probe, as in the IETF health-check draft: pass, warn or fail. */
public enum HealthStatus {
  /** Healthy. */
  PASS("pass"),
  /** Healthy with a concern: served as success (HTTP 200). */
  WARN("warn"),
  /** Unhealthy: served as HTTP 503. */
  FAIL("fail");

  private final String wireName;

  HealthStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The lower-case name used on the wire ({@code pass}, {@code warn}, {@code fail}). */
  public String wireName() {
    return wireName;
  }

  /** {@code true} for {@link #PASS} and {@link #WARN}. */
  public boolean isHealthy() {
    return this != FAIL;
  }
}
