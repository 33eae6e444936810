package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SloJsonTest {

  private final JsonMapper json = JsonMapper.builder().build();

  @Test
  void documentHasTheStableFieldsWithExactObjectivesAndFiringState() {
    SloFixtures f = new SloFixtures();
    f.run(120, 0, 0);
    f.run(3, 1.0, 0); // a full outage: the 1h/5m page fires within 1-2 minutes
    String text = SloJson.render(f.engine);
    assertThat(text).contains("\"objective\":0.999,").contains("\"errorRatioThreshold\":0.0144,");
    JsonNode root = json.readTree(text);

    JsonNode slo = root.get("slos").get(0);
    assertThat(slo.get("name").asString()).isEqualTo("login-availability");
    assertThat(slo.get("sli").asString()).isEqualTo("user_auth_request");
    assertThat(slo.get("kind").asString()).isEqualTo("availability");
    assertThat(slo.get("thresholdSeconds").isNull()).isTrue();
    assertThat(slo.get("period").asString()).isEqualTo("30d");
    assertThat(slo.get("definitionHash").asString()).isEqualTo(f.availability.definitionHash());
    for (String field : new String[] {"errorRatios", "burnRates", "coverage"}) {
      assertThat(slo.get(field).propertyNames())
          .containsExactly("5m", "30m", "1h", "2h", "6h", "1d", "3d", "30d");
    }
    assertThat(slo.get("errorRatios").get("5m").asDouble()).isEqualTo(0.6);
    assertThat(slo.get("burnRates").get("5m").asDouble())
        .isCloseTo(600, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(slo.get("coverage").get("1h").asDouble()).isEqualTo(1.0);
    assertThat(slo.get("coverage").get("30d").asDouble()).isLessThan(0.01);
    JsonNode budget = slo.get("budget");
    assertThat(budget.get("consumedEvents").asLong()).isEqualTo(18 * 60);
    assertThat(budget.get("allowedEvents").asDouble())
        .isCloseTo(0.001 * 123 * 360, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(budget.get("remainingRatio").asDouble()).isLessThan(0);
    assertThat(budget.get("exhausted").asBoolean()).isTrue();
    JsonNode page = slo.get("alerts").get(0);
    assertThat(page.get("severity").asString()).isEqualTo("page");
    assertThat(page.get("long").asString()).isEqualTo("1h");
    assertThat(page.get("short").asString()).isEqualTo("5m");
    assertThat(page.get("factor").asDouble()).isEqualTo(14.4);
    assertThat(page.get("firing").asBoolean()).isTrue();
    assertThat(page.get("since").asString()).endsWith("Z");

    JsonNode latency = root.get("slos").get(1);
    assertThat(latency.get("kind").asString()).isEqualTo("latency");
    assertThat(latency.get("thresholdSeconds").asDouble()).isEqualTo(0.5);
    assertThat(latency.get("objective").asString()).isEqualTo("0.99");

    JsonNode q = root.get("quantiles");
    assertThat(q.get("window").asString()).isEqualTo("5m");
    assertThat(q.get("p50").asDouble()).isBetween(0.030, 0.036);
    assertThat(q.get("p999").asDouble()).isGreaterThan(q.get("p50").asDouble());
    assertThat(root.get("slis").get("user_auth_request").propertyNames())
        .containsExactly("1m", "5m");
  }

  @Test
  void noTrafficRendersRatiosAsNullNotAsPerfect() {
    SloFixtures f = new SloFixtures();
    f.clock.add(java.time.Duration.ofMinutes(10));
    f.engine.tick();
    JsonNode slo = json.readTree(SloJson.render(f.engine)).get("slos").get(0);
    assertThat(slo.get("errorRatios").get("5m").isNull()).isTrue();
    assertThat(slo.get("budget").get("remainingRatio").isNull()).isTrue();
    assertThat(slo.get("budget").get("exhausted").asBoolean()).isFalse();
    assertThat(json.readTree(SloJson.render(f.engine)).get("quantiles").get("p99").isNull())
        .isTrue();
  }
}
