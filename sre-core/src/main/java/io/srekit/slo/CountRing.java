package io.srekit.slo;

/**
 * A fixed-size ring of cumulative (valid, bad) counts taken at most once per resolution step, in
 * time order. Memory is fixed at construction: three {@code long}s per slot. Not thread-safe; the
 * engine's tick owns it.
 */
final class CountRing {

  private final long resolutionMillis;
  private final long[] times;
  private final long[] valid;
  private final long[] bad;
  private int head; // next slot to write
  private int size;

  CountRing(long resolutionMillis, long spanMillis) {
    this.resolutionMillis = resolutionMillis;
    int capacity = (int) (spanMillis / resolutionMillis) + 4;
    this.times = new long[capacity];
    this.valid = new long[capacity];
    this.bad = new long[capacity];
  }

  /** Adds a sample if at least one resolution step passed since the newest; true if added. */
  boolean offer(long atMillis, long validCount, long badCount) {
    if (size > 0 && atMillis - times[index(size - 1)] < resolutionMillis) {
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

  /** Bytes held by the arrays. */
  long footprintBytes() {
    return 3L * 8 * times.length;
  }
}
