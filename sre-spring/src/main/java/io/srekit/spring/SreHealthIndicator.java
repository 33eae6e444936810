package io.srekit.spring;

import io.srekit.health.CheckSnapshot;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthSnapshot;
import io.srekit.health.HealthStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * srekit's health as a Spring {@link HealthIndicator}: read from the monitor's snapshot (never runs
 * a check): {@code DOWN} when liveness fails, {@code OUT_OF_SERVICE} when readiness fails (startup,
 * drain, a critical check), else {@code UP}; one detail per check with its status only (no check
 * text, which may carry exception messages).
 */
public final class SreHealthIndicator implements HealthIndicator {

  /** The bean name, {@code srekitHealthIndicator}: shown as {@code srekit} in Actuator. */
  public static final String BEAN_NAME = "srekitHealthIndicator";

  private final HealthMonitor monitor;

  /** Reads {@code monitor}. */
  public SreHealthIndicator(HealthMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public Health health() {
    HealthSnapshot s = monitor.snapshot();
    Health.Builder b;
    if (s.liveness().status() == HealthStatus.FAIL) {
      b = Health.down();
    } else if (s.readiness().status() == HealthStatus.FAIL) {
      b = Health.status(Status.OUT_OF_SERVICE);
    } else {
      b = Health.up();
    }
    b.withDetail("startupComplete", s.startupComplete()).withDetail("draining", s.draining());
    for (CheckSnapshot c : s.checks()) {
      b.withDetail(c.name(), c.status().name().toLowerCase(java.util.Locale.ROOT));
    }
    return b.build();
  }
}
