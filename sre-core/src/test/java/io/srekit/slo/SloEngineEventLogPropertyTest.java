package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.BurnRateAlert.Severity;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine's numbers, recomputed from the raw event log. Random traffic (phases of calm, mild
 * burn, incidents and silence; random outcomes; durations on, just over and around the threshold;
 * several label sets) runs for days through the real SLI and engine, and at every tick every SLO's
 * every window (valid and bad events, error ratio, burn rate, coverage), its budget (allowed,
 * consumed, remaining ratio and events, time to exhaustion) and every alert (both ratios, firing,
 * since, long window covered, firing and resolved events) must equal what the test computes from
 * the events it logged, classified by the test itself. Runs of four and five days wrap the 10 s, 1
 * min and 5 min rings; the 30-day run wraps them many times and fills the hourly one.
 *
 * <p>The log is kept as per-tick prefix sums of each SLO's valid and bad events (30 days of raw
 * events would not fit the test's heap); a window from tick b to tick k is {@code sum[k] − sum[b]}.
 * The engine's base tick for a rolling window is checked to be a tick within one ring step before
 * {@code now − window}; a calendar period's base is recomputed independently (the first tick at or
 * after Monday 00:00 in Berlin).
 */
class SloEngineEventLogPropertyTest {

  private static final long TICK = 10_000L;
  private static final long THRESHOLD = 300_000_000L;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * How the test itself classifies an event for one SLO, and what it expects of the SLO's status:
   * its window keys (the workbook's, any other alert window, then the period) and their lengths.
   */
  private record Rule(
      Slo slo,
      boolean availability,
      boolean includeInvalid,
      double budget,
      List<String> windowNames,
      long[] windowMillis,
      double[] thresholds) {
    boolean valid(Outcome o) {
      return includeInvalid || o != Outcome.INVALID;
    }

    boolean bad(long nanos, Outcome o) {
      return availability ? o == Outcome.ERROR : nanos > THRESHOLD;
    }
  }

  @ParameterizedTest(name = "seed {0}, {1} days")
  @CsvSource({"1001, 4", "1002, 4", "1003, 5", "1004, 30"})
  void everyNumberEqualsItsRecomputationFromTheEventLog(long seed, int days) {
    SplittableRandom random = new SplittableRandom(seed);
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("prop")
            .labelNames("route")
            .latencyThreshold(0.3)
            .quantiles(false)
            .clock(clock)
            .build();
    SliSeries[] series = {sli.series("/a"), sli.series("/b"), sli.series("/c")};
    List<Rule> rules =
        List.of(
            rule(Slo.availability("availability", sli).objective("0.99").build(), true),
            rule(Slo.latency("latency", sli, 0.3).objective("0.95").build(), false),
            rule(
                Slo.latency("latency-all", sli, 0.3).objective("0.9").includeInvalid(true).build(),
                false),
            rule(
                Slo.availability("weekly-all", sli)
                    .objective("0.999")
                    .includeInvalid(true)
                    .period(SloPeriod.calendarWeek(BERLIN))
                    .build(),
                true),
            rule(
                Slo.availability("custom", sli)
                    .objective("0.995")
                    .period(SloPeriod.rolling(Duration.ofDays(2)))
                    .alerts(
                        AlertPolicy.of(
                            BurnRateAlert.withFactor(
                                Severity.PAGE,
                                "10",
                                Duration.ofMinutes(90),
                                Duration.ofMinutes(10)),
                            BurnRateAlert.consuming(
                                Severity.TICKET, "0.5", Duration.ofDays(1), Duration.ofHours(2))))
                    .build(),
                true));
    List<SloEvent> events = new ArrayList<>();
    SloEngine.Builder builder = SloEngine.builder().clock(clock).listener(events::add);
    rules.forEach(r -> builder.slo(r.slo()));
    SloEngine engine = builder.build();

    int ticks = (int) (Duration.ofDays(days).toMillis() / TICK);
    long[] times = new long[ticks + 1];
    long[][] valid = new long[rules.size()][ticks + 1];
    long[][] bad = new long[rules.size()][ticks + 1];
    long[][] since = new long[rules.size()][];
    for (int r = 0; r < rules.size(); r++) {
      since[r] = new long[rules.get(r).slo().alerts().alerts().size()];
      Arrays.fill(since[r], -1);
    }
    times[0] = clock.wallTime();
    int[] fired = new int[rules.size()];
    int phaseLeft = 0;
    int perTick = 0;
    double errorShare = 0;
    double slowShare = 0;

    for (int k = 1; k <= ticks; k++) {
      if (phaseLeft-- <= 0) {
        phaseLeft = random.nextInt(30, 2160); // 5 min to 6 h
        int kind = random.nextInt(10);
        perTick = kind == 0 ? 0 : random.nextInt(1, 12);
        errorShare =
            kind < 6
                ? random.nextDouble(0, 0.003)
                : kind < 9 ? random.nextDouble(0.01, 0.05) : random.nextDouble(0.2, 0.8);
        slowShare = kind < 6 ? random.nextDouble(0, 0.02) : random.nextDouble(0.05, 0.6);
      }
      for (int r = 0; r < rules.size(); r++) {
        valid[r][k] = valid[r][k - 1];
        bad[r][k] = bad[r][k - 1];
      }
      for (int i = 0; i < perTick; i++) {
        long nanos =
            switch (random.nextInt(8)) {
              case 0 -> THRESHOLD; // exactly on the bound: good
              case 1 -> THRESHOLD + 1; // one nanosecond over: bad
              default ->
                  random.nextDouble() < slowShare
                      ? random.nextLong(THRESHOLD + 1, 4 * THRESHOLD)
                      : random.nextLong(0, THRESHOLD + 1);
            };
        double u = random.nextDouble();
        Outcome o =
            u < errorShare
                ? Outcome.ERROR
                : u < errorShare + 0.05 ? Outcome.INVALID : Outcome.SUCCESS;
        series[random.nextInt(series.length)].record(nanos, o);
        for (int r = 0; r < rules.size(); r++) {
          Rule rule = rules.get(r);
          if (rule.valid(o)) {
            valid[r][k]++;
            if (rule.bad(nanos, o)) {
              bad[r][k]++;
            }
          }
        }
      }
      clock.add(TICK, TimeUnit.MILLISECONDS);
      times[k] = clock.wallTime();
      events.clear();
      engine.tick();
      for (int r = 0; r < rules.size(); r++) {
        fired[r] += check(rules.get(r), engine, times, valid[r], bad[r], k, since[r], events);
      }
    }
    System.out.printf(
        "seed %d, %d days: %d valid events, alerts fired %s%n",
        seed, days, valid[2][ticks], Arrays.toString(fired));
    // The traffic must have exercised the alerts of the 30-day SLOs, or the test proves little.
    assertThat(fired[0]).isPositive();
    assertThat(fired[1]).isPositive();
  }

  private static Rule rule(Slo slo, boolean availability) {
    java.util.TreeSet<Duration> windows = new java.util.TreeSet<>();
    for (String w : new String[] {"5m", "30m", "1h", "2h", "6h", "1d", "3d"}) {
      windows.add(PromDuration.parse(w));
    }
    double[] thresholds = new double[slo.alerts().alerts().size()];
    for (int i = 0; i < thresholds.length; i++) {
      BurnRateAlert a = slo.alerts().alerts().get(i);
      windows.add(a.longWindow());
      windows.add(a.shortWindow());
      thresholds[i] = a.errorRatioThreshold(slo.period(), slo.objective()).doubleValue();
    }
    List<String> names = new ArrayList<>();
    long[] millis = new long[windows.size()];
    for (Duration w : windows) {
      millis[names.size()] = w.toMillis();
      names.add(PromDuration.format(w));
    }
    names.add(slo.period().label());
    return new Rule(
        slo,
        availability,
        slo.includeInvalid(),
        BigDecimal.ONE.subtract(slo.objective()).doubleValue(),
        List.copyOf(names),
        millis,
        thresholds);
  }

  /** Checks one SLO at tick {@code k}; returns how many of its alerts started firing. */
  private static int check(
      Rule rule,
      SloEngine engine,
      long[] times,
      long[] valid,
      long[] bad,
      int k,
      long[] since,
      List<SloEvent> events) {
    Slo slo = rule.slo();
    SloStatus s = engine.status(slo.name());
    long now = times[k];
    String at = slo.name() + " at +" + (now - times[0]) / 1000 + " s";
    expect(s.atMillis() == now, at, "", "atMillis", now, s.atMillis());
    expect(
        List.copyOf(s.windows().keySet()).equals(rule.windowNames()),
        at,
        "",
        "window keys",
        rule.windowNames(),
        s.windows().keySet());

    int index = 0;
    for (SloStatus.WindowStatus w : s.windows().values()) {
      boolean isPeriod = index == rule.windowMillis().length;
      int base;
      double coverage;
      long length;
      if (isPeriod && !slo.period().isRolling()) {
        long start = mondayInBerlin(now);
        base = firstAtOrAfter(times, k, start);
        length = now - start;
        coverage =
            start > times[0] || length <= 0
                ? 1.0
                : Math.min(1.0, (now - times[0]) / (double) length);
        expect(w.fromMillis() == times[base], at, w.name(), "from", times[base], w.fromMillis());
      } else {
        length = isPeriod ? slo.period().length(now).toMillis() : rule.windowMillis()[index];
        base = Arrays.binarySearch(times, 0, k + 1, w.fromMillis());
        expect(base >= 0, at, w.name(), "from is a tick", "a tick", w.fromMillis());
        if (now - times[0] >= length) {
          // The newest snapshot kept at or before now - window: within one ring step (10 s up to
          // 1 h, 1 min up to 6 h, 5 min up to 3 d, 1 h beyond).
          long step =
              length <= 3_600_000L
                  ? 10_000L
                  : length <= 21_600_000L
                      ? 60_000L
                      : length <= 259_200_000L ? 300_000L : 3_600_000L;
          long span = now - times[base];
          expect(span >= length && span < length + step, at, w.name(), "now - from", length, span);
          coverage = 1.0;
        } else {
          expect(base == 0, at, w.name(), "base tick", 0, base);
          coverage = (now - times[0]) / (double) length;
        }
      }
      long dv = valid[k] - valid[base];
      long db = bad[k] - bad[base];
      double ratio = dv == 0 ? Double.NaN : (double) db / dv;
      expect(w.validEvents() == dv, at, w.name(), "validEvents", dv, w.validEvents());
      expect(w.badEvents() == db, at, w.name(), "badEvents", db, w.badEvents());
      same(ratio, w.errorRatio(), at, w.name(), "errorRatio");
      same(ratio / rule.budget(), w.burnRate(), at, w.name(), "burnRate");
      same(coverage, w.coverage(), at, w.name(), "coverage");
      same(length / 1000.0, w.seconds(), at, w.name(), "seconds");
      index++;
    }

    long periodValid = s.period().validEvents();
    long periodBad = s.period().badEvents();
    double allowed = rule.budget() * periodValid;
    double remaining = periodValid == 0 ? Double.NaN : 1 - periodBad / allowed;
    same(allowed, s.budget().allowedEvents(), at, "budget", "allowedEvents");
    expect(
        s.budget().consumedEvents() == periodBad,
        at,
        "budget",
        "consumedEvents",
        periodBad,
        s.budget().consumedEvents());
    same(remaining, s.budget().remainingRatio(), at, "budget", "remainingRatio");
    same(allowed - periodBad, s.budget().remainingEvents(), at, "budget", "remainingEvents");
    expect(
        s.isExhausted() == remaining <= 0, at, "budget", "exhausted", remaining, s.isExhausted());
    double periodSeconds = slo.period().length(now).toMillis() / 1000.0;
    same(
        exhaustion(remaining, s.windows().get("1h").burnRate(), periodSeconds),
        s.secondsToExhaustionAt1h(),
        at,
        "budget",
        "secondsToExhaustionAt1h");
    same(
        exhaustion(remaining, s.windows().get("6h").burnRate(), periodSeconds),
        s.secondsToExhaustionAt6h(),
        at,
        "budget",
        "secondsToExhaustionAt6h");

    int started = 0;
    List<BurnRateAlert> alerts = slo.alerts().alerts();
    for (int i = 0; i < alerts.size(); i++) {
      BurnRateAlert a = alerts.get(i);
      SloStatus.WindowStatus lw = s.windows().get(PromDuration.format(a.longWindow()));
      SloStatus.WindowStatus sw = s.windows().get(PromDuration.format(a.shortWindow()));
      double longRatio =
          lw.validEvents() == 0 ? Double.NaN : (double) lw.badEvents() / lw.validEvents();
      double shortRatio =
          sw.validEvents() == 0 ? Double.NaN : (double) sw.badEvents() / sw.validEvents();
      double threshold = rule.thresholds()[i];
      boolean firing =
          lw.validEvents() > 0
              && sw.validEvents() > 0
              && longRatio > threshold
              && shortRatio > threshold;
      boolean wasFiring = since[i] >= 0;
      if (firing && !wasFiring) {
        since[i] = now;
        started++;
      } else if (!firing) {
        since[i] = -1;
      }
      SloStatus.AlertState st = s.alerts().get(i);
      String alert = "alert " + PromDuration.format(a.longWindow());
      same(longRatio, st.longErrorRatio(), at, alert, "longErrorRatio");
      same(shortRatio, st.shortErrorRatio(), at, alert, "shortErrorRatio");
      expect(st.firing() == firing, at, alert, "firing", firing, st.firing());
      expect(st.sinceMillis() == since[i], at, alert, "since", since[i], st.sinceMillis());
      boolean covered = lw.coverage() >= 1.0;
      expect(
          st.longWindowCovered() == covered,
          at,
          alert,
          "longWindowCovered",
          covered,
          st.longWindowCovered());
      int firingEvents = 0;
      int resolvedEvents = 0;
      for (SloEvent e : events) {
        if (e instanceof SloEvent.AlertFiring f
            && f.status().slo() == slo
            && f.alert().alert() == a) {
          firingEvents++;
        } else if (e instanceof SloEvent.AlertResolved r
            && r.status().slo() == slo
            && r.alert().alert() == a) {
          resolvedEvents++;
        }
      }
      int expectFiring = firing && !wasFiring ? 1 : 0;
      int expectResolved = !firing && wasFiring ? 1 : 0;
      expect(firingEvents == expectFiring, at, alert, "AlertFiring", expectFiring, firingEvents);
      expect(
          resolvedEvents == expectResolved,
          at,
          alert,
          "AlertResolved",
          expectResolved,
          resolvedEvents);
    }
    return started;
  }

  private static double exhaustion(double remaining, double burn, double periodSeconds) {
    if (Double.isNaN(remaining)) {
      return Double.NaN;
    }
    if (remaining <= 0) {
      return 0;
    }
    return Double.isNaN(burn) || burn <= 0 ? Double.NaN : remaining * periodSeconds / burn;
  }

  private static long mondayInBerlin(long now) {
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), BERLIN)
        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        .truncatedTo(ChronoUnit.DAYS)
        .toInstant()
        .toEpochMilli();
  }

  private static int firstAtOrAfter(long[] times, int k, long t) {
    int i = Arrays.binarySearch(times, 0, k + 1, t);
    return i >= 0 ? i : -i - 1;
  }

  private static void expect(
      boolean ok, String at, String where, String what, Object expected, Object actual) {
    if (!ok) {
      throw new AssertionError(
          at + " " + where + ": " + what + " expected " + expected + " but was " + actual);
    }
  }

  /** Exact equality, NaN equal to NaN: the engine and the log must agree to the last bit. */
  private static void same(double expected, double actual, String at, String where, String what) {
    if (Double.compare(expected, actual) != 0) {
      expect(false, at, where, what, expected, actual);
    }
  }
}
