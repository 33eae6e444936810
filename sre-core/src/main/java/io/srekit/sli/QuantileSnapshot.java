package io.srekit.sli;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Exact quantiles of one SLI over a recent window, from HdrHistogram at 3 significant digits: each
 * reported value is within 0.1 % of a value actually recorded at that rank (durations above one
 * hour are counted as one hour).
 *
 * @param window the window asked for
 * @param coveredSeconds how many seconds of recording the numbers actually span: at least the
 *     window once the SLI is older than it and ticks regularly, less right after start
 * @param count observations in the window
 * @param p50 median in seconds, {@code NaN} when {@code count} is 0
 * @param p90 90th percentile in seconds, {@code NaN} when {@code count} is 0
 * @param p99 99th percentile in seconds, {@code NaN} when {@code count} is 0
 * @param p999 99.9th percentile in seconds, {@code NaN} when {@code count} is 0
 * @param max the largest observation in seconds, {@code NaN} when {@code count} is 0
 */
public record QuantileSnapshot(
    Duration window,
    double coveredSeconds,
    long count,
    double p50,
    double p90,
    double p99,
    double p999,
    double max) {

  static QuantileSnapshot of(Duration window, double coveredSeconds, Histogram h) {
    long count = h.getTotalCount();
    if (count == 0) {
      return new QuantileSnapshot(
          window, coveredSeconds, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new QuantileSnapshot(
        window,
        coveredSeconds,
        count,
        seconds(h.getValueAtPercentile(50.0)),
        seconds(h.getValueAtPercentile(90.0)),
        seconds(h.getValueAtPercentile(99.0)),
        seconds(h.getValueAtPercentile(99.9)),
        seconds(h.getMaxValue()));
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
