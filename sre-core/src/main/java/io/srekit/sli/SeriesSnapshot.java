package io.srekit.sli;

import java.util.List;

/**
 * The counters of one label set at one instant, one {@link HistogramCounts} per {@link Outcome}
 * (always all of them, zero when nothing was recorded).
 *
 * @param labelValues the label values, in the SLI's label-name order
 * @param byOutcome the counts per outcome, indexed by {@link Outcome#ordinal()}
 */
public record SeriesSnapshot(List<String> labelValues, List<HistogramCounts> byOutcome) {

  /** Immutable copies. */
  public SeriesSnapshot {
    labelValues = List.copyOf(labelValues);
    byOutcome = List.copyOf(byOutcome);
  }

  /** The counts of one outcome. */
  public HistogramCounts counts(Outcome outcome) {
    return byOutcome.get(outcome.ordinal());
  }
}
