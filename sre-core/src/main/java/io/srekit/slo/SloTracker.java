package io.srekit.slo;

import io.srekit.slo.SloStatus.AlertState;
import io.srekit.slo.SloStatus.Budget;
import io.srekit.slo.SloStatus.WindowStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history and state of one SLO: multi-resolution rings of its cumulative (valid, bad) counts
 * and the alert state between ticks. Fixed memory, whatever the traffic: the rings' resolutions (10
 * s up to 1 h, 1 min up to 6 h, 5 min up to 3 d, 1 h up to 35 d; a ring is never finer than the
 * tick) do not follow a finer tick, so the rings hold 59,304 B at a 1 s tick, 60,384 B at the
 * default 10 s and 53,568 B at 1 min ({@link #ringBytes(Duration)}, checked by {@code
 * SloTrackerMemoryTest}). Confined to the engine's tick (guarded by the engine).
 */
final class SloTracker {

  private static final long HOUR = 3_600_000L;

  /** The longest window each ring answers for, finest ring first. */
  private static final long[] RING_MAX_WINDOW = {
    HOUR, 6 * HOUR, 72 * HOUR, SloPeriod.MAX.toMillis()
  };

  /** Each ring's resolution, unless the tick is coarser. */
  private static final long[] RING_RESOLUTION = {10_000L, 60_000L, 300_000L, HOUR};

  private static final double[] BUDGET_THRESHOLDS = {0.5, 0.25, 0.0};

  private final Slo slo;
  private final double errorBudget;
  private final List<Duration> windowLengths;
  private final List<String> windowNames;
  private final CountRing[] rings;
  private final String[] alertLong;
  private final String[] alertShort;
  private final BigDecimal[] alertFactor;
  private final BigDecimal[] alertThreshold;
  private final double[] alertThresholdRatio;
  private final long[] firingSince;
  private final List<String> coverageReached = new ArrayList<>();
  private SloStatus previous;
  private long lastNow = Long.MIN_VALUE;
  private long lastValid;
  private long lastBad;

  // The current period's base: for rolling periods the ring sample the period starts from, for
  // calendar periods the first tick at or after the boundary.
  private long periodStart = Long.MIN_VALUE;
  private long periodBaseMillis;
  private long periodBaseValid;
  private long periodBaseBad;
  private boolean periodSeenFromStart;

  SloTracker(Slo slo, Duration tick) {
    this.slo = slo;
    this.errorBudget = slo.errorBudget().doubleValue();
    this.windowLengths = slo.statusWindows();
    List<String> names = new ArrayList<>();
    for (Duration w : windowLengths) {
      names.add(PromDuration.format(w));
    }
    this.windowNames = List.copyOf(names);
    this.rings = rings(tick);
    List<BurnRateAlert> defs = slo.alerts().alerts();
    this.alertLong = new String[defs.size()];
    this.alertShort = new String[defs.size()];
    this.alertFactor = new BigDecimal[defs.size()];
    this.alertThreshold = new BigDecimal[defs.size()];
    this.alertThresholdRatio = new double[defs.size()];
    for (int i = 0; i < defs.size(); i++) {
      BurnRateAlert a = defs.get(i);
      alertLong[i] = PromDuration.format(a.longWindow());
      alertShort[i] = PromDuration.format(a.shortWindow());
      alertFactor[i] = a.factor(slo.period());
      alertThreshold[i] = a.errorRatioThreshold(slo.period(), slo.objective());
      alertThresholdRatio[i] = alertThreshold[i].doubleValue();
    }
    this.firingSince = new long[defs.size()];
    Arrays.fill(firingSince, -1);
  }

  private static CountRing[] rings(Duration tick) {
    long t = tick.toMillis();
    CountRing[] rings = new CountRing[RING_MAX_WINDOW.length];
    for (int i = 0; i < rings.length; i++) {
      long resolution = Math.max(t, RING_RESOLUTION[i]);
      rings[i] = new CountRing(resolution, t / 10, RING_MAX_WINDOW[i] + 2 * resolution);
    }
    return rings;
  }

  /** Bytes the rings of one SLO hold at {@code tick}: fixed, whatever the traffic. */
  static long ringBytes(Duration tick) {
    long sum = 0;
    for (CountRing r : rings(tick)) {
      sum += r.footprintBytes();
    }
    return sum;
  }

