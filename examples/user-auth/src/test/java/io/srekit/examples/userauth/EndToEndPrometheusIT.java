package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.Await;
import io.srekit.testing.PrometheusProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * user-auth end to end, as users run it: {@code target/user-auth.jar --faults} as a process, its
 * rules printed by {@code java -jar user-auth.jar rules} from the same configuration, a real
 * Prometheus (1 s scrape and evaluation) loading them and scraping the service while the test
 * drives logins; 100 % errors make the availability page fire in Prometheus and in {@code /slo};
 * clearing the fault resolves both once the short window has passed; Prometheus' counts equal the
 * requests sent. An additional config file gives the page pair 2 m / 1 m windows (factor 14.4, the
 * same math, the same property a user would set) so that the test takes about two minutes.
 */
class EndToEndPrometheusIT {

  private static final Duration DEADLINE = Duration.ofMinutes(3);
  private static final String ALICE = "{\"username\":\"alice\",\"password\":\"wonderland\"}";
  private static final String WRONG = "{\"username\":\"alice\",\"password\":\"nope\"}";

  private static final String SHORT_WINDOWS =
      """
      user-auth:
        pbkdf2-iterations: 1000
      sre:
        slo:
          tick: 1s
        slos:
          - name: user-auth-availability
            sli: user_auth_request
            objective: "0.999"
            alerts:
              - { severity: page, long-window: 2m, short-window: 1m, factor: "14.4" }
      """;

  private final AtomicLong sent = new AtomicLong();

  @Test
  void pageFiresInPrometheusAndInSloOnErrorsAndResolvesAfterTheShortWindow(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("short-windows.yml");
    Files.writeString(config, SHORT_WINDOWS);
    String location = "--spring.config.additional-location=file:" + config;
    UserAuthJar.Result rules = UserAuthJar.run(dir, "rules", location);
    assertThat(rules.exitCode()).as(rules.stderr()).isZero();
    assertThat(rules.stdout()).contains("slo:sli_error:ratio_rate2m").contains("> 0.0144");

    try (UserAuthJar app = UserAuthJar.start(dir, "--faults", location);
        PrometheusProcess prometheus =
            PrometheusProcess.start(dir, "127.0.0.1:" + app.port(), rules.stdout())) {
      String base = app.base();
      Await.eventually(
          DEADLINE,
          "two scrapes of the idle service",
          // the /login series exist at 0 from startup (sre-spring prepares annotated routes)
          () ->
              prometheus.query(
                  "count_over_time(user_auth_request_duration_seconds_count"
                      + "{outcome=\"success\",route=\"/login\"}[1m])"),
          v -> v >= 2);

      // A known mix: 150 good logins and 50 wrong passwords (a 401 is not an error).
      for (int i = 0; i < 200; i++) {
        assertThat(login(base, i % 4 == 0 ? WRONG : ALICE)).isIn(200, 401);
      }
      Await.eventually(
          DEADLINE,
          "Prometheus counts the 200 logins",
          () -> prometheus.query("sum(user_auth_request_duration_seconds_count{route=\"/login\"})"),
          v -> v == 200);

      AtomicBoolean driving = new AtomicBoolean(true);
      Thread traffic = new Thread(() -> drive(base, driving), "e2e-traffic");
      traffic.start();
      try {
        control(base, "POST", "/admin/faults?errorRate=1");
        Await.eventually(
            Duration.ofMinutes(2),
            "the availability page firing in Prometheus",
            () -> firingPage(prometheus),
            f -> f);
        Await.eventually(
            Duration.ofSeconds(30),
            "the same pair firing in /slo",
            () -> sloPageFiring(base),
            f -> f);

        control(base, "DELETE", "/admin/faults");
        Await.eventually(
            DEADLINE, "the page resolved in Prometheus", () -> firingPage(prometheus), f -> !f);
        Await.eventually(DEADLINE, "the page resolved in /slo", () -> sloPageFiring(base), f -> !f);
      } finally {
        driving.set(false);
        traffic.join(10_000);
      }
      long total = sent.get() + 200;
      Await.eventually(
          DEADLINE,
          "Prometheus counts every request sent (" + total + ")",
          () -> prometheus.query("sum(user_auth_request_duration_seconds_count{route=\"/login\"})"),
          v -> v == total);
      assertThat(prometheus.query("sloth_slo_info{sloth_slo=\"user-auth-availability\"}"))
          .isEqualTo(1.0);
    }
  }

  private static boolean firingPage(PrometheusProcess prometheus) {
    for (JsonNode a : prometheus.alerts()) {
      JsonNode labels = a.get("labels");
      if (a.get("state").asString().equals("firing")
          && labels.has("severity")
          && labels.get("severity").asString().equals("page")
          && labels.get("slo").asString().equals("user-auth-availability")) {
        return true;
      }
    }
    return false;
  }

  private static boolean sloPageFiring(String base) {
    try {
      JsonNode slo =
          JsonMapper.builder().build().readTree(get(base + "/slo?format=json")).get("slos").get(0);
      return slo.get("alerts").get(0).get("firing").asBoolean();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Logins at about 20 per second until told to stop; every answered request is counted. */
  private void drive(String base, AtomicBoolean driving) {
    while (driving.get()) {
      try {
        login(base, ALICE);
        sent.incrementAndGet();
      } catch (IOException e) {
        // not counted: the request may not have reached the service
      }
      LockSupport.parkNanos(50_000_000L);
    }
  }

  private static int login(String base, String body) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + "/login").toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    try (OutputStream o = c.getOutputStream()) {
      o.write(body.getBytes(StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  private static String get(String url) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    try (InputStream in = c.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void control(String base, String method, String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection();
    c.setRequestMethod(method);
    assertThat(c.getResponseCode()).isEqualTo(200);
    c.getInputStream().readAllBytes();
  }
}
