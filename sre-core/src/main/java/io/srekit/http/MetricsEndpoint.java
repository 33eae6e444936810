package io.srekit.http;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.srekit.metrics.SliTextFormat;
import io.srekit.sli.LatencySli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /metrics}: a Prometheus scrape with content negotiation (text format 0.0.4, or OpenMetrics
 * 1.0 when the scraper asks for {@code application/openmetrics-text}). The SLI families are written
 * by {@link SliTextFormat} (byte-for-byte what client_java would write, several times faster);
 * every other metric of the registry (JVM, process, application meters) by client_java's writers.
 * Scrapes are serialised; the request path is never touched.
 */
public final class MetricsEndpoint implements HttpEndpoint {

  /** Text format 0.0.4. */
  public static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";

  /** OpenMetrics 1.0. */
  public static final String OPENMETRICS =
      "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private final PrometheusRegistry registry;
  private final List<SliTextFormat> formats = new ArrayList<>();
  private final Set<String> ours = new HashSet<>();

  /**
   * Serves {@code registry}; the families of {@code slis} are written by srekit and must not be
   * registered on {@code registry} as well (they are filtered out if they are).
   */
  public MetricsEndpoint(PrometheusRegistry registry, List<LatencySli> slis) {
    this.registry = registry;
    for (LatencySli sli : slis) {
      formats.add(SliTextFormat.of(sli));
      ours.add(sli.metricName());
      ours.add(sli.name() + "_rejected");
      ours.add(sli.name() + "_series_overflow");
    }
  }

  @Override
  public synchronized HttpResponse handle(HttpRequest request) {
    String accept = request.header("Accept");
    boolean openMetrics = accept != null && accept.contains("application/openmetrics-text");
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      for (SliTextFormat f : formats) {
        f.write(out, openMetrics);
      }
      MetricSnapshots rest = registry.scrape(name -> !ours.contains(name));
      if (openMetrics) {
        new OpenMetricsTextFormatWriter(false, false).write(out, rest);
      } else {
        PrometheusTextFormatWriter.create().write(out, rest);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HttpResponse.builder(200)
        .body(openMetrics ? OPENMETRICS : TEXT_004, out.toByteArray())
        .build();
  }
}
