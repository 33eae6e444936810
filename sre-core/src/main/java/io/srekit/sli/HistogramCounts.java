package io.srekit.sli;

import java.util.Arrays;

/**
 * Cumulative histogram counts of one series and outcome at one instant.
 *
 * @param outcome the outcome these counts belong to
 * @param cumulativeCounts for each bucket (the last is {@code +Inf}), the number of observations
 *     less than or equal to its bound; non-decreasing
 * @param sumSeconds the sum of all observations, in seconds
 */
public record HistogramCounts(Outcome outcome, long[] cumulativeCounts, double sumSeconds) {

  /** Defensive copy: snapshots are immutable. */
  public HistogramCounts {
    cumulativeCounts = cumulativeCounts.clone();
  }

  /** The total number of observations, equal to the {@code +Inf} bucket. */
  public long count() {
    return cumulativeCounts[cumulativeCounts.length - 1];
  }

  /** The cumulative count of bucket {@code i}. */
  public long cumulativeCount(int i) {
    return cumulativeCounts[i];
  }

  /** A copy of the cumulative counts. */
  @Override
  public long[] cumulativeCounts() {
    return cumulativeCounts.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HistogramCounts h
        && outcome == h.outcome
        && Arrays.equals(cumulativeCounts, h.cumulativeCounts)
        && Double.compare(sumSeconds, h.sumSeconds) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * (31 * outcome.hashCode() + Arrays.hashCode(cumulativeCounts))
        + Double.hashCode(sumSeconds);
  }

  @Override
  public String toString() {
    return outcome.label() + Arrays.toString(cumulativeCounts) + " sum=" + sumSeconds;
  }
}
