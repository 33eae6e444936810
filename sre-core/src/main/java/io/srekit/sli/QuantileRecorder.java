package io.srekit.sli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.HdrHistogram.Histogram;

/**
 * Cumulative HdrHistogram counts (3 significant digits, 1 µs to 1 h) that many threads record into
 * without a lock, a phaser or a shared total.
 *
 * <p>HdrHistogram's own {@code Recorder} makes every writer touch two shared phaser counters and a
 * shared total, which is where it loses at two threads. Here a record is one atomic increment of
 * the count at the value's index, laid out exactly as HdrHistogram lays out its counts array, in a
 * per-thread stripe (picked by thread id) so that cores do not pass the same cache lines back and
 * forth. Readers sum the stripes into a real {@link Histogram} and let HdrHistogram compute the
 * quantiles. Counts are never reset: a window is the difference of two copies, so each index is
 * monotonic and every difference non-negative.
 *
 * <p>Memory: {@code stripes × 24,576 × 8} bytes (192 KiB a stripe), fixed at construction. Values
 * above {@link #HIGHEST_NANOS} are recorded as {@link #HIGHEST_NANOS}.
 */
final class QuantileRecorder {

  static final long LOWEST_NANOS = 1_000L;
  static final long HIGHEST_NANOS = 3_600_000_000_000L;
  static final int SIGNIFICANT_DIGITS = 3;

  private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

  private final int unitMagnitude;
  private final int subBucketHalfCountMagnitude;
  private final int subBucketHalfCount;
  private final long subBucketMask;
  private final int leadingZeroCountBase;
  private final long[][] stripes;
  private final int stripeMask;
  private final int length;

  QuantileRecorder() {
    this(1);
  }

  /** A recorder with {@code stripeCount} (a power of two) stripes. */
  QuantileRecorder(int stripeCount) {
    unitMagnitude = (int) (Math.log(LOWEST_NANOS) / Math.log(2));
    long largestSingleUnit = 2 * (long) Math.pow(10, SIGNIFICANT_DIGITS);
    int subBucketCountMagnitude = (int) Math.ceil(Math.log(largestSingleUnit) / Math.log(2));
    subBucketHalfCountMagnitude = subBucketCountMagnitude - 1;
    int subBucketCount = 1 << subBucketCountMagnitude;
    subBucketHalfCount = subBucketCount / 2;
    subBucketMask = ((long) subBucketCount - 1) << unitMagnitude;
    leadingZeroCountBase = 64 - unitMagnitude - subBucketCountMagnitude;
    long smallestUntrackable = (long) subBucketCount << unitMagnitude;
    int buckets = 1;
    while (smallestUntrackable <= HIGHEST_NANOS) {
      smallestUntrackable <<= 1;
      buckets++;
    }
    length = (buckets + 1) * subBucketHalfCount;
    stripes = new long[stripeCount][];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new long[length];
    }
    stripeMask = stripeCount - 1;
  }

  /** The number of stripes. */
  int stripeCount() {
    return stripes.length;
  }

  /** Records one non-negative duration. Wait-free, allocation-free. */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19; same value.
  void record(long nanos) {
    long[] stripe = stripes[(int) Thread.currentThread().getId() & stripeMask];
    COUNTS.getAndAdd(stripe, indexOf(nanos > HIGHEST_NANOS ? HIGHEST_NANOS : nanos), 1L);
  }

  /** HdrHistogram's counts-array index of a value in [0, HIGHEST_NANOS]. */
  int indexOf(long v) {
    int bucket = leadingZeroCountBase - Long.numberOfLeadingZeros(v | subBucketMask);
    int subBucket = (int) (v >>> (bucket + unitMagnitude));
    return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount;
  }

  /** The smallest value that shares {@code index}'s count, as HdrHistogram computes it. */
  long valueFromIndex(int index) {
    int bucket = (index >> subBucketHalfCountMagnitude) - 1;
    int subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount;
    if (bucket < 0) {
      subBucket -= subBucketHalfCount;
      bucket = 0;
    }
    return (long) subBucket << (bucket + unitMagnitude);
  }

  /** A fresh copy of the cumulative counts summed over stripes; each entry read atomically. */
  long[] copyCounts() {
    long[] copy = new long[length];
    for (long[] stripe : stripes) {
      for (int i = 0; i < length; i++) {
        copy[i] += (long) COUNTS.getOpaque(stripe, i);
      }
    }
    return copy;
  }

  /** An empty HdrHistogram with this recorder's range and precision. */
  static Histogram newHistogram() {
    return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
  }

  /** {@code newer - older} (older may be {@code null}) as an HdrHistogram. */
  Histogram difference(long[] newer, long[] older) {
    Histogram h = newHistogram();
    for (int i = 0; i < newer.length; i++) {
      long c = older == null ? newer[i] : newer[i] - older[i];
      if (c > 0) {
        h.recordValueWithCount(valueFromIndex(i), c);
      }
    }
    return h;
  }

  int length() {
    return length;
  }
}
