package io.srekit.benchmarks;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.srekit.metrics.SliCollector;
import io.srekit.metrics.SliTextFormat;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One scrape (collect and write the text format 0.0.4) of one SLI family (one label set, 3
 * outcomes, 14 buckets) next to client_java's scrape of one classic histogram with the same 14
 * buckets, with one data point and with the same 3 outcome data points. srekit is measured twice:
 * with its own writer ({@code SliTextFormat}, what srekit's endpoints use) and through
 * client_java's writer (what a scrape of a {@code PrometheusMeterRegistry} does).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ScrapeBenchmark {

  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
  private PrometheusRegistry srekit;
  private SliTextFormat srekitText;
  private PrometheusRegistry clientJavaOne;
  private PrometheusRegistry clientJavaThree;

  @Setup
  public void setup() {
    long[] latencies = LatencyMix.nanos();
    LatencySli sli =
        LatencySli.builder("srekit_request")
            .labelNames("route")
            .buckets(LatencyMix.BOUNDS_SECONDS)
            .build();
    srekit = new PrometheusRegistry();
    SliCollector.register(srekit, sli);
    SliSeries series = sli.series("/login");
    srekitText = SliTextFormat.of(sli);

    clientJavaOne = new PrometheusRegistry();
    Histogram one =
        Histogram.builder()
            .name("client_java_request_duration_seconds")
            .labelNames("route")
            .classicOnly()
            .classicUpperBounds(LatencyMix.BOUNDS_SECONDS)
            .register(clientJavaOne);
    clientJavaThree = new PrometheusRegistry();
    Histogram three =
        Histogram.builder()
            .name("client_java_request_duration_seconds")
            .labelNames("route", "outcome")
            .classicOnly()
            .classicUpperBounds(LatencyMix.BOUNDS_SECONDS)
            .register(clientJavaThree);
    for (int i = 0; i < latencies.length; i++) {
      Outcome o = Outcome.values()[i % 3];
      series.record(latencies[i], o);
      one.labelValues("/login").observe(latencies[i] / 1e9);
      three.labelValues("/login", o.label()).observe(latencies[i] / 1e9);
    }
  }

  @Benchmark
  public int srekitSliFamily() throws IOException {
    out.reset();
    srekitText.write(out, false);
    return out.size();
  }

  @Benchmark
  public int srekitSliFamilyViaClientJavaWriter() throws IOException {
    return scrape(srekit);
  }

  @Benchmark
  public int clientJavaClassicHistogram() throws IOException {
    return scrape(clientJavaOne);
  }

  @Benchmark
  public int clientJavaClassicHistogramThreeOutcomes() throws IOException {
    return scrape(clientJavaThree);
  }

  private int scrape(PrometheusRegistry registry) throws IOException {
    out.reset();
    writer.write(out, registry.scrape());
    return out.size();
  }
}
