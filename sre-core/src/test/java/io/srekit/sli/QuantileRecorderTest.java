package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class QuantileRecorderTest {

  @Test
  void indexLayoutIsHdrHistogramsOwn() {
    QuantileRecorder recorder = new QuantileRecorder();
    Histogram reference = QuantileRecorder.newHistogram();
    assertThat(recorder.indexOf(QuantileRecorder.HIGHEST_NANOS)).isLessThan(recorder.length());
    SplittableRandom random = new SplittableRandom(7);
    for (int n = 0; n < 200_000; n++) {
      long v =
          n % 2 == 0
              ? random.nextLong(0, QuantileRecorder.HIGHEST_NANOS)
              : (long) Math.exp(random.nextDouble(0, Math.log(QuantileRecorder.HIGHEST_NANOS)));
      assertThat(recorder.valueFromIndex(recorder.indexOf(v)))
          .as("lowest equivalent of %d", v)
          .isEqualTo(reference.lowestEquivalentValue(v));
    }
  }

  @Test
  void quantilesAreWithinThreeSignificantDigitsOfTheExactOnes() {
    QuantileRecorder recorder = new QuantileRecorder();
    SplittableRandom random = new SplittableRandom(11);
    long[] values = new long[50_000];
    for (int i = 0; i < values.length; i++) {
      // log-normal around 40 ms
      values[i] = (long) (40e6 * Math.exp(random.nextDouble(-2, 2)));
      recorder.record(values[i]);
    }
    Arrays.sort(values);
    Histogram h = recorder.difference(recorder.copyCounts(), null);
    assertThat(h.getTotalCount()).isEqualTo(values.length);
    for (double q : new double[] {50, 90, 99, 99.9}) {
      long exact = values[(int) Math.ceil(q / 100 * values.length) - 1];
      assertThat((double) h.getValueAtPercentile(q))
          .as("p%s", q)
          .isCloseTo(exact, within(exact * 0.001 + 1));
    }
  }

  @Test
  void windowsAreDifferencesOfCopiesAndReportTheirCoverage() {
    MockClock clock = new MockClock();
    LatencySli sli = LatencySli.builder("w").clock(clock).build();
    SliSeries s = sli.series();
    for (int i = 0; i < 100; i++) {
      s.record(900_000_000L, Outcome.SUCCESS); // old and slow
    }
    for (int i = 0; i < 10; i++) {
      clock.add(30, TimeUnit.SECONDS);
      sli.tick();
    }
    for (int i = 0; i < 1000; i++) {
      s.record(10_000_000L, Outcome.SUCCESS); // recent and fast
    }
    QuantileSnapshot oneMinute = sli.quantiles(Duration.ofMinutes(1));
    assertThat(oneMinute.count()).isEqualTo(1000);
    assertThat(oneMinute.p999()).isCloseTo(0.010, within(0.00001));
    assertThat(oneMinute.coveredSeconds()).isEqualTo(60.0);
    QuantileSnapshot fiveMinutes = sli.quantiles(Duration.ofMinutes(5));
    assertThat(fiveMinutes.count()).isEqualTo(1100);
    assertThat(fiveMinutes.p999()).isCloseTo(0.9, within(0.001));
    assertThat(fiveMinutes.coveredSeconds()).isEqualTo(300.0);
  }

  @Test
  void anEmptyWindowHasNoQuantilesRatherThanZero() {
    LatencySli sli = LatencySli.builder("empty").build();
    QuantileSnapshot q = sli.quantiles(Duration.ofMinutes(1));
    assertThat(q.count()).isZero();
    assertThat(q.p99()).isNaN();
  }

  @Test
  void hugeDurationsAreClampedNotThrown() {
    LatencySli sli = LatencySli.builder("huge").build();
    sli.series().record(Long.MAX_VALUE, Outcome.SUCCESS);
    assertThat(sli.quantiles(Duration.ofMinutes(1)).max()).isCloseTo(3600.0, within(4.0));
  }
}
