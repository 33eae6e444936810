package io.srekit.spring;

import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthCheck;
import io.srekit.health.HealthMonitorBuilder;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Adds {@code HealthIndicator} beans named in {@code sre.probes.indicators} to a monitor as
 * background checks: {@code UP} passes, {@code UNKNOWN} warns, anything else fails with the status
 * code as the detail. Loaded only when Spring Boot's health module is on the classpath.
 */
final class IndicatorChecks {

  private IndicatorChecks() {}

  static void add(
      HealthMonitorBuilder builder,
      Map<String, SreProperties.Indicator> indicators,
      ListableBeanFactory beans) {
    for (Map.Entry<String, SreProperties.Indicator> e : indicators.entrySet()) {
      String at = "sre.probes.indicators." + e.getKey();
      if (SreHealthIndicator.BEAN_NAME.equals(e.getKey())
          || !beans.containsBean(e.getKey())
          || !beans.isTypeMatch(e.getKey(), HealthIndicator.class)) {
        throw new IllegalStateException(
            at
                + ": no HealthIndicator bean named '"
                + e.getKey()
                + "'; known: "
                + String.join(", ", beans.getBeanNamesForType(HealthIndicator.class)));
      }
      HealthIndicator indicator = beans.getBean(e.getKey(), HealthIndicator.class);
      if (indicator instanceof BackgroundHealthIndicators.Background background) {
        indicator = background.delegate();
      }
      SreProperties.Indicator p = e.getValue();
      try {
        builder.check(
            CheckSpec.builder(e.getKey(), check(indicator))
                .impact(p.getImpact())
                .kind(p.getKind())
                .interval(p.getInterval())
                .timeout(p.getTimeout())
                .build());
      } catch (IllegalArgumentException ex) {
        throw new IllegalStateException(at + ": " + ex.getMessage(), ex);
      }
    }
  }

  private static HealthCheck check(HealthIndicator indicator) {
    return () -> {
      Health h = indicator.health();
      Status s = h == null ? Status.UNKNOWN : h.getStatus();
      if (Status.UP.equals(s)) {
        return CheckResult.pass();
      }
      if (Status.UNKNOWN.equals(s)) {
        return CheckResult.warn("status " + s.getCode());
      }
      return CheckResult.fail("status " + s.getCode());
    };
  }
}
