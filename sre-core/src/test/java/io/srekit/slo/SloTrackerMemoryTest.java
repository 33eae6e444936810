package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.sli.LatencySli;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Memory per SLO is fixed and under the 100 KB at every tick the engine accepts, and the
 * rings keep their resolution whatever the tick and its jitter.
 */
class SloTrackerMemoryTest {

  private static final long LIMIT = 100_000L;

  private final LatencySli sli =
      LatencySli.builder("mem").latencyThreshold(0.5).quantiles(false).build();
  private final Slo slo = Slo.availability("mem", sli).objective("0.999").build();

  @Test
  void ringBytesAreUnderOneHundredKilobytesAtEveryAllowedTick() {
    for (int seconds = 1; seconds <= 60; seconds++) {
      Duration tick = Duration.ofSeconds(seconds);
      assertThat(SloTracker.ringBytes(tick)).as("tick %s", tick).isLessThanOrEqualTo(LIMIT);
    }
    // The finest ring is 10 s whatever the tick below it, so 1 s costs what 10 s costs.
    System.out.printf(
        "SLO ring bytes: 1s %d, 10s %d, 60s %d%n",
        SloTracker.ringBytes(Duration.ofSeconds(1)),
        SloTracker.ringBytes(SloEngine.DEFAULT_TICK),
        SloTracker.ringBytes(Duration.ofMinutes(1)));
    assertThat(SloTracker.ringBytes(Duration.ofSeconds(1)))
        .isLessThanOrEqualTo(SloTracker.ringBytes(SloEngine.DEFAULT_TICK))
        .isGreaterThan(50_000L);
  }

  @Test
  void trackerHoldsTheSameBytesAfterSixWeeksOfTrafficAtTheFinestTick() {
    Duration tick = Duration.ofSeconds(1);
    SloTracker tracker = new SloTracker(slo, tick);
    long before = tracker.footprintBytes();
    List<SloEvent> events = new ArrayList<>();
    long now = 1_000;
    long valid = 0;
    long bad = 0;
    // Three hours at the 1 s tick, then six weeks at one tick a minute (the rings keep at most one
    // sample per step either way): every ring, the 35-day one included, wraps.
    for (int i = 0; i < 3 * 3600; i++) {
      now += 1000;
      valid += 50;
      bad += i % 7 == 0 ? 1 : 0;
      tracker.update(now, valid, bad, events);
    }
    for (int i = 0; i < 42 * 24 * 60; i++) {
      now += 60_000;
      valid += 3000;
      bad += 3;
      tracker.update(now, valid, bad, events);
    }
    assertThat(tracker.footprintBytes()).isEqualTo(before).isLessThanOrEqualTo(LIMIT);
    for (CountRing ring : tracker.rings()) {
      assertThat(ring.size()).isEqualTo(ring.capacity());
    }
    // Wrapped, the rings still answer every window from within one step of its start.
    SloStatus s = tracker.update(now + 60_000, valid + 3000, bad + 3, events);
    assertThat(s.windows().get("1h").fromMillis()).isEqualTo(s.atMillis() - 3_600_000L);
    assertThat(s.windows().get("3d").fromMillis()).isEqualTo(s.atMillis() - 3 * 86_400_000L);
    assertThat(s.period().coverage()).isEqualTo(1.0);
    assertThat(s.period().validEvents()).isBetween(30L * 24 * 60 * 3000, 30L * 24 * 61 * 3000);
  }

  @Test
  void aOneSecondTickKeepsTenSecondSnapshotsInTheFinestRing() {
    SloTracker tracker = new SloTracker(slo, Duration.ofSeconds(1));
    List<SloEvent> events = new ArrayList<>();
    SloStatus s = null;
    for (int i = 1; i <= 2 * 3600; i++) {
      s = tracker.update(i * 1000L, i * 10L, 0, events);
    }
    CountRing finest = tracker.rings()[0];
    assertThat(finest.resolutionMillis()).isEqualTo(10_000L);
    assertThat(finest.time(finest.size() - 1) - finest.time(finest.size() - 2)).isEqualTo(10_000L);
    assertThat(s.windows().get("5m").fromMillis())
        .isBetween(s.atMillis() - 310_000L, s.atMillis() - 300_000L);
    assertThat(s.windows().get("5m").validEvents()).isBetween(3000L, 3100L);
  }

  @Test
  void jitteredTicksStillLandInTheFinestRing() {
    SloTracker tracker = new SloTracker(slo, SloEngine.DEFAULT_TICK);
    SplittableRandom random = new SplittableRandom(7);
    List<SloEvent> events = new ArrayList<>();
    SloStatus s = null;
    for (int i = 1; i <= 2 * 360; i++) {
      long jitter = random.nextLong(-50, 51); // a scheduler fires a few ms early or late
      s = tracker.update(i * 10_000L + jitter, i, 0, events);
    }
    CountRing finest = tracker.rings()[0];
    for (int p = 1; p < finest.size(); p++) {
      assertThat(finest.time(p) - finest.time(p - 1)).isBetween(9_900L, 10_100L);
    }
    long base = s.windows().get("5m").fromMillis();
    assertThat(s.atMillis() - base).isBetween(300_000L, 310_100L);
  }
}
