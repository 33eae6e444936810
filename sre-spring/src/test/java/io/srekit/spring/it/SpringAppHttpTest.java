package io.srekit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.spring.SreDefinitions;
import io.srekit.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The adapter over real HTTP on a Spring Boot application with Actuator's Prometheus endpoint. */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "management.endpoints.web.exposure.include=health,prometheus",
      "sre.slis.user_auth_request.buckets=0.05,0.1,0.5,1",
      "sre.slis.search_request.max-series=50",
      "sre.slos[0].name=login-availability",
      "sre.slos[0].sli=user_auth_request",
      "sre.slos[0].objective=0.999",
      "sre.slos[1].name=login-latency",
      "sre.slos[1].sli=user_auth_request",
      "sre.slos[1].kind=latency",
      "sre.slos[1].objective=0.99",
      "sre.slos[1].threshold=250ms",
      "sre.slos[1].period=28d"
    })
class SpringAppHttpTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  @LocalServerPort int port;
  @Autowired SreDefinitions definitions;

  Http http;
  LatencySli users;

  @BeforeEach
  void client() {
    http = new Http(port);
    users = definitions.sli("user_auth_request");
  }

  @Test
  void labelsRequestsWithTheMappingPatternSoDistinctIdsShareOneSeries() throws Exception {
    long before = Http.count(users, "GET", "/users/{id}", Outcome.SUCCESS);
    for (int i = 0; i < 100; i++) {
      assertThat(http.get("/users/" + i).statusCode()).isEqualTo(200);
    }

    Await.until(
        "100 requests on /users/{id}",
        WAIT,
        () -> Http.count(users, "GET", "/users/{id}", Outcome.SUCCESS) == before + 100);
    assertThat(users.snapshot().series())
        .allSatisfy(s -> assertThat(s.labelValues().get(1)).doesNotMatch("/users/[0-9]+"));
    assertThat(
            users.snapshot().series().stream()
                .filter(s -> s.labelValues().get(1).startsWith("/users/"))
                .count())
        .isEqualTo(1);
  }

  @Test
  void recordsAsyncHandlersOnceAtCompletion() throws Exception {
    for (String kind : new String[] {"callable", "deferred", "future"}) {
      String route = "/" + kind + "/{id}";
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = http.get("/" + kind + "/" + i);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(kind + " " + i);
      }
      Await.until(
          "5 " + kind + " requests recorded",
          WAIT,
          () -> Http.count(users, "GET", route, Outcome.SUCCESS) == 5);
    }
    // no late double recording from the async dispatch
    Thread.onSpinWait();
    assertThat(Http.count(users, "GET", "/callable/{id}", Outcome.SUCCESS)).isEqualTo(5);
    assertThat(Http.count(users, "GET", "/future/{id}", Outcome.ERROR)).isZero();
  }

  @Test
  void classifiesByTheStatusTheControllerAdviceWrote() throws Exception {
    HttpResponse<String> bad = http.get("/bad");
    HttpResponse<String> unavailable = http.get("/unavailable");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(bad.body() + unavailable.body()).doesNotContain("secret");
    Await.until(
        "/bad as success and /unavailable as error",
        WAIT,
        () ->
            Http.count(users, "GET", "/bad", Outcome.SUCCESS) == 1
                && Http.count(users, "GET", "/unavailable", Outcome.ERROR) == 1);
    assertThat(Http.count(users, "GET", "/bad", Outcome.ERROR)).isZero();
    assertThat(Http.count(users, "GET", "/unavailable", Outcome.SUCCESS)).isZero();
  }

  @Test
  void recordsAnUnhandledExceptionOnceAsAnErrorWithoutShowingItsText() throws Exception {
    HttpResponse<String> boom = http.get("/boom");

    assertThat(boom.statusCode()).isEqualTo(500);
    assertThat(boom.body()).doesNotContain("secret");
    Await.until(
        "/boom recorded as an error",
        WAIT,
        () -> Http.count(users, "GET", "/boom", Outcome.ERROR) == 1);
    assertThat(Http.count(users, "GET", "/boom", Outcome.SUCCESS)).isZero();
    assertThat(users.snapshot().series())
        .noneSatisfy(s -> assertThat(s.labelValues().get(1)).isEqualTo("/error"));
  }

  @Test
  void recordsAnAsyncFailureMappedByTheAdviceAsAnError() throws Exception {
    HttpResponse<String> r = http.get("/deferred-failure");

    assertThat(r.statusCode()).isEqualTo(503);
    Await.until(
        "/deferred-failure recorded as an error",
        WAIT,
        () -> Http.count(users, "GET", "/deferred-failure", Outcome.ERROR) == 1);
    assertThat(Http.count(users, "GET", "/deferred-failure", Outcome.SUCCESS)).isZero();
  }

  @Test
  void recordsTheMethodAnnotationAndLeavesUnannotatedHandlersOut() throws Exception {
    LatencySli search = definitions.sli("search_request");
    long usersBefore = Http.total(users);

    assertThat(http.get("/search").statusCode()).isEqualTo(200);
    assertThat(http.get("/plain").statusCode()).isEqualTo(200);
    assertThat(http.get("/no/such/path").statusCode()).isEqualTo(404);

    Await.until(
        "/search recorded", WAIT, () -> Http.count(search, "GET", "/search", Outcome.SUCCESS) == 1);
    assertThat(Http.total(search)).isEqualTo(1);
    assertThat(Http.total(users)).isEqualTo(usersBefore);
  }

  @Test
  void servesTheProbesOnTheMainPortAndTheyAreNeverRecorded() throws Exception {
    long before = Http.total(users);
    Await.until("readiness after ApplicationReadyEvent", WAIT, () -> status("/readyz") == 200);

    assertThat(http.get("/livez").statusCode()).isEqualTo(200);
    assertThat(http.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(http.get("/startupz").statusCode()).isEqualTo(200);
    assertThat(http.post("/drainz", null).statusCode()).isIn(404, 405);
    assertThat(Http.total(users)).isEqualTo(before);
  }

  @Test
  void servesSloJsonForTheConfiguredSlos() throws Exception {
    HttpResponse<String> slo = http.get("/slo");

    assertThat(slo.statusCode()).isEqualTo(200);
    assertThat(slo.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(slo.body()).contains("\"login-availability\"", "\"login-latency\"", "0.999", "0.99");
  }

  @Test
  void putsTheSliHistogramOnActuatorsPrometheusScrape() throws Exception {
    http.get("/users/7");
    Await.until(
        "a request recorded",
        WAIT,
        () -> Http.count(users, "GET", "/users/{id}", Outcome.SUCCESS) > 0);

    String scrape = http.get("/actuator/prometheus").body();

    assertThat(scrape)
        .contains("# TYPE user_auth_request_duration_seconds histogram")
        .contains(
            "user_auth_request_duration_seconds_bucket{method=\"GET\",outcome=\"success\","
                + "route=\"/users/{id}\",le=\"0.25\"}")
        .contains("jvm_memory_used_bytes");
    assertThat(http.get("/metrics").statusCode()).isEqualTo(404);
  }

  private int status(String path) {
    try {
      return http.get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
