package io.srekit.slo;

import io.srekit.slo.SloStatus.AlertState;
import io.srekit.slo.SloStatus.Budget;
import io.srekit.slo.SloStatus.WindowStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history and state of one SLO: multi-resolution rings of its cumulative (valid, bad) counts
 * and the alert state between ticks. Fixed memory: with the default 10 s tick about 60 KB, whatever
 * the traffic. Confined to the engine's tick (guarded by the engine).
 */
final class SloTracker {

  private static final double[] BUDGET_THRESHOLDS = {0.5, 0.25, 0.0};

  private final Slo slo;
  private final double errorBudget;
  private final CountRing[] rings;
  private final long[] ringMaxWindow;
  private final long[] firingSince;
  private final List<String> coverageReached = new ArrayList<>();
  private SloStatus previous;
  private long lastValid;
  private long lastBad;

  SloTracker(Slo slo, Duration tick) {
    this.slo = slo;
    this.errorBudget = slo.errorBudget().doubleValue();
    long t = tick.toMillis();
    long hour = 3_600_000L;
    long periodSpan = SloPeriod.MAX.toMillis();
    this.ringMaxWindow = new long[] {hour, 6 * hour, 72 * hour, periodSpan};
    long[] resolution = {t, Math.max(t, 60_000L), Math.max(t, 300_000L), Math.max(t, hour)};
    this.rings = new CountRing[ringMaxWindow.length];
    for (int i = 0; i < rings.length; i++) {
      rings[i] = new CountRing(resolution[i], ringMaxWindow[i] + 2 * resolution[i]);
    }
    this.firingSince = new long[slo.alerts().alerts().size()];
    java.util.Arrays.fill(firingSince, -1);
  }

  Slo slo() {
    return slo;
  }

  long footprintBytes() {
    long sum = 0;
    for (CountRing r : rings) {
      sum += r.footprintBytes();
    }
    return sum;
  }

  /** Records this tick's cumulative counts and computes the status, emitting events. */
  SloStatus update(long now, long valid, long bad, List<SloEvent> events) {
    lastValid = valid;
    lastBad = bad;
    for (CountRing r : rings) {
      r.offer(now, valid, bad);
    }
    Map<String, WindowStatus> windows = new LinkedHashMap<>();
    for (Duration w : slo.windows()) {
      String name = PromDuration.format(w);
      windows.put(name, window(name, now, now - w.toMillis(), w.toMillis(), valid, bad));
    }
    long periodStart = slo.period().start(now);
    WindowStatus period =
        window(
            slo.period().label(),
            now,
            periodStart,
            slo.period().isRolling() ? slo.period().length(now).toMillis() : now - periodStart,
            valid,
            bad);
    windows.put(period.name(), period);

    double allowed = errorBudget * period.validEvents();
    double remaining = period.validEvents() == 0 ? Double.NaN : 1 - period.badEvents() / allowed;
    Budget budget =
        new Budget(allowed, period.badEvents(), remaining, allowed - period.badEvents());

    List<AlertState> alerts = new ArrayList<>();
    List<BurnRateAlert> defs = slo.alerts().alerts();
    for (int i = 0; i < defs.size(); i++) {
      BurnRateAlert a = defs.get(i);
      WindowStatus lw = windows.get(PromDuration.format(a.longWindow()));
      WindowStatus sw = windows.get(PromDuration.format(a.shortWindow()));
      java.math.BigDecimal threshold = a.errorRatioThreshold(slo.period(), slo.objective());
      double thr = threshold.doubleValue();
      boolean firing = lw.errorRatio() > thr && sw.errorRatio() > thr; // NaN compares false
      if (firing && firingSince[i] < 0) {
        firingSince[i] = now;
      } else if (!firing) {
        firingSince[i] = -1;
      }
      alerts.add(
          new AlertState(
              a,
              a.factor(slo.period()),
              threshold,
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

  /** The budget burndown and the 5-minute burn rates, for charts; at most ~200 points each. */
  SloHistory history() {
    List<SloHistory.Point> budget = new ArrayList<>();
    if (previous != null) {
      WindowStatus period = previous.period();
      long span = previous.atMillis() - period.fromMillis();
      int r = 0;
      while (r < rings.length - 1 && span > ringMaxWindow[r]) {
        r++;
      }
      CountRing ring = rings[r];
      int from = Math.max(0, ring.newestAtOrBefore(period.fromMillis()));
      long valid0 = ring.valid(from);
      long bad0 = ring.bad(from);
      double allowed = errorBudget * (lastValid - valid0);
      int step = Math.max(1, (ring.size() - from) / 200);
      if (allowed > 0) {
        for (int p = from; p < ring.size(); p += step) {
          budget.add(new SloHistory.Point(ring.time(p), 1 - (ring.bad(p) - bad0) / allowed));
        }
        budget.add(new SloHistory.Point(previous.atMillis(), 1 - (lastBad - bad0) / allowed));
      }
    }
    List<SloHistory.Point> burn = new ArrayList<>();
    CountRing minutes = rings[1];
    long cut = previous == null ? 0 : previous.atMillis() - 6 * 3_600_000L;
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

  private WindowStatus window(
      String name, long now, long cut, long lengthMillis, long valid, long bad) {
    int r = 0;
    while (r < rings.length - 1 && lengthMillis > ringMaxWindow[r]) {
      r++;
    }
    CountRing ring = rings[r];
    int pos = ring.newestAtOrBefore(cut);
    if (pos < 0) {
      pos = 0; // the process is younger than the window: count from its first tick
    }
    long dv = valid - ring.valid(pos);
    long db = bad - ring.bad(pos);
    double ratio = dv == 0 ? Double.NaN : (double) db / dv;
    double coverage =
        lengthMillis <= 0 ? 1 : Math.min(1.0, (now - ring.time(pos)) / (double) lengthMillis);
    return new WindowStatus(
        name, lengthMillis / 1000.0, dv, db, ratio, ratio / errorBudget, coverage, ring.time(pos));
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