  Slo slo() {
    return slo;
  }

  /** The rings, finest first (for tests). */
  CountRing[] rings() {
    return rings.clone();
  }

  long footprintBytes() {
    long sum = 0;
    for (CountRing r : rings) {
      sum += r.footprintBytes();
    }
    return sum;
  }

  /** Records this tick's cumulative counts and computes the status, emitting events. */
  SloStatus update(long wallNow, long valid, long bad, List<SloEvent> events) {
    // A wall clock stepped back holds the engine's time until it catches up: rings stay sorted and
    // no window ends before it starts.
    long now = Math.max(wallNow, lastNow);
    lastNow = now;
    lastValid = valid;
    lastBad = bad;
    for (CountRing r : rings) {
      r.offer(now, valid, bad);
    }
    Map<String, WindowStatus> windows = new LinkedHashMap<>();
    for (int i = 0; i < windowLengths.size(); i++) {
      long length = windowLengths.get(i).toMillis();
      windows.put(windowNames.get(i), window(windowNames.get(i), now, length, valid, bad));
    }
    WindowStatus period = period(now, valid, bad);
    windows.put(period.name(), period);

    double allowed = errorBudget * period.validEvents();
    double remaining = period.validEvents() == 0 ? Double.NaN : 1 - period.badEvents() / allowed;
    Budget budget =
        new Budget(allowed, period.badEvents(), remaining, allowed - period.badEvents());

    List<AlertState> alerts = new ArrayList<>();
    List<BurnRateAlert> defs = slo.alerts().alerts();
    for (int i = 0; i < defs.size(); i++) {
      WindowStatus lw = windows.get(alertLong[i]);
      WindowStatus sw = windows.get(alertShort[i]);
      double thr = alertThresholdRatio[i];
      boolean firing = lw.errorRatio() > thr && sw.errorRatio() > thr; // NaN compares false
      if (firing && firingSince[i] < 0) {
        firingSince[i] = now;
      } else if (!firing) {
        firingSince[i] = -1;
      }
      alerts.add(
          new AlertState(
              defs.get(i),
              alertFactor[i],
              alertThreshold[i],
              lw.errorRatio(),
              sw.errorRatio(),
              firing,
              firingSince[i],
              lw.coverage() >= 1.0));
    }

    SloStatus status =
        new SloStatus(
            slo,
            now,
            windows,
            period,
            budget,
            toExhaustion(remaining, windows.get("1h"), now),
            toExhaustion(remaining, windows.get("6h"), now),
            alerts);
    emit(status, events);
    previous = status;
    return status;
  }

  /**
   * The budget period. Rolling: like any window. Calendar: counted from the first tick at or after
   * the boundary, never from a snapshot of the previous period (the at most one tick between the
   * boundary and that tick is not counted); covered when the process ticked before the boundary.
   */
  private WindowStatus period(long now, long valid, long bad) {
    SloPeriod p = slo.period();
    String name = p.label();
    if (p.isRolling()) {
      long length = p.length(now).toMillis();
      CountRing ring = ring(length);
      int pos = Math.max(0, ring.newestAtOrBefore(now - length));
      periodBaseMillis = ring.time(pos);
      periodBaseValid = ring.valid(pos);
      periodBaseBad = ring.bad(pos);
      return window(name, now, length, valid, bad);
    }
    long start = p.start(now);
    if (start != periodStart) {
      periodSeenFromStart = periodStart != Long.MIN_VALUE;
      periodStart = start;
      periodBaseMillis = now;
      periodBaseValid = valid;
      periodBaseBad = bad;
    }
    long elapsed = now - start;
    double coverage =
        periodSeenFromStart || elapsed <= 0
            ? 1.0
            : Math.min(1.0, (now - periodBaseMillis) / (double) elapsed);
    return status(
        name, elapsed, valid - periodBaseValid, bad - periodBaseBad, coverage, periodBaseMillis);
  }

