package io.srekit.slo;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.util.concurrent.TimeUnit;

/** A user-auth-like SLI with two SLOs, driven by a fake clock. */
final class SloFixtures {

  final MockClock clock = new MockClock();
  final LatencySli sli =
      LatencySli.builder("user_auth_request")
          .labelNames("route")
          .latencyThreshold(0.5)
          .clock(clock)
          .build();
  final SliSeries login = sli.series("/login");
  private long sent;
  final Slo availability =
      Slo.availability("login-availability", sli)
          .objective("0.999")
          .description("Logins that do not fail")
          .build();
  final Slo latency =
      Slo.latency("login-latency", sli, 0.5).objective("0.99").description("Fast logins").build();
  final SloEngine engine = SloEngine.builder().clock(clock).slo(availability).slo(latency).build();

  /**
   * {@code minutes} of traffic, 60 requests per 10 s tick, with the given error and slow shares.
   */
  void run(int minutes, double errorShare, double slowShare) {
    for (int t = 0; t < minutes * 6; t++) {
      for (int i = 0; i < 60; i++) {
        sent++;
        boolean error = errorShare > 0 && sent % Math.round(1 / errorShare) == 0;
        boolean slow = slowShare > 0 && (sent + 1) % Math.round(1 / slowShare) == 0;
        login.record(
            slow ? 800_000_000L : 30_000_000L + i * 100_000L,
            error ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
  }
}
