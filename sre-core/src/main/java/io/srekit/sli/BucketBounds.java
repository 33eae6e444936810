package io.srekit.sli;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/**
 * The finite upper bounds of a latency histogram, in seconds, with the exact nanosecond cut-offs
 * the recorder compares against.
 *
 * <p>An observation of {@code n} nanoseconds lands in the first bucket whose bound {@code b}
 * satisfies {@code n / 1e9 <= b} evaluated in {@code double}, the same seconds value that {@code
 * _sum} and every SLO threshold see; the comparison itself is done on a precomputed {@code long}
 * cut-off, so the hot path does no floating-point work. {@code +Inf} is implicit and always last.
 * Instances are immutable.
 */
public final class BucketBounds {

  /** Smallest accepted bound: one microsecond. */
  public static final double MIN_BOUND_SECONDS = 1e-6;

  /** Largest accepted bound: one million seconds (about 11.6 days). */
  public static final double MAX_BOUND_SECONDS = 1e6;

  /**
   * The default bounds for request latency, 5 ms to 10 s: client_java's classic defaults plus 75 ms
   * and 750 ms, where login-style services tend to set their thresholds.
   */
  public static final List<Double> DEFAULT_SECONDS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0);

  private final double[] seconds;
  private final long[] cutoffNanos; // finite cut-offs, then Long.MAX_VALUE for +Inf
  private final byte[] startByLeadingZeros; // first candidate bucket for a value's bit length

  private BucketBounds(double[] seconds) {
    this.seconds = seconds;
    this.cutoffNanos = new long[seconds.length + 1];
    for (int i = 0; i < seconds.length; i++) {
      cutoffNanos[i] = cutoffNanos(seconds[i]);
      if (i > 0 && cutoffNanos[i] <= cutoffNanos[i - 1]) {
        throw new IllegalArgumentException(
            "buckets: bounds "
                + seconds[i - 1]
                + " and "
                + seconds[i]
                + " are closer than one nanosecond");
      }
    }
    cutoffNanos[seconds.length] = Long.MAX_VALUE;
    this.startByLeadingZeros = new byte[65];
    for (int lz = 0; lz <= 64; lz++) {
      // Values with this many leading zeros are >= 2^(63 - lz); every cut-off below that is
      // certainly exceeded, so the search may start after them.
      long smallest = lz == 64 ? 0L : 1L << (63 - lz);
      int start = 0;
      while (cutoffNanos[start] < smallest) {
        start++;
      }
      startByLeadingZeros[lz] = (byte) start;
    }
  }

  /**
   * Validates and wraps bounds given in seconds.
   *
   * @throws IllegalArgumentException naming the bad value if a bound is NaN, infinite, outside
   *     [{@value #MIN_BOUND_SECONDS}, {@value #MAX_BOUND_SECONDS}], duplicated or out of order
   */
  public static BucketBounds of(double... seconds) {
    if (seconds == null || seconds.length == 0) {
      throw new IllegalArgumentException("buckets: at least one finite bound is required, was []");
    }
    if (seconds.length > 120) {
      throw new IllegalArgumentException(
          "buckets: at most 120 bounds are supported, was " + seconds.length);
    }
    for (int i = 0; i < seconds.length; i++) {
      double b = seconds[i];
      if (Double.isNaN(b) || Double.isInfinite(b)) {
        throw new IllegalArgumentException(
            "buckets: bound must be finite (+Inf is implicit), was " + b);
      }
      if (b < MIN_BOUND_SECONDS || b > MAX_BOUND_SECONDS) {
        throw new IllegalArgumentException(
            "buckets: bound must be in ["
                + MIN_BOUND_SECONDS
                + ", "
                + MAX_BOUND_SECONDS
                + "] seconds, was "
                + b);
      }
      if (i > 0 && b == seconds[i - 1]) {
        throw new IllegalArgumentException("buckets: duplicate bound " + b);
      }
      if (i > 0 && b < seconds[i - 1]) {
        throw new IllegalArgumentException(
            "buckets: bounds must be sorted ascending, was " + seconds[i - 1] + " before " + b);
      }
    }
    return new BucketBounds(seconds.clone());
  }

  /** The default request-latency bounds, {@link #DEFAULT_SECONDS}. */
  public static BucketBounds defaults() {
    return of(DEFAULT_SECONDS.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** Returns these bounds with {@code extra} added where missing (sorted, deduplicated). */
  public BucketBounds with(double... extra) {
    double[] merged = Arrays.copyOf(seconds, seconds.length + extra.length);
    System.arraycopy(extra, 0, merged, seconds.length, extra.length);
    for (double e : extra) {
      if (Double.isNaN(e)) {
        throw new IllegalArgumentException("buckets: bound must be finite, was NaN");
      }
    }
    return of(Arrays.stream(merged).sorted().distinct().toArray());
  }

  /**
   * The largest whole number of nanoseconds {@code n} with {@code n / 1e9 <= seconds} in {@code
   * double} arithmetic: the inclusive cut-off of a bound, for bounds within the accepted range.
   */
  static long cutoffNanos(double seconds) {
    long n = new BigDecimal(seconds).movePointRight(9).longValue();
    while ((double) (n + 1) / 1e9 <= seconds) {
      n++;
    }
    while (n > 0 && (double) n / 1e9 > seconds) {
      n--;
    }
    return n;
  }

  /** Number of finite bounds. */
  public int size() {
    return seconds.length;
  }

  /** Number of buckets including {@code +Inf}. */
  public int bucketCount() {
    return seconds.length + 1;
  }

  /** The {@code i}-th finite bound in seconds. */
  public double upperBound(int i) {
    return seconds[i];
  }

  /** A copy of the finite bounds in seconds. */
  public double[] toArray() {
    return seconds.clone();
  }

  /** The index of {@code seconds} among the finite bounds, or {@code -1} if it is not a bound. */
  public int indexOf(double seconds) {
    int i = Arrays.binarySearch(this.seconds, seconds);
    return i >= 0 ? i : -1;
  }

  /** The inclusive nanosecond cut-off of bucket {@code i} ({@code Long.MAX_VALUE} for +Inf). */
  public long cutoffNanosAt(int i) {
    return cutoffNanos[i];
  }

  /**
   * The bucket of a non-negative duration: the first {@code i} with {@code nanos <=
   * cutoffNanosAt(i)}. Branch-light: the bit length of {@code nanos} picks the first candidate, so
   * at most the bounds within one power of two are compared.
   */
  int indexOf(long nanos) {
    final long[] cutoffs = cutoffNanos;
    int i = startByLeadingZeros[Long.numberOfLeadingZeros(nanos)];
    while (nanos > cutoffs[i]) {
      i++;
    }
    return i;
  }

  long[] cutoffsForHotPath() {
    return cutoffNanos;
  }

  byte[] startTableForHotPath() {
    return startByLeadingZeros;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BucketBounds other && Arrays.equals(seconds, other.seconds);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(seconds);
  }

  @Override
  public String toString() {
    return Arrays.toString(seconds);
  }
}
