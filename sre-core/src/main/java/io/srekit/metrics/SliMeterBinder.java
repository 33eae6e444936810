package io.srekit.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Puts SLIs on a Micrometer {@link MeterRegistry}.
 *
 * <p>On a {@link PrometheusMeterRegistry} (also inside a {@link CompositeMeterRegistry}) each SLI
 * is registered as a {@link SliCollector} on the registry's client_java registry, so the scrape
 * carries the full histogram family with its exact bucket bounds. On any other registry each series
 * and outcome becomes a {@link FunctionTimer} {@code <name>.duration} (count and total time) with
 * the SLI's labels and {@code outcome} as tags, plus two {@link FunctionCounter}s: {@code
 * <name>.rejected} (tag {@code reason}) and {@code <name>.series.overflow} (what a Prometheus
 * scrape shows as {@code <name>_rejected_total} and {@code <name>_series_overflow_total}). Binding
 * reads counters only when the registry polls; nothing is added to the request path.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * new SliMeterBinder(sli).bindTo(registry);
 * String text = registry.scrape();
 * }</pre>
 */
public final class SliMeterBinder implements MeterBinder {

  private final List<LatencySli> slis;

  /** Binds these SLIs. */
  public SliMeterBinder(LatencySli... slis) {
    this(List.of(slis));
  }

  /** Binds these SLIs. */
  public SliMeterBinder(List<LatencySli> slis) {
    this.slis = List.copyOf(slis);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (MeterRegistry target : leaves(registry)) {
      for (LatencySli sli : slis) {
        if (target instanceof PrometheusMeterRegistry prometheus) {
          SliCollector.register(prometheus.getPrometheusRegistry(), sli);
        } else {
          bindFunctions(target, sli);
        }
      }
    }
  }

  private static List<MeterRegistry> leaves(MeterRegistry registry) {
    List<MeterRegistry> out = new ArrayList<>();
    if (registry instanceof CompositeMeterRegistry composite) {
      for (MeterRegistry child : composite.getRegistries()) {
        out.addAll(leaves(child));
      }
    } else {
      out.add(registry);
    }
    return out;
  }

  private static void bindFunctions(MeterRegistry registry, LatencySli sli) {
    FunctionCounter.builder(sli.name() + ".rejected", sli, LatencySli::rejectedNegative)
        .tag("reason", "negative_duration")
        .description("Observations rejected as invalid input")
        .register(registry);
    FunctionCounter.builder(sli.name() + ".series.overflow", sli, LatencySli::seriesOverflow)
        .description(
            "Label-set resolutions sent to the overflow series because the label-set bound was"
                + " reached")
        .register(registry);
    sli.onSeries(series -> bindSeries(registry, sli, series));
  }

  private static void bindSeries(MeterRegistry registry, LatencySli sli, SliSeries series) {
    List<String> names = sli.labelNames();
    Tags tags = Tags.empty();
    for (int i = 0; i < names.size(); i++) {
      tags = tags.and(names.get(i), series.labelValues().get(i));
    }
    for (Outcome outcome : Outcome.values()) {
      FunctionTimer.builder(
              sli.name() + ".duration",
              series,
              s -> s.snapshot().counts(outcome).count(),
              s -> s.snapshot().counts(outcome).sumSeconds(),
              TimeUnit.SECONDS)
          .tags(tags.and("outcome", outcome.label()))
          .description(sli.help())
          .register(registry);
    }
  }
}
