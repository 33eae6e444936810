package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UserAuthApplicationTest {

  private UserAuthApplication app;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    app = UserAuthApplication.start(0, 1_000);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (get("/readyz").statusCode() != 200) {
      assertThat(System.nanoTime()).as("ready within 20 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  @Test
  void loginsAreRecordedAndScrapedAsTheUserAuthHistogram() throws Exception {
    assertThat(post("/login", "{\"username\":\"alice\",\"password\":\"wonderland\"}").statusCode())
        .isEqualTo(200);
    assertThat(post("/login", "{\"username\":\"alice\",\"password\":\"nope\"}").statusCode())
        .isEqualTo(401);
    assertThat(post("/login", "{\"username\":\"mallory\",\"password\":\"x\"}").statusCode())
        .isEqualTo(401);
    assertThat(get("/users/2").body()).contains("\"username\":\"bob\"");
    assertThat(get("/users/999").statusCode()).isEqualTo(404);

    String scrape = get("/metrics").body();
    assertThat(scrape)
        .contains(
            "user_auth_request_duration_seconds_count"
                + "{method=\"POST\",outcome=\"success\",route=\"/login\"} 3\n")
        .contains(
            "user_auth_request_duration_seconds_count"
                + "{method=\"GET\",outcome=\"success\",route=\"/users/{id}\"} 2\n")
        .contains(
            "user_auth_request_duration_seconds_bucket"
                + "{method=\"POST\",outcome=\"error\",route=\"/login\",le=\"0.5\"} 0\n")
        .contains("srekit_slo_objective_ratio{slo=\"user-auth-availability\"} 0.999");
  }

  @Test
  void probesAndSloAreServedOnTheSamePort() throws Exception {
    awaitReady();
    assertThat(get("/livez").body()).isEqualTo("ok");
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/startupz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz?verbose").body()).contains("[+]user-store ok");
    app.engine().tick();
    String slo = get("/slo").body();
    assertThat(slo)
        .contains("\"name\":\"user-auth-availability\"")
        .contains("\"objective\":0.999")
        .contains("\"thresholdSeconds\":0.5");
  }

  @Test
  void drainFailsReadinessWhileLivenessStaysUp() throws Exception {
    awaitReady();
    app.health().beginDrain();
    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/livez").statusCode()).isEqualTo(200);
    assertThat(post("/login", "{\"username\":\"bob\",\"password\":\"builder\"}").statusCode())
        .isEqualTo(200);
  }
}
