package io.srekit.slo;

/**
 * Something worth telling about an SLO, delivered to {@link SloListener}s on the engine's thread.
 */
public sealed interface SloEvent {

  /** The SLO's status at the tick that produced the event. */
  SloStatus status();

  /** A burn-rate alert started firing. */
  record AlertFiring(SloStatus status, SloStatus.AlertState alert) implements SloEvent {}

  /** A burn-rate alert stopped firing. */
  record AlertResolved(SloStatus status, SloStatus.AlertState alert) implements SloEvent {}

  /**
   * The remaining budget crossed {@code threshold} (0.5, 0.25 or 0).
   *
   * @param downward true when it fell below, false when it recovered above
   */
  record BudgetCrossed(SloStatus status, double threshold, boolean downward) implements SloEvent {}

  /** The process has now seen the whole of {@code window}. */
  record CoverageReached(SloStatus status, String window) implements SloEvent {}
}
