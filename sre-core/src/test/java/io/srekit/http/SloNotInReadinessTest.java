package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthStatus;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The "never wired into readiness by default": with probes and {@code /slo} on one router,
 * an exhausted budget and a firing page leave {@code /readyz} passing (a fleet-wide burn must not
 * empty the load balancer).
 */
class SloNotInReadinessTest {

  @Test
  void anExhaustedBudgetLeavesReadinessPassing() {
    MockClock clock = new MockClock();
    LatencySli sli =
        LatencySli.builder("ready_request")
            .latencyThreshold(0.5)
            .quantiles(false)
            .clock(clock)
            .build();
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("ready-availability", sli).objective("0.999").build())
            .build();
    try (HealthMonitor health = HealthMonitor.builder().build()) {
      exhaustAndProbe(clock, sli, engine, health);
    }
  }

  private static void exhaustAndProbe(
      MockClock clock, LatencySli sli, SloEngine engine, HealthMonitor health) {
    HttpRouter router =
        HttpRouter.builder()
            .endpoints(ProbeEndpoints.builder(health).build().endpoints())
            .endpoint("/slo", new SloEndpoint(engine))
            .build();
    assertThat(get(router, "/readyz").status()).isEqualTo(200);

    for (int t = 0; t < 60; t++) { // ten minutes of a full outage
      for (int i = 0; i < 20; i++) {
        sli.series().record(1_000_000L, Outcome.ERROR);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    assertThat(engine.status("ready-availability").isExhausted()).isTrue();
    assertThat(engine.status("ready-availability").alerts().get(0).firing()).isTrue();
    String slo = new String(get(router, "/slo").bodyBytes(), StandardCharsets.UTF_8);
    assertThat(slo).contains("\"exhausted\":true");

    HttpResponse ready = get(router, "/readyz");
    assertThat(ready.status()).isEqualTo(200);
    assertThat(health.snapshot().readiness().status()).isEqualTo(HealthStatus.PASS);
  }

  private static HttpResponse get(HttpRouter router, String path) {
    return router.handle(HttpRequest.of("GET", path, null, Map.of()));
  }
}
