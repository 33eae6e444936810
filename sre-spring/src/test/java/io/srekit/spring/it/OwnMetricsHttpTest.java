package io.srekit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.sli.Outcome;
import io.srekit.spring.SreDefinitions;
import io.srekit.testing.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Without Actuator's metrics (auto-configuration excluded), srekit serves its own {@code /metrics}
 * at the configured path.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "spring.autoconfigure.exclude="
          + "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus"
          + ".PrometheusMetricsExportAutoConfiguration",
      "sre.slis.user_auth_request.buckets=0.1,1",
      "sre.slis.search_request.max-series=50",
      "sre.metrics.path=/sre/metrics"
    })
class OwnMetricsHttpTest {

  @LocalServerPort int port;
  @Autowired SreDefinitions definitions;

  @Test
  void servesTheSliOnItsOwnMetricsEndpoint() throws Exception {
    Http http = new Http(port);
    assertThat(http.get("/users/42").statusCode()).isEqualTo(200);
    Await.until(
        "recorded",
        Duration.ofSeconds(20),
        () ->
            Http.count(definitions.sli("user_auth_request"), "GET", "/users/{id}", Outcome.SUCCESS)
                == 1);

    var scrape = http.get("/sre/metrics");

    assertThat(scrape.statusCode()).isEqualTo(200);
    // Tomcat drops the optional space after ';' in media types
    assertThat(scrape.headers().firstValue("Content-Type").orElse("").replace(" ", ""))
        .isEqualTo("text/plain;version=0.0.4;charset=utf-8");
    assertThat(scrape.body())
        .contains("# TYPE user_auth_request_duration_seconds histogram")
        .contains("route=\"/users/{id}\"")
        .contains("user_auth_request_duration_seconds_count{");
    assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(404);
  }
}
