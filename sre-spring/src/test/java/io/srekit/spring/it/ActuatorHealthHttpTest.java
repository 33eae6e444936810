package io.srekit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.health.CheckSnapshot;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthStatus;
import io.srekit.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator's {@code /actuator/health} over real HTTP with two existing {@code HealthIndicator}
 * beans opted in as srekit background checks: {@code steadyDb} (up) and {@code hangingDb}, which
 * blocks for a minute and ignores interruption (like a read on a dead socket).
 */
@SpringBootTest(
    classes = {TestApp.class, ActuatorHealthHttpTest.Indicators.class},
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "management.endpoints.web.exposure.include=health",
      "management.endpoint.health.show-details=always",
      "sre.slis.user_auth_request.buckets=0.1,1",
      "sre.slis.search_request.max-series=50",
      // one run each (at startup) while the test runs, so the counts below are exact
      "sre.probes.indicators.steadyDb.interval=1h",
      "sre.probes.indicators.hangingDb.interval=1h",
      "sre.probes.indicators.hangingDb.timeout=200ms"
    })
class ActuatorHealthHttpTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  /** Far below the indicator's one-minute hang, far above a normal answer. */
  static final Duration QUICK = Duration.ofSeconds(5);

  static final Map<String, Object> BACKGROUND = Map.of("source", "srekit background check");

  @LocalServerPort int port;
  @Autowired HealthMonitor monitor;

  Http http;

  /**
   * Lite configuration (no {@code @Configuration}), so {@link TestApp}'s component scan never picks
   * it up in the other tests; registered here through {@code classes}.
   */
  static class Indicators {
    static final Hanging HANGING = new Hanging();

    @Bean
    HealthIndicator steadyDb() {
      return () -> Health.up().withDetail("connections", 3).build();
    }

    @Bean
    HealthIndicator hangingDb() {
      return HANGING;
    }
  }

  /** Blocks for a minute (or until released), ignoring interruption; records who called it. */
  static final class Hanging implements HealthIndicator {
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger calls = new AtomicInteger();
    final AtomicInteger inProgress = new AtomicInteger();
    final Set<String> threads = ConcurrentHashMap.newKeySet();

    @Override
    public Health health() {
      calls.incrementAndGet();
      inProgress.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      boolean interrupted = false;
      try {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long left;
        while (release.getCount() > 0 && (left = deadline - System.nanoTime()) > 0) {
          try {
            release.await(left, TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        return Health.down().build();
      } finally {
        inProgress.decrementAndGet();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @BeforeEach
  void client() {
    http = new Http(port);
    Await.until(
        "hangingDb running in the background", WAIT, () -> Indicators.HANGING.calls.get() > 0);
    Await.until(
        "both checks have a result",
        WAIT,
        () -> {
          CheckSnapshot h = monitor.snapshot().check("hangingDb");
          CheckSnapshot s = monitor.snapshot().check("steadyDb");
          return h != null && h.lastResultMillis() > 0 && s != null && s.lastResultMillis() > 0;
        });
    Await.until("startup complete", WAIT, () -> monitor.snapshot().startupComplete());
  }

  @AfterAll
  static void release() {
    Indicators.HANGING.release.countDown();
  }

  @Test
  void showsOurChecksInActuatorHealthWithTheirStatuses() throws Exception {
    HttpResponse<String> r = http.get("/actuator/health");

    assertThat(r.statusCode()).isEqualTo(503);
    Map<String, Object> health = json(r.body());
    assertThat(health).containsEntry("status", "DOWN");
    assertThat(component(health, "srekit"))
        .isEqualTo(
            Map.of(
                "status",
                "OUT_OF_SERVICE",
                "details",
                Map.of(
                    "startupComplete",
                    true,
                    "draining",
                    false,
                    "steadyDb",
                    "pass",
                    "hangingDb",
                    "fail")));
    // the opted-in indicators answer from srekit's result, not from running them
    assertThat(component(health, "steadyDb"))
        .isEqualTo(Map.of("status", "UP", "details", BACKGROUND));
    assertThat(component(health, "hangingDb"))
        .isEqualTo(Map.of("status", "DOWN", "details", BACKGROUND));
  }

  @Test
  void answersActuatorHealthAndReadyzQuicklyWhileAnOptedInIndicatorHangs() throws Exception {
    Hanging hanging = Indicators.HANGING;
    assertThat(hanging.inProgress.get()).isEqualTo(1);

    long t0 = System.nanoTime();
    HttpResponse<String> health = http.get("/actuator/health");
    Duration healthTook = Duration.ofNanos(System.nanoTime() - t0);
    long t1 = System.nanoTime();
    HttpResponse<String> readyz = http.get("/readyz?verbose");
    Duration readyzTook = Duration.ofNanos(System.nanoTime() - t1);

    assertThat(healthTook).isLessThan(QUICK);
    assertThat(readyzTook).isLessThan(QUICK);
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(component(json(health.body()), "hangingDb")).containsEntry("status", "DOWN");
    assertThat(readyz.statusCode()).isEqualTo(503);
    assertThat(readyz.body())
        .contains("[+]steadyDb ok\n")
        .containsPattern("\\[-]hangingDb failed: timed out after 200ms \\(id [^)]+\\)\n")
        .endsWith("readyz check failed\n");
    assertThat(http.get("/livez").statusCode()).isEqualTo(200);
    // srekit's deadline decided the result: failed at exactly the 200 ms timeout
    CheckSnapshot c = monitor.snapshot().check("hangingDb");
    assertThat(c.status()).isEqualTo(HealthStatus.FAIL);
    assertThat(c.summary()).isEqualTo("timed out after 200ms");
    assertThat(c.lastDurationNanos()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    // still hanging, called once, and only ever on srekit's check threads (never inline)
    assertThat(hanging.inProgress.get()).isEqualTo(1);
    assertThat(hanging.calls.get()).isEqualTo(1);
    assertThat(hanging.threads).singleElement().asString().startsWith("srekit-health-check");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String body) {
    return JsonMapper.builder().build().readValue(body, Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> component(Map<String, Object> health, String name) {
    Map<String, Object> components = (Map<String, Object>) health.get("components");
    assertThat(components).containsKey(name);
    return (Map<String, Object>) components.get(name);
  }
}
