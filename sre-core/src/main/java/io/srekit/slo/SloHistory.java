package io.srekit.slo;

import java.util.List;

/**
 * Recent history of one SLO, read from the engine's rings, for charts.
 *
 * @param budgetRemaining the budget burndown across the current period window: at each kept tick,
 *     the share of the period's budget not yet consumed by then (ends at the current remaining)
 * @param burnRate the burn rate of each 5-minute step over the last 6 hours ({@code NaN} without
 *     traffic)
 */
public record SloHistory(List<Point> budgetRemaining, List<Point> burnRate) {

  /** Immutable copies. */
  public SloHistory {
    budgetRemaining = List.copyOf(budgetRemaining);
    burnRate = List.copyOf(burnRate);
  }

  /**
   * One point.
   *
   * @param atMillis when
   * @param value the value
   */
  public record Point(long atMillis, double value) {}
}
