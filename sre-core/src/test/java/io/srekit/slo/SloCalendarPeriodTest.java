package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calendar periods in a zone that is not UTC, across their boundary, with a fake clock: the budget
 * resets at the zone's midnight and counts only the new period's events, never a snapshot taken in
 * the previous period.
 */
class SloCalendarPeriodTest {

  private final MockClock clock = new MockClock();
  private final LatencySli sli =
      LatencySli.builder("cal").latencyThreshold(0.5).quantiles(false).clock(clock).build();
  private final SliSeries series = sli.series();
  private long valid;
  private long bad;

  private void startAt(ZonedDateTime at) {
    clock.add(Duration.ofMillis(at.toInstant().toEpochMilli() - clock.wallTime()));
  }

  /** {@code ticks} ticks of 10 s, each after {@code perTick} requests, every n-th an error. */
  private void run(SloEngine engine, int ticks, int perTick, int errorEvery) {
    for (int t = 0; t < ticks; t++) {
      for (int i = 0; i < perTick; i++) {
        boolean error = errorEvery > 0 && i % errorEvery == 0;
        series.record(10_000_000L, error ? Outcome.ERROR : Outcome.SUCCESS);
        valid++;
        bad += error ? 1 : 0;
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
  }

  private static long millis(ZonedDateTime t) {
    return t.toInstant().toEpochMilli();
  }

  @Test
  void aBerlinMonthStartsAtLocalMidnightAndCountsOnlyNovembersEvents() {
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ZonedDateTime november = ZonedDateTime.of(2026, 11, 1, 0, 0, 0, 0, berlin); // 2026-10-31T23:00Z
    // Ticks fall 1 ms after each whole 10 s (MockClock starts at 1 ms), so no tick is on the
    // boundary.
    startAt(november.minusHours(6).plusNanos(1_000_000));
    Slo slo =
        Slo.availability("monthly", sli)
            .objective("0.999")
            .period(SloPeriod.calendarMonth(berlin))
            .build();
    SloEngine engine = SloEngine.builder().clock(clock).slo(slo).build();
    run(engine, 6 * 360 - 1, 100, 10); // six October hours at 10 % errors: the budget is gone

    SloStatus october = engine.status("monthly");
    assertThat(october.period().name()).isEqualTo("month");
    assertThat(october.isExhausted()).isTrue();
    assertThat(october.period().validEvents()).isEqualTo((6 * 360 - 1) * 100);
    // October 2026 in Berlin is 745 hours long (the clocks went back an hour).
    assertThat(october.period().coverage()).isCloseTo(6.0 / 745, within(0.0001));
    run(engine, 1, 100, 10); // the tick that crosses midnight: its requests came before it
    SloStatus crossing = engine.status("monthly");
    assertThat(crossing.atMillis()).isEqualTo(millis(november) + 1);
    assertThat(crossing.period().validEvents()).isZero();
    assertThat(crossing.remaining()).isNaN();
    assertThat(crossing.isExhausted()).isFalse();
    long octoberValid = valid;
    long octoberBad = bad;

    run(engine, 3 * 360, 100, 0); // three clean November hours
    run(engine, 360, 100, 50); // then one at 2 % errors
    SloStatus s = engine.status("monthly");
    assertThat(s.period().fromMillis()).isEqualTo(millis(november) + 1);
    assertThat(s.period().validEvents()).isEqualTo(valid - octoberValid).isEqualTo(4 * 360 * 100);
    assertThat(s.period().badEvents()).isEqualTo(bad - octoberBad).isEqualTo(360 * 2);
    assertThat(s.period().seconds()).isEqualTo(4 * 3600 + 0.001);
    assertThat(s.budget().allowedEvents()).isCloseTo(0.001 * 4 * 360 * 100, within(1e-9));
    assertThat(s.budget().consumedEvents()).isEqualTo(720);
    assertThat(s.remaining()).isCloseTo(1 - 720 / 144.0, within(1e-9));
    // The process ticked across the boundary: it has seen the whole of November so far.
    assertThat(s.period().coverage()).isEqualTo(1.0);
    assertThat(engine.history("monthly").budgetRemaining())
        .allSatisfy(p -> assertThat(p.atMillis()).isGreaterThanOrEqualTo(millis(november)))
        .first()
        .satisfies(p -> assertThat(p.value()).isEqualTo(1.0));
    // A rolling 1 d window still sees October's errors.
    assertThat(s.windows().get("1d").badEvents()).isEqualTo(bad);
  }

  @Test
  void aNewYorkWeekStartsOnMondayAtLocalMidnightEvenWhenATickLandsOnIt() {
    ZoneId newYork = ZoneId.of("America/New_York");
    ZonedDateTime monday = ZonedDateTime.of(2026, 11, 9, 0, 0, 0, 0, newYork); // 05:00Z
    // A tick lands exactly on the boundary: the week counts from it, exactly.
    startAt(monday.minusHours(2));
    Slo slo =
        Slo.latency("weekly", sli, 0.5)
            .objective("0.99")
            .period(SloPeriod.calendarWeek(newYork))
            .build();
    SloEngine engine = SloEngine.builder().clock(clock).slo(slo).build();
    for (int t = 0; t < 720; t++) { // Sunday evening: every 5th request slow
      for (int i = 0; i < 50; i++) {
        series.record(i % 5 == 0 ? 900_000_000L : 10_000_000L, Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    SloStatus sunday = engine.status("weekly");
    assertThat(sunday.atMillis()).isEqualTo(millis(monday));
    assertThat(sunday.period().validEvents()).isZero(); // the boundary's own tick: a fresh week
    assertThat(sunday.remaining()).isNaN();

    for (int t = 0; t < 360; t++) { // Monday's first hour: every 100th request slow
      for (int i = 0; i < 50; i++) {
        series.record(i == 0 && t % 2 == 0 ? 900_000_000L : 10_000_000L, Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    SloStatus s = engine.status("weekly");
    assertThat(s.period().name()).isEqualTo("week");
    assertThat(s.period().fromMillis()).isEqualTo(millis(monday));
    assertThat(s.period().validEvents()).isEqualTo(360 * 50);
    assertThat(s.period().badEvents()).isEqualTo(180);
    assertThat(s.remaining()).isCloseTo(1 - 180 / 180.0, within(1e-9));
    assertThat(s.period().coverage()).isEqualTo(1.0);
    assertThat(s.windows().get("6h").badEvents()).isEqualTo(720 * 10 + 180);
  }
}
