package io.srekit.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters of the health subsystem, tagged by check: {@code srekit.health.check.status} (1
 * healthy, 0 failing), {@code srekit.health.check.duration}, {@code srekit.health.check.timeouts},
 * {@code srekit.health.check.overruns} (tag {@code reason}) and {@code
 * srekit.health.check.abandoned} (runs timed out but still holding a thread).
 */
final class HealthMeters {

  private final Map<String, Timer> durations = new HashMap<>();
  private final Map<String, Counter> timeouts = new HashMap<>();
  private final Map<String, Counter> overrunsInFlight = new HashMap<>();
  private final Map<String, Counter> overrunsAbandoned = new HashMap<>();

  HealthMeters(MeterRegistry registry, List<CheckSpec> specs, HealthMonitor monitor) {
    if (registry == null) {
      return;
    }
    for (CheckSpec s : specs) {
      String n = s.name();
      String kind = s.kind().name().toLowerCase(java.util.Locale.ROOT);
      String impact = s.impact().name().toLowerCase(java.util.Locale.ROOT);
      Gauge.builder("srekit.health.check.status", monitor, m -> m.healthyValue(n))
          .description("1 when the check is healthy (pass or warn), 0 when it fails")
          .tags("check", n, "kind", kind, "impact", impact)
          .register(registry);
      durations.put(
          n,
          Timer.builder("srekit.health.check.duration")
              .description("Duration of health check runs")
              .tag("check", n)
              .register(registry));
      timeouts.put(
          n,
          Counter.builder("srekit.health.check.timeouts")
              .description("Health check runs that passed their deadline")
              .tag("check", n)
              .register(registry));
      overrunsInFlight.put(
          n,
          Counter.builder("srekit.health.check.overruns")
              .description("Health check runs skipped: the previous run is still going")
              .tags("check", n, "reason", "in_flight")
              .register(registry));
      overrunsAbandoned.put(
          n,
          Counter.builder("srekit.health.check.overruns")
              .description("Health check runs skipped: the previous run is still going")
              .tags("check", n, "reason", "abandoned")
              .register(registry));
    }
    Gauge.builder("srekit.health.check.abandoned", monitor, HealthMonitor::abandonedRuns)
        .description("Timed-out health check runs still holding a thread")
        .register(registry);
  }

  void duration(String check, long nanos) {
    Timer t = durations.get(check);
    if (t != null) {
      t.record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  void timeout(String check) {
    Counter c = timeouts.get(check);
    if (c != null) {
      c.increment();
    }
  }

  void overrun(String check, String reason) {
    Counter c = ("in_flight".equals(reason) ? overrunsInFlight : overrunsAbandoned).get(check);
    if (c != null) {
      c.increment();
    }
  }
}
