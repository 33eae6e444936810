package io.srekit.slo;

import java.util.List;
import java.util.Map;

/**
 * Everything the engine knows about one SLO at one tick. Immutable; ratios are {@code NaN} when the
 * window holds no valid event ("no data" is not 100 %).
 *
 * @param slo the definition
 * @param atMillis when the tick was taken
 * @param windows every alert window and the period, keyed by Prometheus duration ({@code 5m}) or
 *     period label ({@code 30d}), shortest first
 * @param period the budget period's window
 * @param budget the error budget over the period
 * @param secondsToExhaustionAt1h seconds until the budget is gone at the current 1 h burn rate,
 *     {@code NaN} if it is not burning, 0 if exhausted
 * @param secondsToExhaustionAt6h the same at the 6 h burn rate
 * @param alerts the state of each burn-rate alert
 */
public record SloStatus(
    Slo slo,
    long atMillis,
    Map<String, WindowStatus> windows,
    WindowStatus period,
    Budget budget,
    double secondsToExhaustionAt1h,
    double secondsToExhaustionAt6h,
    List<AlertState> alerts) {

  /** Immutable copies. */
  public SloStatus {
    windows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(windows));
    alerts = List.copyOf(alerts);
  }

  /** The remaining budget as a share of the allowed one (negative once overspent). */
  public double remaining() {
    return budget.remainingRatio();
  }

  /** Whether the budget is spent (remaining ≤ 0). False without data. */
  public boolean isExhausted() {
    return budget.remainingRatio() <= 0;
  }

  /** Whether any alert of this severity is firing. */
  public boolean isFiring(BurnRateAlert.Severity severity) {
    for (AlertState a : alerts) {
      if (a.alert().severity() == severity && a.firing()) {
        return true;
      }
    }
    return false;
  }

  /**
   * One window: counts are differences of two snapshots of the SLI's cumulative counters.
   *
   * @param name {@code 5m}, {@code 1h}, …, or the period label
   * @param seconds the window's nominal length
   * @param validEvents valid events in the window
   * @param badEvents bad events in the window
   * @param errorRatio bad / valid, {@code NaN} without valid events
   * @param burnRate errorRatio / (1 − objective), {@code NaN} without valid events
   * @param coverage how much of the window this process has seen, in [0, 1]
   * @param fromMillis the tick the window's counts start from: the newest kept at or before {@code
   *     now − window} (at most one ring step earlier), or the first tick if the process is younger
   */
  public record WindowStatus(
      String name,
      double seconds,
      long validEvents,
      long badEvents,
      double errorRatio,
      double burnRate,
      double coverage,
      long fromMillis) {}

  /**
   * The error budget over the period.
   *
   * @param allowedEvents bad events the objective allows for the valid events seen: (1 − objective)
   *     × valid
   * @param consumedEvents bad events seen
   * @param remainingRatio 1 − consumed / allowed; may be negative; {@code NaN} without data
   * @param remainingEvents allowed − consumed; may be negative
   */
  public record Budget(
      double allowedEvents, long consumedEvents, double remainingRatio, double remainingEvents) {}

  /**
   * One burn-rate alert's state.
   *
   * @param alert the definition
   * @param factor the burn-rate factor for this SLO's period, exact
   * @param errorRatioThreshold factor × (1 − objective), exact
   * @param longErrorRatio error ratio over the long window ({@code NaN} without data)
   * @param shortErrorRatio error ratio over the short window ({@code NaN} without data)
   * @param firing both ratios above the threshold
   * @param sinceMillis when it started firing, or {@code -1}
   * @param longWindowCovered whether the process has seen the whole long window
   */
  public record AlertState(
      BurnRateAlert alert,
      java.math.BigDecimal factor,
      java.math.BigDecimal errorRatioThreshold,
      double longErrorRatio,
      double shortErrorRatio,
      boolean firing,
      long sinceMillis,
      boolean longWindowCovered) {}
}
