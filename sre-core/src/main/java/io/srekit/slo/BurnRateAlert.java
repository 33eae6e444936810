package io.srekit.slo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Objects;

/**
 * One multiwindow burn-rate alert: it fires when the error ratio over both the long and the short
 * window exceeds {@code factor × (1 − objective)}. The factor is either given, or derived from the
 * share of the budget the long window may consume: {@code budgetFraction × period / longWindow} (2
 * % of a 30-day budget in 1 h is 14.4). Immutable.
 *
 * @param severity page or ticket
 * @param longWindow the window that measures how much budget burned
 * @param shortWindow the window that makes the alert reset soon after recovery
 * @param budgetFraction the share of the budget the long window may consume, or {@code null}
 * @param fixedFactor an explicit burn-rate factor, or {@code null}
 */
public record BurnRateAlert(
    Severity severity,
    Duration longWindow,
    Duration shortWindow,
    BigDecimal budgetFraction,
    BigDecimal fixedFactor) {

  /** Who gets told. */
  public enum Severity {
    /** Wake someone up. */
    PAGE("page"),
    /** Look at it during working hours. */
    TICKET("ticket");

    private final String label;

    Severity(String label) {
      this.label = label;
    }

    /** {@code page} or {@code ticket}. */
    public String label() {
      return label;
    }
  }

  /** Validates. */
  public BurnRateAlert {
    Objects.requireNonNull(severity, "severity");
    if (longWindow == null || shortWindow == null || shortWindow.compareTo(longWindow) >= 0) {
      throw new IllegalArgumentException(
          "alerts: the short window must be shorter than the long window, was "
              + shortWindow
              + " / "
              + longWindow);
    }
    if (shortWindow.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException(
          "alerts: the short window must be at least 1m, was " + shortWindow);
    }
    if ((budgetFraction == null) == (fixedFactor == null)) {
      throw new IllegalArgumentException(
          "alerts: give exactly one of budgetFraction and factor for "
              + severity.label()
              + " "
              + PromDuration.format(longWindow));
    }
    if (budgetFraction != null
        && (budgetFraction.signum() <= 0 || budgetFraction.compareTo(BigDecimal.ONE) > 0)) {
      throw new IllegalArgumentException(
          "alerts: budgetFraction must be in (0, 1], was " + budgetFraction.toPlainString());
    }
    if (fixedFactor != null && fixedFactor.signum() <= 0) {
      throw new IllegalArgumentException(
          "alerts: factor must be positive, was " + fixedFactor.toPlainString());
    }
  }

  /** An alert that fires when {@code longWindow} consumes {@code budgetFraction} of the budget. */
  public static BurnRateAlert consuming(
      Severity severity, String budgetFraction, Duration longWindow, Duration shortWindow) {
    return new BurnRateAlert(
        severity, longWindow, shortWindow, new BigDecimal(budgetFraction), null);
  }

  /** An alert with an explicit burn-rate factor. */
  public static BurnRateAlert withFactor(
      Severity severity, String factor, Duration longWindow, Duration shortWindow) {
    return new BurnRateAlert(severity, longWindow, shortWindow, null, new BigDecimal(factor));
  }

  /** The burn-rate factor for a period, exact: {@code budgetFraction × period / longWindow}. */
  public BigDecimal factor(SloPeriod period) {
    if (fixedFactor != null) {
      return fixedFactor.stripTrailingZeros();
    }
    BigDecimal ratio =
        BigDecimal.valueOf(period.nominalLength().toMillis())
            .divide(BigDecimal.valueOf(longWindow.toMillis()), MathContext.DECIMAL64);
    return budgetFraction.multiply(ratio).round(MathContext.DECIMAL64).stripTrailingZeros();
  }

  /** The error ratio both windows must exceed: {@code factor × (1 − objective)}, exact. */
  public BigDecimal errorRatioThreshold(SloPeriod period, BigDecimal objective) {
    return factor(period).multiply(BigDecimal.ONE.subtract(objective)).stripTrailingZeros();
  }
}