  /** The budget burndown and the 5-minute burn rates, for charts; at most ~200 points each. */
  SloHistory history() {
    List<SloHistory.Point> budget = new ArrayList<>();
    if (previous != null) {
      long from = periodBaseMillis;
      CountRing ring = ring(previous.atMillis() - from);
      int first = ring.newestAtOrBefore(from - 1) + 1; // the first kept sample at or after from
      double allowed = errorBudget * (lastValid - periodBaseValid);
      int step = Math.max(1, (ring.size() - first) / 200);
      if (allowed > 0) {
        for (int p = first; p < ring.size(); p += step) {
          budget.add(
              new SloHistory.Point(ring.time(p), 1 - (ring.bad(p) - periodBaseBad) / allowed));
        }
        budget.add(
            new SloHistory.Point(previous.atMillis(), 1 - (lastBad - periodBaseBad) / allowed));
      }
    }
    List<SloHistory.Point> burn = new ArrayList<>();
    CountRing minutes = rings[1];
    long cut = previous == null ? 0 : previous.atMillis() - 6 * HOUR;
    int stepEntries = (int) Math.max(1, 300_000L / minutes.resolutionMillis());
    for (int p = Math.max(stepEntries, minutes.newestAtOrBefore(cut) + stepEntries);
        p < minutes.size();
        p += stepEntries) {
      long dv = minutes.valid(p) - minutes.valid(p - stepEntries);
      long db = minutes.bad(p) - minutes.bad(p - stepEntries);
      burn.add(
          new SloHistory.Point(
              minutes.time(p), dv == 0 ? Double.NaN : ((double) db / dv) / errorBudget));
    }
    return new SloHistory(budget, burn);
  }

  /** The finest ring that answers for a window of {@code lengthMillis}. */
  private CountRing ring(long lengthMillis) {
    int r = 0;
    while (r < rings.length - 1 && lengthMillis > RING_MAX_WINDOW[r]) {
      r++;
    }
    return rings[r];
  }

  private WindowStatus window(String name, long now, long lengthMillis, long valid, long bad) {
    CountRing ring = ring(lengthMillis);
    int pos = ring.newestAtOrBefore(now - lengthMillis);
    if (pos < 0) {
      pos = 0; // the process is younger than the window: count from its first tick
    }
    double coverage =
        lengthMillis <= 0 ? 1 : Math.min(1.0, (now - ring.time(pos)) / (double) lengthMillis);
    return status(
        name, lengthMillis, valid - ring.valid(pos), bad - ring.bad(pos), coverage, ring.time(pos));
  }

  private WindowStatus status(
      String name, long lengthMillis, long dv, long db, double coverage, long fromMillis) {
    double ratio = dv == 0 ? Double.NaN : (double) db / dv;
    return new WindowStatus(
        name,
        lengthMillis / 1000.0,
        dv,
        db,
        ratio,
        ratio / errorBudget,
        Math.max(0.0, coverage),
        fromMillis);
  }

  private double toExhaustion(double remaining, WindowStatus w, long now) {
    if (Double.isNaN(remaining)) {
      return Double.NaN;
    }
    if (remaining <= 0) {
      return 0;
    }
    if (w == null || Double.isNaN(w.burnRate()) || w.burnRate() <= 0) {
      return Double.NaN;
    }
    double periodSeconds = slo.period().length(now).toMillis() / 1000.0;
    return remaining * periodSeconds / w.burnRate();
  }

  private void emit(SloStatus status, List<SloEvent> events) {
    List<AlertState> now = status.alerts();
    for (int i = 0; i < now.size(); i++) {
      boolean was = previous != null && previous.alerts().get(i).firing();
      if (now.get(i).firing() && !was) {
        events.add(new SloEvent.AlertFiring(status, now.get(i)));
      } else if (!now.get(i).firing() && was) {
        events.add(new SloEvent.AlertResolved(status, now.get(i)));
      }
    }
    double before = previous == null ? Double.NaN : previous.remaining();
    double after = status.remaining();
    if (!Double.isNaN(before) && !Double.isNaN(after)) {
      for (double t : BUDGET_THRESHOLDS) {
        if (before > t && after <= t) {
          events.add(new SloEvent.BudgetCrossed(status, t, true));
        } else if (before <= t && after > t) {
          events.add(new SloEvent.BudgetCrossed(status, t, false));
        }
      }
    }
    for (WindowStatus w : status.windows().values()) {
      if (w.coverage() >= 1.0 && !coverageReached.contains(w.name())) {
        coverageReached.add(w.name());
        events.add(new SloEvent.CoverageReached(status, w.name()));
      }
    }
  }
}
