package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.BurnRateAlert.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Weeks of traffic replayed through the real SLI and engine with a fake clock. */
class SloEngineScenarioTest {

  private static final long FAST = 20_000_000L; // 20 ms
  private static final long SLOW = 900_000_000L; // 900 ms

  private final MockClock clock = new MockClock();
  private final LatencySli sli =
      LatencySli.builder("login").latencyThreshold(0.5).quantiles(false).clock(clock).build();
  private final SliSeries series = sli.series();
  private final List<SloEvent> events = new ArrayList<>();

  private SloEngine engine(Slo... slos) {
    SloEngine.Builder b = SloEngine.builder().clock(clock).listener(events::add);
    for (Slo s : slos) {
      b.slo(s);
    }
    return b.build();
  }

  /** Replays {@code seconds} of traffic, {@code perTick} requests per 10 s tick. */
  private long run(
      SloEngine engine, long seconds, int perTick, double errorRatio, double slowRatio) {
    long sent = 0;
    for (long t = 0; t < seconds; t += 10) {
      for (int i = 0; i < perTick; i++) {
        sent++;
        boolean error = errorRatio > 0 && (sent % Math.round(1 / errorRatio)) == 0;
        boolean slow = slowRatio > 0 && (i % Math.round(1 / slowRatio)) == 0;
        series.record(slow ? SLOW : FAST, error ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    return sent;
  }

  private long firstEventMillis(Class<? extends SloEvent> type, Severity severity, String window) {
    for (SloEvent e : events) {
      SloStatus.AlertState a =
          e instanceof SloEvent.AlertFiring f
              ? f.alert()
              : e instanceof SloEvent.AlertResolved r ? r.alert() : null;
      if (type.isInstance(e)
          && a != null
          && a.alert().severity() == severity
          && PromDuration.format(a.alert().longWindow()).equals(window)) {
        return e.status().atMillis();
      }
    }
    return -1;
  }

  @Test
  void steadyHalfBudgetBurnForThirtyDaysConsumesHalfTheBudget() {
    SloEngine engine =
        engine(Slo.availability("login-availability", sli).objective("0.999").build());
    run(engine, Duration.ofDays(30).toSeconds(), 20, 0.0005, 0);
    SloStatus s = engine.status("login-availability");
    assertThat(s.period().coverage()).isEqualTo(1.0);
    assertThat(1 - s.remaining()).isCloseTo(0.50, within(0.01));
    assertThat(s.budget().consumedEvents()).isCloseTo(2592, within(3L));
    assertThat(s.alerts()).noneMatch(SloStatus.AlertState::firing);
    assertThat(s.isExhausted()).isFalse();
  }

  @Test
  void fullOutagePagesWithinTwoMinutesAndResolvesWithinOneShortWindow() {
    SloEngine engine =
        engine(Slo.availability("login-availability", sli).objective("0.999").build());
    run(engine, Duration.ofHours(3).toSeconds(), 100, 0, 0);
    long outageStart = clock.wallTime();
    run(engine, Duration.ofMinutes(10).toSeconds(), 100, 1.0, 0);
    SloStatus.AlertState page = engine.status("login-availability").alerts().get(0);
    assertThat(page.firing()).isTrue();
    long firingSinceDuringOutage = page.sinceMillis();
    long recovery = clock.wallTime();
    run(engine, Duration.ofMinutes(20).toSeconds(), 100, 0, 0);

    long fired = firstEventMillis(SloEvent.AlertFiring.class, Severity.PAGE, "1h");
    assertThat(fired - outageStart).isBetween(60_000L, 120_000L);
    // "since" is the tick the alert started firing on, in the event and in every later status.
    assertThat(events)
        .filteredOn(e -> e instanceof SloEvent.AlertFiring)
        .map(e -> ((SloEvent.AlertFiring) e).alert())
        .filteredOn(a -> a.alert().longWindow().equals(Duration.ofHours(1)))
        .singleElement()
        .satisfies(a -> assertThat(a.sinceMillis()).isEqualTo(fired));
    assertThat(firingSinceDuringOutage).isEqualTo(fired);
    long resolved = firstEventMillis(SloEvent.AlertResolved.class, Severity.PAGE, "1h");
    assertThat(resolved - recovery).isBetween(1L, 5 * 60_000L + 10_000L);
  }

  @Test
  void twentyPercentSlowForHalfAnHourNeverPagesButFiftyPercentPagesAfterSeventeenMinutes() {
    Slo latency = Slo.latency("login-latency", sli, 0.5).objective("0.99").build();
    SloEngine engine = engine(latency);
    run(engine, Duration.ofHours(2).toSeconds(), 100, 0, 0);
    run(engine, Duration.ofMinutes(30).toSeconds(), 100, 0, 0.2);
    SloStatus after = engine.status("login-latency");
    assertThat(after.windows().get("5m").burnRate()).isCloseTo(20.0, within(0.01));
    assertThat(after.isFiring(Severity.PAGE)).isFalse();
    assertThat(firstEventMillis(SloEvent.AlertFiring.class, Severity.PAGE, "1h")).isEqualTo(-1);
    assertThat(firstEventMillis(SloEvent.AlertFiring.class, Severity.PAGE, "6h")).isEqualTo(-1);
    // 30 min at burn 20 of a 30-day budget at this rate: 20 × 0.5 h / 720 h = 1.39 %.
    double allowedIn30Days = 0.01 * 10 * Duration.ofDays(30).toSeconds();
    assertThat(after.budget().consumedEvents() / allowedIn30Days).isCloseTo(0.0139, within(0.0001));

    run(engine, Duration.ofHours(2).toSeconds(), 100, 0, 0);
    long incident = clock.wallTime();
    run(engine, Duration.ofMinutes(30).toSeconds(), 100, 0, 0.5);
    long fired = firstEventMillis(SloEvent.AlertFiring.class, Severity.PAGE, "1h");
    // The 1 h window crosses 14.4 × 1 % when 0.5 × t / 60 min > 0.144, at t = 17.28 min.
    assertThat(fired - incident).isBetween(17 * 60_000L, 18 * 60_000L);
  }

  @Test
  void zeroTrafficIsNoDataNotOneHundredPercent() {
    SloEngine engine = engine(Slo.availability("quiet", sli).objective("0.999").build());
    run(engine, Duration.ofHours(2).toSeconds(), 0, 0, 0);
    SloStatus s = engine.status("quiet");
    assertThat(s.windows().get("1h").errorRatio()).isNaN();
    assertThat(s.windows().get("1h").validEvents()).isZero();
    assertThat(s.remaining()).isNaN();
    assertThat(s.isExhausted()).isFalse();
    assertThat(s.alerts()).noneMatch(SloStatus.AlertState::firing);
    assertThat(s.secondsToExhaustionAt1h()).isNaN();
  }

  @Test
  void coverageStartsOverAfterARestartAndIsReported() {
    SloEngine engine = engine(Slo.availability("fresh", sli).objective("0.999").build());
    run(engine, Duration.ofMinutes(30).toSeconds(), 10, 0, 0);
    SloStatus s = engine.status("fresh");
    assertThat(s.windows().get("5m").coverage()).isEqualTo(1.0);
    assertThat(s.windows().get("1h").coverage()).isCloseTo(0.5, within(0.01));
    assertThat(s.period().coverage()).isCloseTo(30.0 / (30 * 24 * 60), within(1e-6));
    assertThat(s.alerts().get(0).longWindowCovered()).isFalse();
    assertThat(events)
        .filteredOn(e -> e instanceof SloEvent.CoverageReached)
        .extracting(e -> ((SloEvent.CoverageReached) e).window())
        .containsExactly("5m", "30m");

    // A restart: a new process has new counters and a new engine.
    LatencySli restarted =
        LatencySli.builder("login").latencyThreshold(0.5).quantiles(false).clock(clock).build();
    SloEngine again =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("fresh", restarted).objective("0.999").build())
            .build();
    clock.add(10, TimeUnit.SECONDS);
    again.tick();
    assertThat(again.status("fresh").windows().get("5m").coverage())
        .isCloseTo(10.0 / 300, within(1e-9));
  }

  @Test
  void budgetCrossingsAreReportedOnceEachInOrder() {
    SloEngine engine = engine(Slo.availability("burning", sli).objective("0.999").build());
    run(engine, Duration.ofDays(2).toSeconds(), 20, 0.002, 0);
    assertThat(events)
        .filteredOn(e -> e instanceof SloEvent.BudgetCrossed)
        .extracting(e -> ((SloEvent.BudgetCrossed) e).threshold())
        .containsExactly(0.5, 0.25, 0.0);
    SloStatus s = engine.status("burning");
    assertThat(s.isExhausted()).isTrue();
    assertThat(s.remaining()).isCloseTo(-1.0, within(0.01));
    assertThat(s.secondsToExhaustionAt1h()).isZero();
  }

  @Test
  void historyIsFixedAndUnderOneHundredKilobytesPerSloAtTheFinestTick() {
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .tick(Duration.ofSeconds(1))
            .slo(Slo.availability("small", sli).objective("0.999").build())
            .build();
    long before = engine.historyBytes("small");
    run(engine, Duration.ofDays(4).toSeconds(), 50, 0.001, 0);
    assertThat(engine.historyBytes("small")).isEqualTo(before).isLessThanOrEqualTo(100_000L);
  }

  @Test
  void budgetCrossingsUpwardAreReportedWhenGoodTrafficOutgrowsTheSpentBudget() {
    SloEngine engine = engine(Slo.availability("recovering", sli).objective("0.999").build());
    run(engine, Duration.ofDays(1).toSeconds(), 10, 0.002, 0); // burn 2: remaining -1
    assertThat(engine.status("recovering").remaining()).isCloseTo(-1.0, within(0.02));
    run(engine, Duration.ofDays(1).toSeconds(), 100, 0, 0); // ten times as much, all good
    SloStatus s = engine.status("recovering");
    assertThat(s.budget().consumedEvents()).isEqualTo(172);
    assertThat(s.remaining()).isCloseTo(1 - 172 / (0.001 * 950_400), within(1e-9));
    assertThat(events)
        .filteredOn(e -> e instanceof SloEvent.BudgetCrossed)
        .map(e -> (SloEvent.BudgetCrossed) e)
        .extracting(c -> c.threshold() + (c.downward() ? " down" : " up"))
        .containsExactly("0.5 down", "0.25 down", "0.0 down", "0.0 up", "0.25 up", "0.5 up");
  }

  @Test
  void invalidOutcomesAreLeftOutOfValidEventsUnlessIncluded() {
    SloEngine engine =
        engine(
            Slo.availability("default", sli).objective("0.99").build(),
            Slo.availability("all", sli).objective("0.99").includeInvalid(true).build(),
            Slo.latency("latency-all", sli, 0.5).objective("0.99").includeInvalid(true).build());
    for (int t = 0; t < 60; t++) { // per tick: 80 success, 10 error, 10 invalid (5 of them slow)
      for (int i = 0; i < 100; i++) {
        Outcome o = i < 80 ? Outcome.SUCCESS : i < 90 ? Outcome.ERROR : Outcome.INVALID;
        series.record(i >= 95 ? SLOW : FAST, o);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    SloStatus.WindowStatus byDefault = engine.status("default").windows().get("5m");
    assertThat(byDefault.validEvents()).isEqualTo(30 * 90);
    assertThat(byDefault.badEvents()).isEqualTo(30 * 10);
    assertThat(byDefault.errorRatio()).isEqualTo(10.0 / 90);
    SloStatus.WindowStatus all = engine.status("all").windows().get("5m");
    assertThat(all.validEvents()).isEqualTo(30 * 100);
    assertThat(all.badEvents()).isEqualTo(30 * 10);
    assertThat(all.errorRatio()).isEqualTo(0.1);
    assertThat(engine.status("all").budget().allowedEvents()).isCloseTo(0.01 * 6000, within(1e-9));
    SloStatus.WindowStatus latency = engine.status("latency-all").windows().get("5m");
    assertThat(latency.validEvents()).isEqualTo(30 * 100);
    assertThat(latency.badEvents()).isEqualTo(30 * 5);
  }

  @Test
  void aWallClockSteppedBackHoldsTheWindowsUntilItCatchesUp() {
    LatencySli withQuantiles =
        LatencySli.builder("stepped").latencyThreshold(0.5).clock(clock).build();
    SliSeries s = withQuantiles.series();
    SloEngine engine =
        engine(Slo.availability("stepped", withQuantiles).objective("0.999").build());
    long sent = 0;
    long errors = 0;
    long lastAt = Long.MIN_VALUE;
    for (int t = 0; t < 6 * 180; t++) { // 3 hours, stepped back by 30 min after 2 hours
      if (t == 6 * 120) {
        clock.add(-30, TimeUnit.MINUTES);
      }
      for (int i = 0; i < 10; i++) {
        boolean error = i == 0 && t % 2 == 0;
        s.record(FAST, error ? Outcome.ERROR : Outcome.SUCCESS);
        sent++;
        errors += error ? 1 : 0;
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
      SloStatus st = engine.status("stepped");
      assertThat(st.atMillis()).isGreaterThanOrEqualTo(lastAt);
      lastAt = st.atMillis();
      for (SloStatus.WindowStatus w : st.windows().values()) {
        assertThat(w.validEvents()).as(w.name()).isNotNegative();
        assertThat(w.badEvents()).as(w.name()).isBetween(0L, w.validEvents());
        assertThat(w.coverage()).as(w.name()).isBetween(0.0, 1.0);
        assertThat(w.fromMillis()).as(w.name()).isLessThanOrEqualTo(st.atMillis());
      }
    }
    SloStatus st = engine.status("stepped");
    // Every event is counted once; after catching up the 5m window is five minutes again.
    assertThat(st.period().validEvents()).isEqualTo(sent);
    assertThat(st.budget().consumedEvents()).isEqualTo(errors);
    assertThat(st.atMillis()).isEqualTo(clock.wallTime());
    assertThat(st.windows().get("5m").validEvents()).isEqualTo(300);
    assertThat(st.windows().get("5m").badEvents()).isEqualTo(15);
    assertThat(SloJson.render(engine)).contains("\"stepped\"");
  }

  @Test
  void timeToExhaustionAtTheSixHourBurnAndRemainingEvents() {
    SloEngine engine = engine(Slo.availability("tte6h", sli).objective("0.99").build());
    run(engine, Duration.ofDays(5).toSeconds(), 10, 0, 0);
    run(engine, Duration.ofHours(5).toSeconds(), 10, 0.04, 0); // burn 4 for five hours
    run(engine, Duration.ofHours(1).toSeconds(), 10, 0.01, 0); // then burn 1 for the last hour
    SloStatus s = engine.status("tte6h");
    assertThat(s.windows().get("6h").burnRate()).isCloseTo(3.5, within(1e-9));
    assertThat(s.windows().get("1h").burnRate()).isCloseTo(1.0, within(1e-9));
    assertThat(s.budget().allowedEvents()).isCloseTo(4536.0, within(1e-9));
    assertThat(s.budget().consumedEvents()).isEqualTo(756);
    assertThat(s.budget().remainingEvents()).isCloseTo(4536.0 - 756, within(1e-9));
    assertThat(s.remaining()).isCloseTo(1 - 756 / 4536.0, within(1e-12));
    double periodSeconds = Duration.ofDays(30).toSeconds();
    assertThat(s.secondsToExhaustionAt6h())
        .isCloseTo(s.remaining() * periodSeconds / 3.5, within(1e-6))
        .isCloseTo(617_142.857, within(0.01));
    assertThat(s.secondsToExhaustionAt1h()).isCloseTo(s.remaining() * periodSeconds, within(1e-6));
  }

  @Test
  void timeToExhaustionFollowsTheBurnRate() {
    SloEngine engine = engine(Slo.availability("tte", sli).objective("0.99").build());
    run(engine, Duration.ofDays(5).toSeconds(), 10, 0, 0);
    run(engine, Duration.ofHours(1).toSeconds(), 10, 0.02, 0); // burn 2 for the last hour
    SloStatus s = engine.status("tte");
    assertThat(s.windows().get("1h").burnRate()).isCloseTo(2.0, within(0.05));
    assertThat(s.remaining()).isCloseTo(1 - 2.0 / 121, within(0.002));
    double periodSeconds = Duration.ofDays(30).toSeconds();
    assertThat(s.secondsToExhaustionAt1h())
        .isCloseTo(s.remaining() * periodSeconds / 2.0, within(periodSeconds * 0.01));
  }
}
