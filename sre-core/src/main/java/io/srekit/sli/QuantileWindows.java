package io.srekit.sli;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Recent-window views of a {@link QuantileRecorder}: a ring of cumulative copies taken every tick,
 * each kept in HdrHistogram's compressed encoding (a few KB, however busy the SLI), so a window is
 * {@code now − copy(now − window)}. Memory is bounded by the ring length, never by traffic.
 * Thread-safe; all methods are cold-path.
 */
final class QuantileWindows {

  private record Entry(long atMillis, byte[] compressed) {}

  private final QuantileRecorder recorder;
  private final long tickMillis;
  private final long longestWindowMillis;
  private final long startMillis;
  private final ArrayDeque<Entry> ring = new ArrayDeque<>();
  private long lastTickMillis;

  QuantileWindows(
      QuantileRecorder recorder, Duration tick, Duration longestWindow, long startMillis) {
    this.recorder = recorder;
    this.tickMillis = tick.toMillis();
    this.longestWindowMillis = longestWindow.toMillis();
    this.startMillis = startMillis;
    this.lastTickMillis = startMillis;
    ring.addLast(new Entry(startMillis, encode(QuantileRecorder.newHistogram())));
  }

  /** Takes a copy if a tick has passed since the last one; drops copies no window needs. */
  synchronized void tick(long nowMillis) {
    if (nowMillis - lastTickMillis < tickMillis) {
      return;
    }
    lastTickMillis = nowMillis;
    ring.addLast(new Entry(nowMillis, encode(recorder.difference(recorder.copyCounts(), null))));
    // Keep the newest copy that is at least the longest window old, and everything after it.
    while (ring.size() > 1) {
      Iterator<Entry> it = ring.iterator();
      it.next();
      Entry second = it.next();
      if (nowMillis - second.atMillis() >= longestWindowMillis) {
        ring.removeFirst();
      } else {
        break;
      }
    }
  }

  /** Quantiles over the last {@code window}, ending now. */
  synchronized QuantileSnapshot snapshot(Duration window, long nowMillis) {
    tick(nowMillis);
    long cut = nowMillis - window.toMillis();
    Entry base = null;
    for (Entry e : ring) {
      if (e.atMillis() <= cut) {
        base = e;
      }
    }
    if (base == null) {
      base = ring.peekFirst();
    }
    Histogram h = recorder.difference(recorder.copyCounts(), null);
    h.subtract(decode(base.compressed()));
    long from = Math.max(base.atMillis(), startMillis);
    return QuantileSnapshot.of(window, (nowMillis - from) / 1000.0, h);
  }

  private static byte[] encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int len = h.encodeIntoCompressedByteBuffer(buf);
    byte[] out = new byte[len];
    buf.flip();
    buf.get(out);
    return out;
  }

  private static Histogram decode(byte[] compressed) {
    try {
      return Histogram.decodeFromCompressedByteBuffer(
          ByteBuffer.wrap(compressed), QuantileRecorder.HIGHEST_NANOS);
    } catch (DataFormatException e) {
      throw new IllegalStateException("corrupt quantile snapshot", e);
    }
  }
}
