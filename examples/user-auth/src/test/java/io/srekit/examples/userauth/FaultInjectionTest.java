package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private HttpResponse<String> call(
      UserAuthApplication app, String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void faultsAreOnlyReachableWhenEnabledAndTurnLoginsIntoErrorsUntilCleared() throws Exception {
    String alice = "{\"username\":\"alice\",\"password\":\"wonderland\"}";
    try (UserAuthApplication plain = UserAuthApplication.start(0, 1_000)) {
      assertThat(call(plain, "POST", "/admin/faults?errorRate=1", "").statusCode()).isEqualTo(404);
    }
    try (UserAuthApplication app =
        UserAuthApplication.startWithFaults(0, 1_000, Duration.ofSeconds(1))) {
      assertThat(call(app, "POST", "/admin/faults?errorRate=1", "").body())
          .contains("\"errorRate\":1.0");
      for (int i = 0; i < 5; i++) {
        assertThat(call(app, "POST", "/login", alice).statusCode()).isEqualTo(500);
      }
      assertThat(call(app, "POST", "/admin/faults?fraction=2", "").statusCode()).isEqualTo(400);
      assertThat(call(app, "DELETE", "/admin/faults", "").statusCode()).isEqualTo(200);
      assertThat(call(app, "POST", "/login", alice).statusCode()).isEqualTo(200);
      assertThat(call(app, "PUT", "/admin/faults", "").statusCode()).isEqualTo(405);
      app.engine().tick();
      assertThat(app.engine().status("user-auth-availability").windows().get("5m").badEvents())
          .isEqualTo(5);
    }
  }

  @Test
  void badFaultParametersAreNamed() {
    assertThatThrownBy(() -> Faults.parse("fraction=1.5"))
        .hasMessage("fraction: must be in [0.0, 1.0], was 1.5");
    assertThatThrownBy(() -> Faults.parse("dependency=maybe")).hasMessageContaining("'maybe'");
    assertThatThrownBy(() -> Faults.parse("latency=5")).hasMessageContaining("'latency'");
    assertThat(Faults.parse("latencyMs=700&fraction=0.5"))
        .isEqualTo(new Faults(700, 0.5, 0, Faults.Dependency.UP));
  }
}
