package io.srekit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.health.HealthMonitor;
import io.srekit.testing.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Availability bridged both ways, and the drain before the web server's graceful shutdown. */
class DrainAndAvailabilityTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  private ConfigurableApplicationContext ctx;

  private Http start(String... extra) {
    String[] props = {
      "server.port=0",
      "server.address=127.0.0.1",
      "server.shutdown=graceful",
      "sre.slis.user_auth_request.buckets=0.1,1",
      "sre.slis.search_request.max-series=50",
      "sre.probes.drain-secret=0123456789abcdef0123456789abcdef",
      "sre.probes.drain-delay=10s"
    };
    ctx = new SpringApplicationBuilder(TestApp.class).properties(props).properties(extra).run();
    int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
    return new Http(port);
  }

  @AfterEach
  void close() {
    TestApp.slowGate = new CountDownLatch(0);
    if (ctx != null) {
      ctx.close();
    }
  }

  @Test
  void ourDrainEndpointPublishesSpringsRefusingTraffic() throws Exception {
    // /drainz answers once the drain delay has passed (a preStop hook waits on it)
    Http http = start("sre.probes.drain-delay=1s");
    Await.until("ready", WAIT, () -> status(http, "/readyz") == 200);
    ApplicationAvailability availability = ctx.getBean(ApplicationAvailability.class);
    assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

    assertThat(http.post("/drainz", "wrong-secret-wrong-secret-wrong-1").statusCode())
        .isIn(401, 403);
    assertThat(status(http, "/readyz")).isEqualTo(200);
    assertThat(http.post("/drainz", "0123456789abcdef0123456789abcdef").statusCode())
        .isBetween(200, 299);

    assertThat(status(http, "/readyz")).isEqualTo(503);
    Await.until(
        "Spring readiness REFUSING_TRAFFIC",
        WAIT,
        () -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
    assertThat(status(http, "/livez")).isEqualTo(200);
  }

  @Test
  void springsBrokenLivenessFailsOurLivenessProbe() throws Exception {
    Http http = start();
    assertThat(status(http, "/livez")).isEqualTo(200);

    AvailabilityChangeEvent.publish(ctx, LivenessState.BROKEN);

    Await.until("/livez fails", WAIT, () -> status(http, "/livez") == 503);
  }

  /**
   * Shutdown without a preStop hook: readiness fails at once, the application keeps serving for the
   * drain delay (the endpoints' propagation time), then the web server shuts down.
   */
  @Test
  void shutdownKeepsServingForTheDrainDelayWithReadinessFailing() throws Exception {
    Http http = start("sre.probes.drain-delay=3s");
    Await.until("ready", WAIT, () -> status(http, "/readyz") == 200);
    HealthMonitor monitor = ctx.getBean(HealthMonitor.class);

    long closeStart = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(ctx::close);
    Await.until("draining", WAIT, () -> monitor.snapshot().draining());
    assertThat(status(http, "/readyz")).isEqualTo(503);
    assertThat(status(http, "/livez")).isEqualTo(200);
    var served = http.get("/users/7");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(closing).isNotDone();
    closing.get(20, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    ctx = null;
  }

  @Test
  void shutdownFailsReadinessAndLetsTheRequestInFlightFinishFirst() throws Exception {
    Http http = start("sre.probes.drain-delay=1s");
    Await.until("ready", WAIT, () -> status(http, "/readyz") == 200);
    HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
    TestApp.slowGate = new CountDownLatch(1);
    TestApp.slowStarted = new CountDownLatch(1);
    CompletableFuture<HttpResponse<String>> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return http.get("/slow");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    assertThat(TestApp.slowStarted.await(20, TimeUnit.SECONDS)).isTrue();

    long closeStart = System.nanoTime();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(ctx::close);

    Await.until("draining", WAIT, () -> monitor.snapshot().draining());
    assertThat(monitor.snapshot().readiness().status().name()).isNotEqualTo("PASS");
    assertThat(closing).isNotDone();
    TestApp.slowGate.countDown();

    assertThat(slow.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    closing.get(20, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - closeStart))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    ctx = null;
  }

  @Test
  void failsStartupWhenAnSliAnnotationNamesAnUnknownSli() {
    SpringApplicationBuilder app =
        new SpringApplicationBuilder(TestApp.class)
            .properties("server.port=0", "server.address=127.0.0.1")
            .properties("sre.slis.user_auth_request.buckets=0.1,1");

    assertThatThrownBy(app::run)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@Sli on")
        .hasMessageContaining("search_request")
        .hasMessageContaining("sre.slis.search_request");
  }

  private static int status(Http http, String path) {
    try {
      return http.get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
