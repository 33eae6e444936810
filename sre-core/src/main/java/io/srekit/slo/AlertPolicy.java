package io.srekit.slo;

import io.srekit.slo.BurnRateAlert.Severity;
import java.time.Duration;
import java.util.List;

/**
 * The burn-rate alerts of an SLO. The default is the SRE workbook's multiwindow multi-burn-rate
 * set: page on 2 % of the budget in 1 h (short 5 m) or 5 % in 6 h (30 m); ticket on 10 % in 1 d (2
 * h) or 10 % in 3 d (6 h). Over 30 days those are the factors 14.4, 6, 3 and 1. Immutable.
 *
 * @param alerts the alerts, in order
 */
public record AlertPolicy(List<BurnRateAlert> alerts) {

  /** Immutable copy. */
  public AlertPolicy {
    alerts = List.copyOf(alerts);
  }

  /** The SRE workbook's four alerts. */
  public static AlertPolicy workbook() {
    return new AlertPolicy(
        List.of(
            BurnRateAlert.consuming(
                Severity.PAGE, "0.02", Duration.ofHours(1), Duration.ofMinutes(5)),
            BurnRateAlert.consuming(
                Severity.PAGE, "0.05", Duration.ofHours(6), Duration.ofMinutes(30)),
            BurnRateAlert.consuming(
                Severity.TICKET, "0.1", Duration.ofDays(1), Duration.ofHours(2)),
            BurnRateAlert.consuming(
                Severity.TICKET, "0.1", Duration.ofDays(3), Duration.ofHours(6))));
  }

  /** No alerts: the SLO is tracked but never alerts. */
  public static AlertPolicy none() {
    return new AlertPolicy(List.of());
  }

  /** The given alerts. */
  public static AlertPolicy of(BurnRateAlert... alerts) {
    return new AlertPolicy(List.of(alerts));
  }
}
