package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.slo.SloEngine;
import io.srekit.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code --faults} (the {@code faults} profile): the fault endpoint, its effect on the SLOs and the
 * probes.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "user-auth.pbkdf2-iterations=1000",
      "sre.slo.tick=1s",
      "sre.probes.indicators.user-store.interval=1s",
      "sre.probes.indicators.user-store.timeout=500ms"
    })
@ActiveProfiles("faults")
class FaultInjectionTest extends ServiceHttp {

  @Autowired SloEngine engine;

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @AfterEach
  void clear() throws Exception {
    assertThat(call("DELETE", "/admin/faults", "").statusCode()).isEqualTo(200);
  }

  @Test
  void injectedErrorsAreErrorsOfTheAvailabilitySloUntilCleared() throws Exception {
    assertThat(call("POST", "/admin/faults?errorRate=1", "").body()).contains("\"errorRate\":1.0");
    engine.tick();
    long badBefore = engine.status("user-auth-availability").windows().get("5m").badEvents();
    for (int i = 0; i < 5; i++) {
      assertThat(call("POST", "/login", ALICE).statusCode()).isEqualTo(500);
    }
    assertThat(call("DELETE", "/admin/faults", "").statusCode()).isEqualTo(200);
    assertThat(call("POST", "/login", ALICE).statusCode()).isEqualTo(200);
    engine.tick();
    assertThat(engine.status("user-auth-availability").windows().get("5m").badEvents() - badBefore)
        .isEqualTo(5);
  }

  @Test
  void badRequestsToTheFaultEndpointAreRefusedWithTheParameterNamed() throws Exception {
    var bad = call("POST", "/admin/faults?fraction=2", "");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).isEqualTo("fraction: must be in [0.0, 1.0], was 2\n");
    assertThat(call("PUT", "/admin/faults", "").statusCode()).isEqualTo(405);
    assertThat(get("/admin/faults").body()).contains("\"dependency\":\"up\"");
  }

  @Test
  void aDownUserStoreFailsReadinessButNotLiveness() throws Exception {
    Await.until("ready", DEADLINE, () -> status("/readyz") == 200);
    call("POST", "/admin/faults?dependency=down", "");
    Await.until("not ready", DEADLINE, () -> status("/readyz") == 503);
    assertThat(get("/readyz?verbose").body()).contains("[-]user-store failed");
    assertThat(get("/livez").statusCode()).isEqualTo(200);
    call("DELETE", "/admin/faults", "");
    Await.until("ready again", DEADLINE, () -> status("/readyz") == 200);
  }

  @Test
  void aHangingUserStoreFailsReadinessAtTheDeadlineWhileProbesAnswerAtOnce() throws Exception {
    Await.until("ready", DEADLINE, () -> status("/readyz") == 200);
    call("POST", "/admin/faults?dependency=hang", "");
    Await.until("not ready", DEADLINE, () -> status("/readyz") == 503);
    // The kubelet's 1 s timeout is never at risk: probes and Actuator answer from the last result.
    for (String path : new String[] {"/readyz", "/livez", "/actuator/health"}) {
      long start = System.nanoTime();
      get(path);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    }
    assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
  }

  @Test
  void faultParametersAreValidatedNamingTheParameter() {
    assertThatThrownBy(() -> Faults.parse("fraction=1.5"))
        .hasMessage("fraction: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> Faults.parse("dependency=maybe")).hasMessageContaining("'maybe'");
    assertThatThrownBy(() -> Faults.parse("latency=5")).hasMessageContaining("'latency'");
    assertThat(Faults.parse("latencyMs=700&fraction=0.5"))
        .isEqualTo(new Faults(700, 0.5, 0, Faults.Dependency.UP));
  }
}
