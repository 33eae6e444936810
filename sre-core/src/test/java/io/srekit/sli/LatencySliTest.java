package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MockClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencySliTest {

  private static LatencySli.Builder login() {
    return LatencySli.builder("user_auth_request").labelNames("method", "route");
  }

  @Test
  void latencyThresholdBecomesABucketBound() {
    LatencySli sli = login().buckets(0.1, 1.0).latencyThreshold(0.4).latencyThreshold(1.0).build();
    assertThat(sli.bounds().toArray()).containsExactly(0.1, 0.4, 1.0);
    assertThat(sli.latencyThresholds()).containsExactly(0.4, 1.0);
    assertThat(sli.metricName()).isEqualTo("user_auth_request_duration_seconds");
  }

  @Test
  void everyOutcomeOfANewSeriesExistsAtZero() {
    LatencySli sli = login().build();
    sli.series("POST", "/login");
    SliSnapshot snap = sli.snapshot();
    assertThat(snap.series()).hasSize(1);
    for (Outcome o : Outcome.values()) {
      HistogramCounts c = snap.series().get(0).counts(o);
      assertThat(c.count()).isZero();
      assertThat(c.sumSeconds()).isZero();
      assertThat(c.cumulativeCounts()).hasSize(sli.bounds().bucketCount()).containsOnly(0L);
    }
  }

  @Test
  void recordsIntoTheBucketOfTheDurationAndTheOutcome() {
    LatencySli sli = login().buckets(0.1, 0.5, 1.0).build();
    SliSeries s = sli.series("POST", "/login");
    s.record(100_000_000L, Outcome.SUCCESS); // exactly 0.1 s: inclusive
    s.record(100_000_001L, Outcome.SUCCESS);
    s.record(2_000_000_000L, Outcome.SUCCESS); // above the largest bound: +Inf only
    s.record(50_000_000L, Outcome.ERROR);
    s.record(Long.MAX_VALUE, Outcome.INVALID);

    SeriesSnapshot snap = sli.snapshot().series().get(0);
    assertThat(snap.counts(Outcome.SUCCESS).cumulativeCounts()).containsExactly(1, 2, 2, 3);
    assertThat(snap.counts(Outcome.SUCCESS).sumSeconds()).isEqualTo(2.200000001);
    assertThat(snap.counts(Outcome.ERROR).cumulativeCounts()).containsExactly(1, 1, 1, 1);
    assertThat(snap.counts(Outcome.INVALID).cumulativeCounts()).containsExactly(0, 0, 0, 1);
  }

  @Test
  void hugeDurationsAddAtMostOneHourToTheSumWhichStaysPositiveAndNeverDecreases() {
    LatencySli sli = login().buckets(0.1, 1.0).stripes(1).build();
    SliSeries s = sli.series("POST", "/login");
    s.record(5_000_000_000_000_000_000L, Outcome.SUCCESS);
    s.record(5_000_000_000_000_000_000L, Outcome.SUCCESS);
    HistogramCounts first = sli.snapshot().series().get(0).counts(Outcome.SUCCESS);
    assertThat(first.sumSeconds()).isEqualTo(7_200.0);
    assertThat(first.cumulativeCounts()).containsExactly(0, 0, 2);

    double previous = first.sumSeconds();
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 3; i++) {
        s.record(Long.MAX_VALUE, Outcome.SUCCESS);
      }
      s.record(250_000_000L, Outcome.SUCCESS);
      double sum = sli.snapshot().series().get(0).counts(Outcome.SUCCESS).sumSeconds();
      assertThat(sum).isPositive().isEqualTo(previous + 3 * 3_600.0 + 0.25);
      previous = sum;
    }
  }

  @Test
  void aStripeSumPastTwoToTheSixtyThreeNanosBetweenSnapshotsIsReadUnsigned() {
    LatencySli sli = login().buckets(0.1).stripes(1).quantiles(false).build();
    SliSeries s = sli.series("POST", "/login");
    int records = 3_000_000; // x 1 h = 1.08e19 ns, past Long.MAX_VALUE (9.22e18) in one stripe
    for (int i = 0; i < records; i++) {
      s.record(Long.MAX_VALUE, Outcome.ERROR);
    }
    HistogramCounts c = sli.snapshot().series().get(0).counts(Outcome.ERROR);
    assertThat(c.count()).isEqualTo(records);
    assertThat(c.sumSeconds()).isCloseTo(records * 3_600.0, within(1e-3));
  }

  @Test
  void negativeDurationsAreCountedAsRejectedAndNullOutcomeIsAnError() {
    LatencySli sli = login().build();
    SliSeries s = sli.series("GET", "/users/{id}");
    s.record(-1, Outcome.SUCCESS);
    s.record(Long.MIN_VALUE, Outcome.ERROR);
    s.record(1_000, null);
    SliSnapshot snap = sli.snapshot();
    assertThat(snap.rejectedNegative()).isEqualTo(2);
    assertThat(snap.total(Outcome.SUCCESS).count()).isZero();
    assertThat(snap.total(Outcome.ERROR).count()).isEqualTo(1);
  }

  @Test
  void labelSetsPastTheBoundShareOneCountedOverflowSeries() {
    LatencySli sli = login().maxSeries(3).build();
    for (int i = 0; i < 10_000; i++) {
      sli.series("GET", "/random/" + i).record(1_000_000, Outcome.SUCCESS);
    }
    SliSnapshot snap = sli.snapshot();
    assertThat(snap.series()).hasSize(4);
    SeriesSnapshot overflow = snap.series().get(3);
    assertThat(overflow.labelValues()).containsExactly("other", "other");
    assertThat(overflow.counts(Outcome.SUCCESS).count()).isEqualTo(9_997);
    assertThat(snap.seriesOverflow()).isEqualTo(9_997);
    assertThat(snap.total(Outcome.SUCCESS).count()).isEqualTo(10_000);
    assertThat(sli.series("GET", "/random/1")).isSameAs(sli.series("GET", "/random/1"));
  }

  @Test
  void theOverflowSeriesExistsAtZeroFromTheMomentTheBoundIsReached() {
    LatencySli sli = login().maxSeries(2).build();
    List<List<String>> notified = new ArrayList<>();
    sli.onSeries(s -> notified.add(s.labelValues()));
    sli.series("POST", "/login");
    assertThat(sli.snapshot().series()).hasSize(1);

    sli.series("GET", "/users/{id}");
    SliSnapshot snap = sli.snapshot();
    assertThat(snap.series()).hasSize(3);
    SeriesSnapshot overflow = snap.series().get(2);
    assertThat(overflow.labelValues()).containsExactly("other", "other");
    for (Outcome o : Outcome.values()) {
      assertThat(overflow.counts(o).cumulativeCounts()).containsOnly(0L);
    }
    assertThat(snap.seriesOverflow()).isZero();
    assertThat(notified)
        .containsExactly(
            List.of("POST", "/login"), List.of("GET", "/users/{id}"), List.of("other", "other"));

    sli.series("GET", "/health").record(1_000, Outcome.SUCCESS);
    snap = sli.snapshot();
    assertThat(snap.series()).hasSize(3);
    assertThat(snap.series().get(2).counts(Outcome.SUCCESS).count()).isEqualTo(1);
    assertThat(snap.seriesOverflow()).isEqualTo(1);
  }

  @Test
  void labelValuesEqualToTheOverflowValuesResolveToTheOverflowSeriesWithoutCounting() {
    LatencySli sli = login().maxSeries(2).build();
    SliSeries asked = sli.series("other", "other");
    assertThat(sli.series("POST", "/login")).isNotSameAs(asked);
    assertThat(sli.series("GET", "/users/{id}")).isNotSameAs(asked);
    assertThat(sli.series("GET", "/health")).isSameAs(asked);
    SliSnapshot snap = sli.snapshot();
    assertThat(snap.series())
        .extracting(SeriesSnapshot::labelValues)
        .containsExactly(
            List.of("POST", "/login"), List.of("GET", "/users/{id}"), List.of("other", "other"));
    assertThat(snap.seriesOverflow()).isEqualTo(1);
  }

  @Test
  void anSliWithoutLabelsHasOneSeriesAndNoOverflowSeries() {
    LatencySli sli = LatencySli.builder("jobs").maxSeries(1).build();
    assertThat(sli.series()).isSameAs(sli.series());
    assertThat(sli.snapshot().series()).hasSize(1);
    assertThat(sli.snapshot().seriesOverflow()).isZero();
  }

  @Test
  void recordSinceReadsTheSlisClock() {
    MockClock clock = new MockClock();
    LatencySli sli = login().buckets(0.25, 0.5).clock(clock).build();
    SliSeries s = sli.series("POST", "/login");
    long start = s.startNanos();
    clock.add(300, TimeUnit.MILLISECONDS);
    s.recordSince(start, Outcome.SUCCESS);
    assertThat(sli.snapshot().series().get(0).counts(Outcome.SUCCESS).cumulativeCounts())
        .containsExactly(0, 1, 1);
  }

  @Test
  void theTimerFormReadsTheMonotonicClockTwiceAndRecordReadsNoClock() {
    CountingClock clock = new CountingClock();
    LatencySli sli = login().buckets(0.25, 0.5).clock(clock).build();
    SliSeries s = sli.series("POST", "/login");
    clock.reset();

    long start = s.startNanos();
    s.recordSince(start, Outcome.SUCCESS);
    assertThat(clock.monotonicReads).isEqualTo(2);
    assertThat(clock.wallReads).isZero();

    clock.reset();
    s.record(300_000_000L, Outcome.SUCCESS);
    s.record(-1, Outcome.ERROR);
    assertThat(clock.monotonicReads).isZero();
    assertThat(clock.wallReads).isZero();
    assertThat(sli.snapshot().series().get(0).counts(Outcome.SUCCESS).cumulativeCounts())
        .containsExactly(1, 2, 2);
  }

  /** A clock that counts its reads; time advances 1 ms per monotonic read. */
  private static final class CountingClock implements Clock {
    int monotonicReads;
    int wallReads;
    private long nanos;

    void reset() {
      monotonicReads = 0;
      wallReads = 0;
    }

    @Override
    public long wallTime() {
      wallReads++;
      return 1_000L;
    }

    @Override
    public long monotonicTime() {
      monotonicReads++;
      nanos += 1_000_000L;
      return nanos;
    }
  }

  @Test
  void badConfigurationFailsAtBuildNamingParameterAndValue() {
    assertThatThrownBy(() -> LatencySli.builder("user-auth").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("name:")
        .hasMessageContaining("'user-auth'");
    assertThatThrownBy(() -> LatencySli.builder("slo:login").build())
        .hasMessageContaining("'slo:login'");
    assertThatThrownBy(() -> LatencySli.builder("login_duration_seconds").build())
        .hasMessageContaining("_seconds");
    assertThatThrownBy(() -> login().labelNames("route", "").build())
        .hasMessageStartingWith("labelNames:")
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> login().labelNames("route", "route").build())
        .hasMessageContaining("duplicate label name 'route'");
    assertThatThrownBy(() -> login().labelNames("le").build()).hasMessageContaining("'le'");
    assertThatThrownBy(() -> login().labelNames("outcome").build())
        .hasMessageContaining("'outcome'");
    assertThatThrownBy(() -> login().buckets(0.5, 0.1).build())
        .hasMessageStartingWith("buckets:")
        .hasMessageContaining("0.5 before 0.1");
    assertThatThrownBy(() -> login().buckets(-1).build()).hasMessageContaining("was -1.0");
    assertThatThrownBy(() -> login().buckets(Double.NaN, 1).build()).hasMessageContaining("NaN");
    assertThatThrownBy(() -> login().latencyThreshold(Double.NaN).build())
        .hasMessageStartingWith("latencyThreshold:");
    assertThatThrownBy(() -> login().maxSeries(0).build())
        .hasMessageStartingWith("maxSeries:")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> login().stripes(3).build())
        .hasMessageStartingWith("stripes:")
        .hasMessageContaining("was 3");
    assertThatThrownBy(() -> login().quantileStripes(128).build())
        .hasMessage("quantileStripes: must be a power of two in [1, 64], was 128");
    assertThatThrownBy(() -> login().quantileStripes(-2).build())
        .hasMessage("quantileStripes: must be a power of two in [1, 64], was -2");
  }

  @Test
  void quantileStripesFollowTheHistogramStripesUpToEight() {
    LatencySli byDefault = login().build();
    assertThat(byDefault.quantileStripeCount())
        .isEqualTo(Math.min(8, byDefault.stripeCount()))
        .isGreaterThanOrEqualTo(Math.min(8, 2 * Runtime.getRuntime().availableProcessors()));
    assertThat(login().stripes(2).build().quantileStripeCount()).isEqualTo(2);
    assertThat(login().stripes(64).build().quantileStripeCount()).isEqualTo(8);
    assertThat(login().quantileStripes(1).build().quantileStripeCount()).isEqualTo(1);
    assertThat(login().stripes(2).quantileStripes(16).build().quantileStripeCount()).isEqualTo(16);
    assertThat(login().quantiles(false).build().quantileStripeCount()).isZero();
  }

  @Test
  void seriesWithTheWrongNumberOfValuesIsAProgrammingError() {
    LatencySli sli = login().build();
    assertThatThrownBy(() -> sli.series("POST"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 2 values");
  }
}
