package io.srekit.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.PromDuration;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.slo.SloStatus;
import java.time.Duration;
import java.util.function.ToDoubleFunction;

/**
 * Gauges of an {@link SloEngine}'s last tick, for dashboards and for checking the in-process view
 * against the rules' one. Names have no colons (those belong to recording rules); every series
 * carries a small fixed label set ({@code slo}, plus {@code window} or the alert's {@code
 * severity}, {@code long_window}, {@code short_window}):
 *
 * <ul>
 *   <li>{@code srekit_slo_objective_ratio}
 *   <li>{@code srekit_slo_error_budget_remaining_ratio}, {@code
 *       srekit_slo_error_budget_remaining_events}
 *   <li>{@code srekit_slo_burn_rate{window}}, {@code srekit_slo_error_ratio{window}}: for the
 *       workbook windows (5m, 30m, 1h, 2h, 6h, 1d, 3d) whatever the alert policy, any other alert
 *       window, and the period
 *   <li>{@code srekit_slo_window_coverage_ratio{window}}
 *   <li>{@code srekit_slo_alert_firing{severity,long_window,short_window}} (1 or 0)
 *   <li>{@code srekit_slo_info{sli,kind,objective,threshold_seconds,period,definition_hash}} (1)
 * </ul>
 *
 * Ratios without data are {@code NaN}.
 */
public final class SloMeterBinder implements MeterBinder {

  private final SloEngine engine;

  /** Gauges for every SLO of {@code engine}. */
  public SloMeterBinder(SloEngine engine) {
    this.engine = engine;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Slo slo : engine.slos()) {
      Tags tags = Tags.of("slo", slo.name());
      gauge(
          registry,
          "srekit.slo.objective.ratio",
          tags,
          "The SLO's objective.",
          slo,
          s -> slo.objective().doubleValue());
      gauge(
          registry,
          "srekit.slo.error.budget.remaining.ratio",
          tags,
          "Share of the period's error budget left (negative when overspent).",
          slo,
          s -> status(s).budget().remainingRatio());
      gauge(
          registry,
          "srekit.slo.error.budget.remaining.events",
          tags,
          "Bad events the period's budget still allows (negative when overspent).",
          slo,
          s -> status(s).budget().remainingEvents());
      for (String window : windowNames(slo)) {
        Tags w = tags.and("window", window);
        gauge(
            registry,
            "srekit.slo.burn.rate",
            w,
            "Burn rate over the window.",
            slo,
            s -> window(s, window).burnRate());
        gauge(
            registry,
            "srekit.slo.error.ratio",
            w,
            "Error ratio over the window.",
            slo,
            s -> window(s, window).errorRatio());
        gauge(
            registry,
            "srekit.slo.window.coverage.ratio",
            w,
            "How much of the window this process has seen.",
            slo,
            s -> window(s, window).coverage());
      }
      for (int i = 0; i < slo.alerts().alerts().size(); i++) {
        BurnRateAlert a = slo.alerts().alerts().get(i);
        int index = i;
        gauge(
            registry,
            "srekit.slo.alert.firing",
            tags.and(
                "severity", a.severity().label(),
                "long_window", PromDuration.format(a.longWindow()),
                "short_window", PromDuration.format(a.shortWindow())),
            "1 while the multiwindow burn-rate alert fires in process.",
            slo,
            s -> status(s).alerts().get(index).firing() ? 1 : 0);
      }
      gauge(
          registry,
          "srekit.slo.info",
          tags.and(
              "sli", slo.sli().metricName(),
              "kind", slo.kind().label(),
              "objective", slo.objective().toPlainString(),
              "threshold_seconds",
                  slo.thresholdSeconds() == null ? "" : Double.toString(slo.thresholdSeconds()),
              "period", slo.period().label(),
              "definition_hash", slo.definitionHash()),
          "The SLO's definition; the rules carry the same hash.",
          slo,
          s -> 1);
    }
  }

  private static java.util.List<String> windowNames(Slo slo) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Duration d : slo.statusWindows()) {
      names.add(PromDuration.format(d));
    }
    names.add(slo.period().label());
    return names;
  }

  private SloStatus status(Slo slo) {
    return engine.status(slo.name());
  }

  private SloStatus.WindowStatus window(Slo slo, String window) {
    return engine.status(slo.name()).windows().get(window);
  }

  private static void gauge(
      MeterRegistry registry,
      String name,
      Tags tags,
      String help,
      Slo slo,
      ToDoubleFunction<Slo> value) {
    Gauge.builder(
            name,
            slo,
            s -> {
              try {
                return value.applyAsDouble(s);
              } catch (RuntimeException e) {
                return Double.NaN;
              }
            })
        .tags(tags)
        .description(help)
        .strongReference(true)
        .register(registry);
  }
}
