package io.srekit.slo;

/**
 * A fixed-size ring of cumulative (valid, bad) counts, in time order, at most one per resolution
 * step. Memory is fixed at construction: three {@code long}s per slot. Not thread-safe; the
 * engine's tick owns it.
 *
 * <p>A sample is kept when at least {@code resolution − tolerance} passed since the newest one: the
 * tolerance absorbs scheduler jitter (a 10 s tick that fires after 9.998 s still lands in a 10 s
 * ring), and it bounds the number of samples per span, so the capacity is enough for the span
 * whatever the tick. A sample older than the newest (a wall clock stepped back) is never kept, so
 * the ring stays sorted.
 */
final class CountRing {

  private final long resolutionMillis;
  private final long minSpacingMillis;
  private final long[] times;
  private final long[] valid;
  private final long[] bad;
  private int head; // next slot to write
  private int size;

  /**
   * A ring that holds at least {@code spanMillis} of samples taken at most once per {@code
   * resolutionMillis − toleranceMillis}.
   */
  CountRing(long resolutionMillis, long toleranceMillis, long spanMillis) {
    if (toleranceMillis < 0 || toleranceMillis >= resolutionMillis) {
      throw new IllegalArgumentException(
          "toleranceMillis: must be in [0, " + resolutionMillis + "), was " + toleranceMillis);
    }
    this.resolutionMillis = resolutionMillis;
    this.minSpacingMillis = resolutionMillis - toleranceMillis;
    int capacity = (int) ((spanMillis + minSpacingMillis - 1) / minSpacingMillis) + 4;
    this.times = new long[capacity];
    this.valid = new long[capacity];
    this.bad = new long[capacity];
  }

  /** Adds a sample if a resolution step (less the tolerance) passed since the newest one. */
  boolean offer(long atMillis, long validCount, long badCount) {
    if (size > 0 && atMillis - times[index(size - 1)] < minSpacingMillis) {
      return false;
    }
    times[head] = atMillis;
    valid[head] = validCount;
    bad[head] = badCount;
    head = (head + 1) % times.length;
    if (size < times.length) {
      size++;
    }
    return true;
  }

  /** Position {@code i} in time order (0 = oldest) to array index. */
  private int index(int i) {
    return (head - size + i + times.length) % times.length;
  }

  int size() {
    return size;
  }

  int capacity() {
    return times.length;
  }

  /** Time-ordered position of the newest sample taken at or before {@code cutMillis}, or -1. */
  int newestAtOrBefore(long cutMillis) {
    int lo = 0;
    int hi = size - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (times[index(mid)] <= cutMillis) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  long time(int position) {
    return times[index(position)];
  }

  long valid(int position) {
    return valid[index(position)];
  }

  long bad(int position) {
    return bad[index(position)];
  }

  long resolutionMillis() {
    return resolutionMillis;
  }

  /** Bytes held: the three arrays with their headers, and this object. */
  long footprintBytes() {
    return 3L * (16 + 8L * times.length) + 48;
  }
}
