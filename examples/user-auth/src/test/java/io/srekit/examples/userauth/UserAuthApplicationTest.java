package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.testing.Await;
import io.srekit.testing.PrometheusText;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.annotation.DirtiesContext;

/** The service as configured by its application.yml, on a random port, over real HTTP. */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "user-auth.pbkdf2-iterations=1000")
@DirtiesContext
class UserAuthApplicationTest extends ServiceHttp {

  private static final Duration DEADLINE = Duration.ofSeconds(20);
  @Autowired SloEngine engine;

  /** {@code user_auth_request_duration_seconds_count} per (method, route, outcome). */
  private Map<String, Double> counts() throws Exception {
    Map<String, Double> counts = new java.util.TreeMap<>();
    for (PrometheusText.Sample s : PrometheusText.parse(get("/metrics").body())) {
      if (s.name().equals("user_auth_request_duration_seconds_count")) {
        counts.put(
            s.label("method") + " " + s.label("route") + " " + s.label("outcome"), s.value());
      }
    }
    return counts;
  }

  @Test
  void loginsAndLookupsAreRecordedUnderTheirRouteTemplates() throws Exception {
    Map<String, Double> before = counts();
    assertThat(call("POST", "/login", ALICE).statusCode()).isEqualTo(200);
    assertThat(call("POST", "/login", ALICE).body()).contains("\"token\"", "\"userId\":\"1\"");
    assertThat(call("POST", "/login", "{\"username\":\"alice\",\"password\":\"no\"}").statusCode())
        .isEqualTo(401);
    assertThat(call("POST", "/login", "{\"username\":\"mallory\",\"password\":\"x\"}").statusCode())
        .isEqualTo(401);
    assertThat(get("/users/2").body()).contains("\"username\":\"bob\"");
    assertThat(get("/users/999").statusCode()).isEqualTo(404);
    for (int i = 0; i < 50; i++) {
      get("/users/random-" + i); // 50 distinct ids, one series
    }

    Map<String, Double> after = counts();
    assertThat(after.get("POST /login success") - before.getOrDefault("POST /login success", 0.0))
        .isEqualTo(4.0);
    assertThat(
            after.get("GET /users/{id} success")
                - before.getOrDefault("GET /users/{id} success", 0.0))
        .isEqualTo(52.0);
    assertThat(after).containsEntry("POST /login error", 0.0);
    assertThat(after.keySet())
        .allSatisfy(k -> assertThat(k).matches("(POST /login|GET /users/\\{id\\}) \\w+"));

    String scrape = get("/metrics").body();
    assertThat(scrape)
        .contains(
            "user_auth_request_duration_seconds_bucket"
                + "{method=\"POST\",outcome=\"error\",route=\"/login\",le=\"0.5\"} 0\n")
        .contains("srekit_slo_objective_ratio{slo=\"user-auth-availability\"} 0.999")
        .contains("jvm_memory_used_bytes"); // Boot's registry, served on the same scrape
  }

  @Test
  void probesAndSloAreServedOnTheSamePort() throws Exception {
    Await.until("ready", DEADLINE, () -> status("/readyz") == 200);
    assertThat(get("/livez").body()).isEqualTo("ok");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/startupz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz?verbose").body()).contains("[+]user-store ok");
    engine.tick();
    assertThat(get("/slo?format=json").body())
        .contains("\"name\":\"user-auth-availability\"")
        .contains("\"objective\":0.999")
        .contains("\"thresholdSeconds\":0.5");
    assertThat(get("/actuator/health").body()).contains("\"srekit\"", "\"user-store\"");
    // Not started with --demo or --faults: there is no fault endpoint.
    assertThat(call("POST", "/admin/faults?errorRate=1", "").statusCode()).isEqualTo(404);
  }

  @Test
  void theRunningSlosAreTheOnesTheRulesCommandReads() {
    assertThat(engine.slos())
        .extracting(Slo::definitionHash)
        .containsExactlyElementsOf(
            ConfiguredSlos.load().slos().stream().map(Slo::definitionHash).toList());
    assertThat(engine.slos())
        .extracting(Slo::name)
        .containsExactly("user-auth-availability", "user-auth-latency");
  }
}
