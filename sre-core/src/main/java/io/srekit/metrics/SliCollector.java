package io.srekit.metrics;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import io.srekit.sli.BucketBounds;
import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.SeriesSnapshot;
import io.srekit.sli.SliSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Renders one {@link LatencySli} for a Prometheus client_java {@link PrometheusRegistry}: the
 * histogram family {@code <name>_duration_seconds} ({@code _bucket}, {@code _count}, {@code _sum})
 * with the SLI's labels and {@code outcome}, plus two counters that make bad input visible: {@code
 * <name>_rejected_total{reason="negative_duration"}} and {@code <name>_series_overflow_total}.
 *
 * <p>Each scrape reads one {@link SliSnapshot}: {@code _count} equals the {@code +Inf} bucket and
 * buckets are cumulative, whatever the writers are doing.
 *
 * <pre>{@code
 * SliCollector.register(PrometheusRegistry.defaultRegistry, sli);
 * }</pre>
 */
public final class SliCollector implements MultiCollector {

  private static final Map<PrometheusRegistry, Map<String, LatencySli>> REGISTERED =
      new WeakHashMap<>();

  private final LatencySli sli;
  private final double[] upperBounds;
  private final MetricMetadata histogramMetadata;
  private final MetricMetadata rejectedMetadata;
  private final MetricMetadata overflowMetadata;

  private SliCollector(LatencySli sli) {
    this.sli = sli;
    BucketBounds bounds = sli.bounds();
    this.upperBounds = new double[bounds.bucketCount()];
    for (int i = 0; i < bounds.size(); i++) {
      upperBounds[i] = bounds.upperBound(i);
    }
    upperBounds[bounds.size()] = Double.POSITIVE_INFINITY;
    this.histogramMetadata = new MetricMetadata(sli.metricName(), sli.help(), Unit.SECONDS);
    this.rejectedMetadata =
        new MetricMetadata(
            sli.name() + "_rejected",
            "Observations of " + sli.name() + " rejected as invalid input, by reason.");
    this.overflowMetadata =
        new MetricMetadata(
            sli.name() + "_series_overflow",
            "Label-set resolutions of "
                + sli.name()
                + " sent to the overflow series because the label-set bound was reached.");
  }

  /** A collector for {@code sli}, not registered anywhere. */
  public static SliCollector of(LatencySli sli) {
    return new SliCollector(sli);
  }

  /**
   * Registers {@code sli} on {@code registry}. Registering the same SLI twice is a no-op.
   *
   * @throws IllegalArgumentException if another SLI with the same metric name is registered there,
   *     naming both bucket layouts
   */
  public static void register(PrometheusRegistry registry, LatencySli sli) {
    synchronized (REGISTERED) {
      Map<String, LatencySli> byName =
          REGISTERED.computeIfAbsent(registry, r -> new java.util.HashMap<>());
      LatencySli existing = byName.get(sli.metricName());
      if (existing == sli) {
        return;
      }
      if (existing != null) {
        if (!existing.bounds().equals(sli.bounds())) {
          throw new IllegalArgumentException(
              "name: metric '"
                  + sli.metricName()
                  + "' is already registered with buckets "
                  + existing.bounds()
                  + ", cannot register it again with buckets "
                  + sli.bounds());
        }
        throw new IllegalArgumentException(
            "name: metric '"
                + sli.metricName()
                + "' is already registered by another SLI with the same buckets; share one"
                + " LatencySli instead of building two");
      }
      registry.register(new SliCollector(sli));
      byName.put(sli.metricName(), sli);
    }
  }

  @Override
  public MetricSnapshots collect() {
    SliSnapshot snap = sli.snapshot();
    List<String> labelNames = snap.labelNames();
    List<HistogramDataPointSnapshot> points = new ArrayList<>(snap.series().size() * 3);
    for (SeriesSnapshot series : snap.series()) {
      String[] names = new String[labelNames.size() + 1];
      String[] values = new String[labelNames.size() + 1];
      for (int i = 0; i < labelNames.size(); i++) {
        names[i] = labelNames.get(i);
        values[i] = series.labelValues().get(i);
      }
      names[labelNames.size()] = "outcome";
      for (HistogramCounts counts : series.byOutcome()) {
        values[labelNames.size()] = counts.outcome().label();
        long[] perBucket = counts.cumulativeCounts();
        for (int i = perBucket.length - 1; i > 0; i--) {
          perBucket[i] -= perBucket[i - 1];
        }
        points.add(
            new HistogramDataPointSnapshot(
                ClassicHistogramBuckets.of(upperBounds, perBucket),
                counts.sumSeconds(),
                Labels.of(names, values.clone()),
                Exemplars.EMPTY,
                0L));
      }
    }
    return MetricSnapshots.of(
        new HistogramSnapshot(histogramMetadata, points),
        new CounterSnapshot(
            rejectedMetadata,
            List.of(
                new CounterDataPointSnapshot(
                    snap.rejectedNegative(), Labels.of("reason", "negative_duration"), null, 0L))),
        new CounterSnapshot(
            overflowMetadata,
            List.of(new CounterDataPointSnapshot(snap.seriesOverflow(), Labels.EMPTY, null, 0L))));
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        histogramMetadata.getPrometheusName(),
        rejectedMetadata.getPrometheusName(),
        overflowMetadata.getPrometheusName());
  }

  /** The SLI this collector renders. */
  public LatencySli sli() {
    return sli;
  }
}
