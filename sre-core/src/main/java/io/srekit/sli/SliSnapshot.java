package io.srekit.sli;

import java.util.List;

/**
 * Everything a {@link LatencySli} has counted, at one instant: the input of the exposition, the
 * quantile windows and the error-budget engine.
 *
 * @param name the SLI's base name, e.g. {@code user_auth_request}
 * @param metricName the histogram family name, e.g. {@code user_auth_request_duration_seconds}
 * @param help the help text
 * @param labelNames the label names, without {@code outcome}
 * @param bounds the finite bucket bounds
 * @param series every resolved series, the overflow series last if it exists
 * @param rejectedNegative durations rejected because they were negative
 * @param seriesOverflow resolutions sent to the overflow series because the label-set bound was
 *     reached
 */
public record SliSnapshot(
    String name,
    String metricName,
    String help,
    List<String> labelNames,
    BucketBounds bounds,
    List<SeriesSnapshot> series,
    long rejectedNegative,
    long seriesOverflow) {

  /** Immutable copies. */
  public SliSnapshot {
    labelNames = List.copyOf(labelNames);
    series = List.copyOf(series);
  }

  /** The counts of one outcome summed over every series. */
  public HistogramCounts total(Outcome outcome) {
    long[] sum = new long[bounds.bucketCount()];
    double seconds = 0;
    for (SeriesSnapshot s : series) {
      HistogramCounts c = s.counts(outcome);
      for (int i = 0; i < sum.length; i++) {
        sum[i] += c.cumulativeCount(i);
      }
      seconds += c.sumSeconds();
    }
    return new HistogramCounts(outcome, sum, seconds);
  }
}
