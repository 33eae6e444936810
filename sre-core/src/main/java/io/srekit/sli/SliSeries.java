package io.srekit.sli;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * One resolved label set of a {@link LatencySli}: the handle the request path records into.
 *
 * <p>Resolve it once ({@link LatencySli#series(String...)}), keep it, and call {@link #record} per
 * request. Recording is wait-free on x86 and arm64 (atomic adds, no CAS loop), takes no lock,
 * allocates nothing and looks nothing up: the bucket is found from the duration's bit length and at
 * most the bounds within that power of two, and the counters live in per-thread stripes (picked by
 * thread id) so that threads do not contend on one cache line.
 *
 * <p>What a reader sees: every bucket counter is monotonic, {@code count} is the sum of the buckets
 * (so {@code _count} always equals the {@code +Inf} bucket) and cumulative buckets never decrease
 * within or between snapshots. {@code _sum} is added separately and may lag or lead the counts by
 * the records in flight during a snapshot. Each record adds at most {@link #MAX_SUM_NANOS} (one
 * hour) to {@code _sum}, so one absurd duration cannot wreck it; {@code _sum} never decreases.
 *
 * <pre>{@code
 * SliSeries login = sli.series("POST", "/login");
 * long start = login.startNanos();
 * // ... handle the request ...
 * login.recordSince(start, Outcome.SUCCESS);
 * }</pre>
 */
public final class SliSeries {

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

  /** Longs kept free before and after each stripe so stripes never share a cache line. */
  static final int PAD = 8;

  /**
   * The most one record adds to {@code _sum}: one hour, the ceiling the quantile side clamps to. A
   * stripe's sum, read as an unsigned 64-bit count, then holds 5.1 million such records (or 584
   * years of request time) between two snapshots, which drain it into a {@code double}.
   */
  public static final long MAX_SUM_NANOS = QuantileRecorder.HIGHEST_NANOS;

  private final LatencySli sli;
  private final List<String> labelValues;
  private final long[] cutoffs;
  private final byte[] startTable;
  private final int stride;
  private final int sumOffset;
  private final long[][] stripes;
  private final int stripeMask;
  private final QuantileRecorder quantiles;
  private final io.micrometer.core.instrument.Clock clock;

  /** Sum drained out of the stripes by readers, per outcome; guarded by {@code this}. */
  private final double[] drainedSumNanos;

  SliSeries(LatencySli sli, List<String> labelValues, int stripeCount) {
    this.sli = sli;
    this.labelValues = labelValues;
    BucketBounds bounds = sli.bounds();
    this.cutoffs = bounds.cutoffsForHotPath();
    this.startTable = bounds.startTableForHotPath();
    this.stride = bounds.bucketCount() + 1;
    this.sumOffset = bounds.bucketCount();
    this.stripes = new long[stripeCount][];
    for (int s = 0; s < stripeCount; s++) {
      stripes[s] = new long[PAD + Outcome.count() * stride + PAD];
    }
    this.stripeMask = stripeCount - 1;
    this.quantiles = sli.quantileRecorder();
    this.clock = sli.clock();
    this.drainedSumNanos = new double[Outcome.count()];
  }

  /**
   * Records one finished request.
   *
   * <p>Never throws: a negative duration is counted in the SLI's rejected counter and not recorded;
   * a {@code null} outcome is recorded as {@link Outcome#ERROR}; durations above the largest bound
   * go to {@code +Inf}, and add at most {@link #MAX_SUM_NANOS} to {@code _sum}.
   *
   * @param nanos the request's duration in nanoseconds
   * @param outcome the request's outcome
   */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() needs Java 19; same value.
  public void record(long nanos, Outcome outcome) {
    if (nanos < 0) {
      sli.rejectNegative();
      return;
    }
    final long[] c = cutoffs;
    int bucket = startTable[Long.numberOfLeadingZeros(nanos)];
    while (nanos > c[bucket]) {
      bucket++;
    }
    final int base = PAD + (outcome == null ? Outcome.ERROR : outcome).ordinal() * stride;
    final long[] stripe = stripes[(int) Thread.currentThread().getId() & stripeMask];
    CELLS.getAndAdd(stripe, base + bucket, 1L);
    CELLS.getAndAdd(stripe, base + sumOffset, Math.min(nanos, MAX_SUM_NANOS));
    final QuantileRecorder q = quantiles;
    if (q != null) {
      q.record(nanos);
    }
  }

  /** Reads the SLI's monotonic clock: the start of a measurement for {@link #recordSince}. */
  public long startNanos() {
    return clock.monotonicTime();
  }

  /**
   * Records a request that started at {@code startNanos} (from {@link #startNanos()}) and ends now.
   * Reads the clock once.
   */
  public void recordSince(long startNanos, Outcome outcome) {
    record(clock.monotonicTime() - startNanos, outcome);
  }

  /** The label values of this series, in the SLI's label-name order. */
  public List<String> labelValues() {
    return labelValues;
  }

  /** The SLI this series belongs to. */
  public LatencySli sli() {
    return sli;
  }

  /**
   * Reads this series' counters. Readers are serialised on this series; writers never wait for
   * them.
   */
  public synchronized SeriesSnapshot snapshot() {
    int buckets = stride - 1;
    HistogramCounts[] byOutcome = new HistogramCounts[Outcome.count()];
    for (int o = 0; o < byOutcome.length; o++) {
      int base = PAD + o * stride;
      long[] cumulative = new long[buckets];
      for (long[] stripe : stripes) {
        for (int b = 0; b < buckets; b++) {
          cumulative[b] += (long) CELLS.getOpaque(stripe, base + b);
        }
        // Move the stripe's sum into a double so the per-stripe long never overflows. Read it as
        // unsigned: writers only add non-negative values, so past 2^63 it has wrapped, not shrunk.
        drainedSumNanos[o] += unsigned((long) CELLS.getAndSet(stripe, base + sumOffset, 0L));
      }
      for (int b = 1; b < buckets; b++) {
        cumulative[b] += cumulative[b - 1];
      }
      byOutcome[o] =
          new HistogramCounts(Outcome.ofOrdinal(o), cumulative, drainedSumNanos[o] / 1e9);
    }
    return new SeriesSnapshot(labelValues, List.of(byOutcome));
  }

  /** {@code v} read as an unsigned 64-bit integer. */
  static double unsigned(long v) {
    return v >= 0 ? (double) v : (double) (v >>> 1) * 2.0 + (v & 1L);
  }
}
