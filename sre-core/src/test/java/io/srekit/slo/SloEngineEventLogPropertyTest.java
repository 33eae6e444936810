package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The engine's numbers, recomputed from the raw event log: for random traffic (random rates,
 * outcomes, durations around the threshold, several label sets, quiet gaps), every window's valid
 * and bad counts equal a direct count of the logged events since the window's base tick.
 */
class SloEngineEventLogPropertyTest {

  private record Event(long atMillis, long nanos, Outcome outcome) {}

  @RepeatedTest(5)
  void windowsEqualCountsRecomputedFromTheEventLog(RepetitionInfo info) {
    SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("prop")
            .labelNames("route")
            .latencyThreshold(0.3)
            .quantiles(false)
            .clock(clock)
            .build();
    SliSeries[] series = {sli.series("/a"), sli.series("/b"), sli.series("/c")};
    Slo availability = Slo.availability("prop-availability", sli).objective("0.99").build();
    Slo latency = Slo.latency("prop-latency", sli, 0.3).objective("0.95").build();
    boolean includeInvalid = random.nextBoolean();
    Slo latencyAll =
        Slo.latency("prop-latency-all", sli, 0.3)
            .objective("0.9")
            .includeInvalid(includeInvalid)
            .build();
    SloEngine engine =
        SloEngine.builder().clock(clock).slo(availability).slo(latency).slo(latencyAll).build();
    long start = clock.wallTime();

    List<Event> log = new ArrayList<>();
    long threshold = 300_000_000L;
    int ticks = (int) (Duration.ofHours(8).toSeconds() / 10);
    for (int tick = 0; tick < ticks; tick++) {
      int n = random.nextInt(10) == 0 ? 0 : random.nextInt(0, 40);
      double errorShare = random.nextDouble(0, 0.3);
      for (int i = 0; i < n; i++) {
        // Events sit strictly between ticks: their time is the tick they were recorded after.
        long nanos =
            switch (random.nextInt(4)) {
              case 0 -> threshold; // exactly on the bound: good
              case 1 -> threshold + 1; // one nanosecond over: bad
              default -> random.nextLong(0, 2 * threshold);
            };
        double u = random.nextDouble();
        Outcome o =
            u < errorShare
                ? Outcome.ERROR
                : u < errorShare + 0.05 ? Outcome.INVALID : Outcome.SUCCESS;
        series[random.nextInt(series.length)].record(nanos, o);
        log.add(new Event(clock.wallTime(), nanos, o));
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
      if (tick % 97 == 0 || tick == ticks - 1) {
        long now = clock.wallTime();
        for (Slo slo : engine.slos()) {
          SloStatus status = engine.status(slo.name());
          for (SloStatus.WindowStatus w : status.windows().values()) {
            long base = w.fromMillis();
            long[] expected = count(log, slo, base, now, threshold);
            assertThat(new long[] {w.validEvents(), w.badEvents()})
                .as(
                    "%s %s at +%d s (base +%d s)",
                    slo.name(), w.name(), (now - start) / 1000, (base - start) / 1000)
                .containsExactly(expected);
            long length = (long) (w.seconds() * 1000);
            if (now - start >= length) {
              // The base is the newest tick kept at or before now - window: within one ring step
              // (documented: 10 s up to 1 h, 1 min up to 6 h, 5 min up to 3 d, 1 h beyond).
              long step =
                  length <= 3_600_000L
                      ? 10_000L
                      : length <= 21_600_000L
                          ? 60_000L
                          : length <= 259_200_000L ? 300_000L : 3_600_000L;
              assertThat(now - base).isBetween(length, length + step);
              assertThat(w.coverage()).isEqualTo(1.0);
            } else {
              assertThat(base).isEqualTo(start);
            }
          }
        }
      }
    }
  }

  /** Valid and bad events of {@code slo} logged at or after {@code from} and before {@code to}. */
  private static long[] count(List<Event> log, Slo slo, long from, long to, long threshold) {
    long valid = 0;
    long bad = 0;
    for (Event e : log) {
      if (e.atMillis() < from || e.atMillis() >= to) {
        continue;
      }
      if (e.outcome() == Outcome.INVALID && !slo.includeInvalid()) {
        continue;
      }
      valid++;
      boolean isBad =
          slo.kind() == SloKind.AVAILABILITY ? e.outcome() == Outcome.ERROR : e.nanos() > threshold;
      if (isBad) {
        bad++;
      }
    }
    return new long[] {valid, bad};
  }
}
