package io.srekit.benchmarks;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.slo.AlertPolicy;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording one request's latency: srekit's histogram alone, srekit's full record path (histogram
 * plus exact quantiles), and the peers with the same bounds and the same latency mix. Run with
 * {@code -t 1} and {@code -t 2} (see {@code benchmarks/run-record.sh}); every peer shares one
 * instrument across the threads, as in a server.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class RecordBenchmark {

  private long[] latencies;

  private SliSeries srekitHistogram;
  private SliSeries srekitWithQuantiles;
  private SliSeries srekitSharedStripe;
  private SliSeries srekitQuantileStripeShared;
  private SliSeries srekitWithTwoSlos;
  private SloEngine engine;
  private Timer micrometerTimer;
  private DistributionDataPoint prometheusHistogram;
  private Recorder hdrRecorder;
  private long[] floorBounds;
  private LongAdder[] floorBuckets;

  /** Each thread walks the mix from its own offset. */
  @State(Scope.Thread)
  public static class Cursor {
    int i;

    @Setup
    public void setup() {
      i = (int) (Thread.currentThread().getId() * 7919) & LatencyMix.MASK;
    }

    long next(long[] latencies) {
      return latencies[i++ & LatencyMix.MASK];
    }
  }

  @Setup
  public void setup() {
    latencies = LatencyMix.nanos();

    srekitHistogram =
        LatencySli.builder("srekit_alone")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .quantiles(false)
            .build()
            .series("/login");
    srekitWithQuantiles =
        LatencySli.builder("srekit_full")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .build()
            .series("/login");

    // Two threads whose ids agree modulo the quantile stripes (4 on 2 CPUs) but not modulo the
    // histogram's (8): they share the quantile counts only. One quantile stripe forces that case.
    srekitQuantileStripeShared =
        LatencySli.builder("srekit_q_shared")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .quantileStripes(1)
            .build()
            .series("/login");

    // One stripe: every thread's histogram and quantile counters share cache lines (ids equal
    // modulo the histogram's stripes too): the worst case of striping by thread id.
    srekitSharedStripe =
        LatencySli.builder("srekit_shared")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .stripes(1)
            .build()
            .series("/login");

    // The same SLI with two SLOs attached and the engine ticking every second during the run:
    // the SLOs read snapshots of the same counters, so the record path does not change.
    LatencySli withSlos =
        LatencySli.builder("srekit_slos")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .latencyThreshold(0.5)
            .build();
    engine =
        SloEngine.builder()
            .tick(Duration.ofSeconds(1))
            .slo(
                Slo.availability("availability", withSlos)
                    .objective("0.999")
                    .alerts(AlertPolicy.none())
                    .build())
            .slo(
                Slo.latency("latency", withSlos, 0.5)
                    .objective("0.99")
                    .alerts(AlertPolicy.none())
                    .build())
            .build();
    engine.start();
    srekitWithTwoSlos = withSlos.series("/login");

    PrometheusMeterRegistry micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    micrometerTimer =
        Timer.builder("micrometer_request")
            .tag("route", "/login")
            .publishPercentileHistogram()
            .serviceLevelObjectives(
                Arrays.stream(LatencyMix.BOUNDS_SECONDS)
                    .mapToObj(s -> Duration.ofNanos((long) (s * 1e9)))
                    .toArray(Duration[]::new))
            .register(micrometer);

    prometheusHistogram =
        Histogram.builder()
            .name("client_java_request_duration_seconds")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(LatencyMix.BOUNDS_SECONDS)
            .register(new PrometheusRegistry())
            .labelValues("/login");

    hdrRecorder = new Recorder(3);

    floorBounds = new long[LatencyMix.BOUNDS_SECONDS.length];
    for (int i = 0; i < floorBounds.length; i++) {
      floorBounds[i] = (long) (LatencyMix.BOUNDS_SECONDS[i] * 1e9);
    }
    floorBuckets = new LongAdder[floorBounds.length + 1];
    for (int i = 0; i < floorBuckets.length; i++) {
      floorBuckets[i] = new LongAdder();
    }
  }

  /** srekit's histogram alone: bucket, count and sum, no quantiles. */
  @Benchmark
  public void srekitHistogram(Cursor c) {
    srekitHistogram.record(c.next(latencies), Outcome.SUCCESS);
  }

  /** srekit's full record path: histogram plus exact HdrHistogram quantiles. */
  @Benchmark
  public void srekitHistogramWithQuantiles(Cursor c) {
    srekitWithQuantiles.record(c.next(latencies), Outcome.SUCCESS);
  }

  /**
   * srekit's full record path with one stripe, so that all threads contend on the same counters:
   * the worst case of striping by thread id, at {@code -t 2} and more.
   */
  @Benchmark
  public void srekitHistogramWithQuantilesSharedStripe(Cursor c) {
    srekitSharedStripe.record(c.next(latencies), Outcome.SUCCESS);
  }

  /**
   * srekit's full record path with the quantile counts on one stripe and the histogram striped as
   * by default: two threads whose ids collide on the quantile stripes only, at {@code -t 2}.
   */
  @Benchmark
  public void srekitHistogramWithQuantilesSharedQuantileStripe(Cursor c) {
    srekitQuantileStripeShared.record(c.next(latencies), Outcome.SUCCESS);
  }

  /** srekit's full record path on an SLI with two SLOs attached and their engine ticking. */
  @Benchmark
  public void srekitWithTwoSlos(Cursor c) {
    srekitWithTwoSlos.record(c.next(latencies), Outcome.SUCCESS);
  }

  @TearDown
  public void tearDown() {
    engine.close();
  }

  /** Micrometer Timer on a PrometheusMeterRegistry, percentile histogram and SLO boundaries. */
  @Benchmark
  public void micrometerTimerHistogram(Cursor c) {
    micrometerTimer.record(c.next(latencies), TimeUnit.NANOSECONDS);
  }

  /** Prometheus client_java classic histogram with the same bounds (it takes seconds). */
  @Benchmark
  public void prometheusClassicHistogram(Cursor c) {
    prometheusHistogram.observe(c.next(latencies) / 1e9);
  }

  /** HdrHistogram's multi-writer Recorder, 3 significant digits. */
  @Benchmark
  public void hdrRecorder(Cursor c) {
    hdrRecorder.recordValue(c.next(latencies));
  }

  /** The floor: binary search over long bounds and one LongAdder per bucket, nothing else. */
  @Benchmark
  public void floorLongAdder(Cursor c) {
    long v = c.next(latencies);
    int i = Arrays.binarySearch(floorBounds, v);
    floorBuckets[i < 0 ? -i - 1 : i].increment();
  }
}
