package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.health.CheckKind;
import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthMonitorBuilder;
import io.srekit.health.HealthStatus;
import io.srekit.testing.Await;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The issue's proofs over real HTTP: the JDK server on 127.0.0.1 and java.net.http. */
class ProbeEndpointsHttpTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOKEN = "s3cret-operator-token";

  private static CheckSpec.Builder fast(String name, io.srekit.health.HealthCheck check) {
    return CheckSpec.builder(name, check)
        .interval(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(20))
        .staleAfter(Duration.ofMinutes(10));
  }

  private static HttpRouter router(HealthMonitor m, ProbeEndpoints.Builder probes) {
    return HttpRouter.builder().endpoints(probes.build().endpoints()).build();
  }

  /**
   * A check that hangs forever: every probe still answers from the snapshot. The bound is the
   * issue's 50 ms; a probe that waited for the check would never answer (the check never returns),
   * while answering from the snapshot takes about a millisecond here, so the margin is wide even on
   * a loaded 2-core machine. We warm the connection and JIT up first and assert on the max of 200
   * probes spread over the whole transition.
   */
  @Test
  void hangingCheckNeverDelaysProbesAndFailsReadinessAfterTheDampingThreshold() throws Exception {
    AtomicBoolean hang = new AtomicBoolean();
    CountDownLatch never = new CountDownLatch(1);
    List<Integer> failuresWhenReadinessFailed = new ArrayList<>();
    HealthMonitor m =
        HealthMonitor.builder()
            .check(
                fast(
                        "db",
                        () -> {
                          if (hang.get()) {
                            never.await();
                          }
                          return CheckResult.pass();
                        })
                    .kind(CheckKind.DEPENDENCY)
                    .build())
            .listener(
                t -> {
                  if ("readyz".equals(t.name()) && t.to() == HealthStatus.FAIL) {
                    failuresWhenReadinessFailed.add(t.snapshot().check("db").consecutiveFailures());
                  }
                })
            .build();
    try (ProbeServer s = new ProbeServer(m, router(m, ProbeEndpoints.builder(m)))) {
      m.start();
      Await.until("ready", WAIT, () -> s.get("/readyz").statusCode() == 200);
      for (int i = 0; i < 50; i++) {
        s.get("/readyz");
        s.get("/livez");
      }
      hang.set(true);
      long maxNanos = 0;
      boolean sawNotReady = false;
      for (int i = 0; i < 200 || !sawNotReady; i++) {
        assertThat(i).as("probes before readiness failed").isLessThan(5_000);
        long t0 = System.nanoTime();
        var ready = s.get("/readyz");
        long t1 = System.nanoTime();
        var live = s.get("/livez");
        long t2 = System.nanoTime();
        maxNanos = Math.max(maxNanos, Math.max(t1 - t0, t2 - t1));
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(ready.statusCode()).isIn(200, 503);
        sawNotReady |= ready.statusCode() == 503;
      }
      assertThat(TimeUnit.NANOSECONDS.toMillis(maxNanos)).as("slowest probe, ms").isLessThan(50);
      assertThat(failuresWhenReadinessFailed).containsExactly(2);
      var verbose = s.get("/readyz?verbose");
      assertThat(verbose.statusCode()).isEqualTo(503);
      assertThat(verbose.body())
          .containsPattern("\\[-\\]db failed: timed out after 20ms \\(id [0-9a-f]{8}\\)\n");
      assertThat(verbose.body()).endsWith("readyz check failed\n");
      assertThat(s.get("/readyz").body()).isEqualTo("readyz check failed");
      assertThat(s.get("/livez").body()).isEqualTo("ok");
    }
  }

  @Test
  void throwingCheckReasonIsWithheldUnlessAuthorizedAndTheLogHasTheSameId() throws Exception {
    List<String> logged = new ArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (logged) {
              logged.add(
                  java.text.MessageFormat.format(
                      r.getMessage(),
                      r.getParameters() == null ? new Object[0] : r.getParameters()));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger.getLogger("io.srekit.health").addHandler(capture);
    HealthMonitor m =
        HealthMonitor.builder()
            .check(
                fast(
                        "db",
                        () -> {
                          throw new IllegalStateException("password=hunter2 at db.internal:5432");
                        })
                    .build())
            .build();
    try (ProbeServer s =
        new ProbeServer(
            m,
            router(
                m, ProbeEndpoints.builder(m).authorizer(DetailsAuthorizer.bearerToken(TOKEN))))) {
      m.start();
      var verbose =
          Await.value(
              "db failing",
              WAIT,
              () -> s.get("/readyz?verbose"),
              r -> r.body().contains("[-]db failed: reason"));
      assertThat(verbose.statusCode()).isEqualTo(503);
      assertThat(verbose.body())
          .containsPattern("\\[-\\]db failed: reason withheld \\(id ([0-9a-f]{8})\\)\n")
          .doesNotContain("hunter2", "IllegalState", "db.internal");
      String id = verbose.body().replaceAll("(?s).*\\(id ([0-9a-f]{8})\\).*", "$1");
      var json = s.get("/readyz", "Accept", "application/health+json");
      assertThat(json.statusCode()).isEqualTo(503);
      assertThat(json.headers().firstValue("Content-Type")).hasValue("application/health+json");
      assertThat(json.body())
          .startsWith("{\"status\":\"fail\",\"description\":\"readyz\",\"checks\":{")
          .contains("\"db\":[{\"componentType\":\"component\",\"status\":\"fail\",\"time\":\"")
          .contains("\"output\":\"reason withheld (id " + id + ")\"")
          .doesNotContain("hunter2");
      assertThat(s.get("/readyz/db").body())
          .isEqualTo("db failed: reason withheld (id " + id + ")");
      assertThat(s.get("/readyz?verbose", "Authorization", "Bearer wrong-token-0000000").body())
          .doesNotContain("hunter2");

      var authorized = s.get("/readyz?verbose", "Authorization", "Bearer " + TOKEN);
      assertThat(authorized.body())
          .contains(
              "[-]db failed: java.lang.IllegalStateException: password=hunter2 at db.internal:5432"
                  + " (id "
                  + id
                  + ")\n");
      assertThat(
              s.get(
                      "/readyz",
                      "Accept",
                      "application/health+json",
                      "Authorization",
                      "Bearer " + TOKEN)
                  .body())
          .contains("hunter2")
          .contains("\"observedUnit\":\"ms\"");
      synchronized (logged) {
        assertThat(logged).anyMatch(l -> l.contains("'db'") && l.contains("[id " + id + "]"));
      }
    } finally {
      Logger.getLogger("io.srekit.health").removeHandler(capture);
    }
  }

  @Test
  void startupGatesHoldReadinessAndStartupUntilReleased() throws Exception {
    HealthMonitor m =
        HealthMonitor.builder()
            .check(fast("db", CheckResult::pass).build())
            .startupGates("migrations")
            .build();
    try (ProbeServer s = new ProbeServer(m, router(m, ProbeEndpoints.builder(m)))) {
      m.start();
      Await.until(
          "db has a result", WAIT, () -> m.snapshot().check("db").status() == HealthStatus.PASS);
      var ready = s.get("/readyz?verbose");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body())
          .startsWith("[-]startup failed: startup not complete\n[+]shutdown ok\n");
      assertThat(s.get("/startupz?verbose").body())
          .isEqualTo("[-]migrations failed: gate not released\n[+]db ok\nstartupz check failed\n");
      assertThat(s.get("/startupz").statusCode()).isEqualTo(503);
      assertThat(s.get("/readyz?exclude=startup").statusCode()).isEqualTo(503);
      assertThat(s.get("/startupz?exclude=migrations").statusCode()).isEqualTo(503);
      assertThat(s.get("/livez").statusCode()).isEqualTo(200);
      m.releaseGate("migrations");
      assertThat(s.get("/readyz").statusCode()).isEqualTo(200);
      assertThat(s.get("/startupz").statusCode()).isEqualTo(200);
      assertThat(s.get("/readyz").body()).isEqualTo("ok");
    }
  }

  @Test
  void drainFailsReadinessWhileARequestInFlightCompletesAndLivenessStaysUp() throws Exception {
    HealthMonitor m =
        HealthMonitor.builder()
            .check(fast("db", CheckResult::pass).build())
            .drainDelay(Duration.ofMillis(500))
            .build();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpEndpoint slow =
        request -> {
          entered.countDown();
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return HttpResponse.text(200, "slow done");
        };
    HttpRouter router =
        HttpRouter.builder()
            .endpoints(ProbeEndpoints.builder(m).drainSecret(TOKEN).build().endpoints())
            .endpoint("/slow", slow)
            .build();
    try (ProbeServer s = new ProbeServer(m, router)) {
      m.start();
      Await.until("ready", WAIT, () -> s.get("/readyz").statusCode() == 200);
      assertThat(s.get("/drainz").statusCode()).isEqualTo(401);
      assertThat(s.get("/drainz", "Authorization", "Bearer not-the-token-000").statusCode())
          .isEqualTo(401);
      assertThat(s.get("/readyz").statusCode()).isEqualTo(200);

      CompletableFuture<java.net.http.HttpResponse<String>> inFlight = s.sendAsync("GET", "/slow");
      assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
      long drainSent = System.nanoTime();
      CompletableFuture<java.net.http.HttpResponse<String>> drain =
          s.sendAsync("POST", "/drainz", "Authorization", "Bearer " + TOKEN);
      CompletableFuture<Long> drainAnswered = drain.thenApply(r -> System.nanoTime());
      Await.until("readiness fails", WAIT, () -> s.get("/readyz").statusCode() == 503);
      assertThat(s.get("/readyz?verbose").body()).contains("[-]shutdown failed: draining\n");
      // no query makes a draining instance look ready: srekit's own entries cannot be excluded
      var excludingShutdown = s.get("/readyz?verbose&exclude=shutdown&exclude=db");
      assertThat(excludingShutdown.statusCode()).isEqualTo(503);
      assertThat(excludingShutdown.body())
          .contains("[-]shutdown failed: draining\n", "[+]db excluded: ok\n");
      assertThat(s.get("/livez").statusCode()).isEqualTo(200);
      assertThat(inFlight).isNotDone();
      release.countDown();
      var slowResponse = inFlight.get(20, TimeUnit.SECONDS);
      assertThat(slowResponse.statusCode()).isEqualTo(200);
      assertThat(slowResponse.body()).isEqualTo("slow done");
      var drained = drain.get(20, TimeUnit.SECONDS);
      assertThat(drained.statusCode()).isEqualTo(200);
      assertThat(TimeUnit.NANOSECONDS.toMillis(drainAnswered.get() - drainSent))
          .as("/drainz answers after the drain delay, ms")
          .isGreaterThanOrEqualTo(500);
      assertThat(drained.body()).isEqualTo("drained");
      assertThat(s.get("/readyz").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void drainEndpointExistsOnlyWithASecret() throws Exception {
    HealthMonitor m = HealthMonitor.builder().build();
    try (ProbeServer s = new ProbeServer(m, router(m, ProbeEndpoints.builder(m)))) {
      assertThat(s.get("/drainz").statusCode()).isEqualTo(404);
      assertThat(s.send("POST", "/drainz").statusCode()).isEqualTo(404);
      assertThat(m.snapshot().draining()).isFalse();
    }
  }

  @Test
  void protocolDetailsFollowTheIssue() throws Exception {
    HealthMonitor m =
        HealthMonitor.builder()
            .check(fast("db", CheckResult::pass).build())
            .check(fast("cache", () -> CheckResult.fail("cold")).failureThreshold(1).build())
            .build();
    try (ProbeServer s =
        new ProbeServer(
            m, router(m, ProbeEndpoints.builder(m).healthz(ProbeEndpoints.Healthz.AGGREGATE)))) {
      m.start();
      Await.until(
          "both checks reported",
          WAIT,
          () ->
              m.snapshot().startupComplete()
                  && m.snapshot().check("cache").consecutiveFailures() > 0);
      var ready = s.get("/readyz");
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(ready.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(ready.headers().firstValue("Content-Type")).hasValue("text/plain; charset=utf-8");

      var excluded = s.get("/readyz?verbose&exclude=cache&exclude=nope");
      assertThat(excluded.statusCode()).isEqualTo(200);
      assertThat(excluded.body())
          .contains("[+]db ok\n", "[+]cache excluded: failed: reason withheld (id ")
          .endsWith("readyz check passed\n");
      assertThat(s.get("/readyz/db").statusCode()).isEqualTo(200);
      assertThat(s.get("/readyz/cache").statusCode()).isEqualTo(503);
      assertThat(s.get("/healthz").statusCode()).isEqualTo(503);
      assertThat(s.get("/livez").statusCode()).isEqualTo(200);

      var head = s.send("HEAD", "/livez");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      var post = s.send("POST", "/readyz");
      assertThat(post.statusCode()).isEqualTo(405);
      assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(s.get("/readyz/").statusCode()).isEqualTo(404);
      assertThat(s.get("/readyzx").statusCode()).isEqualTo(404);
      assertThat(s.get("/livez/../readyz").statusCode()).isEqualTo(404);
      assertThat(s.get("/readyz?anything=1").statusCode()).isEqualTo(503);
      assertThat(s.get("/readyz?verbose").body().length()).isLessThan(10 * 1024);
    }
  }

  /**
   * The worst case a caller without details can ask for: the most checks a monitor takes, names of
   * the longest allowed length, every check hung and showing srekit's longest reason ({@code still
   * running: the last run timed out after 20ms and has not returned (id …)}), in every format.
   * Every body stays under 10 KiB, the most the kubelet reads.
   */
  @Test
  void everyProbeBodyStaysUnderTenKibibytesInTheWorstCase() throws Exception {
    HealthMonitorBuilder b = HealthMonitor.builder();
    String pad = "x".repeat(60);
    CountDownLatch release = new CountDownLatch(1);
    for (int i = 0; i < HealthMonitorBuilder.MAX_ENTRIES; i++) {
      b.check(
          fast(
                  String.format("c%02d", i) + pad,
                  () -> {
                    while (release.getCount() > 0) {
                      try {
                        release.await();
                      } catch (InterruptedException ignored) {
                        // hangs on, ignoring the deadline's interrupt
                      }
                    }
                    return CheckResult.pass();
                  })
              .kind(CheckKind.DEPENDENCY)
              .failureThreshold(1)
              .build());
    }
    HealthMonitor m = b.build();
    try (ProbeServer s = new ProbeServer(m, router(m, ProbeEndpoints.builder(m)))) {
      m.start();
      Await.until(
          "every check shows the longest reason",
          WAIT,
          () ->
              m.snapshot().checks().stream()
                  .allMatch(c -> c.summary() != null && c.summary().startsWith("still running")));
      int largest = 0;
      for (String probe : List.of("/livez", "/readyz", "/startupz", "/healthz")) {
        for (String q : List.of("", "?verbose")) {
          var r = s.get(probe + q);
          assertThat(r.statusCode()).isIn(200, 503);
          largest = Math.max(largest, r.body().getBytes(StandardCharsets.UTF_8).length);
        }
        var json = s.get(probe, "Accept", "application/health+json");
        assertThat(json.body()).startsWith("{\"status\":");
        largest = Math.max(largest, json.body().getBytes(StandardCharsets.UTF_8).length);
      }
      var readyJson = s.get("/readyz", "Accept", "application/health+json").body();
      assertThat(readyJson)
          .contains("\"c31" + pad + "\"")
          .contains("still running: the last run timed out after 20ms and has not returned (id ");
      assertThat(largest).as("largest probe body, bytes").isLessThan(10 * 1024);
    } finally {
      release.countDown();
    }
  }

  /**
   * The JDK server with {@code sun.net.httpserver.nodelay}: requests on one kept-alive connection
   * do not stall. Without it, Nagle's algorithm and the client's delayed ACK hold every response
   * about 40 ms here, so the median of 41 probes would be ≥ 40 ms; with it, well under a
   * millisecond.
   */
  @Test
  void keptAliveProbesDoNotStallOnTheJdkServer() throws Exception {
    assertThat(System.getProperty(ManagementServer.NODELAY_PROPERTY)).isEqualTo("true");
    HealthMonitor m = HealthMonitor.builder().build();
    try (ProbeServer s = new ProbeServer(m, router(m, ProbeEndpoints.builder(m)))) {
      m.start();
      for (int i = 0; i < 20; i++) {
        s.get("/livez"); // warm the connection and the JIT
      }
      long[] nanos = new long[41];
      for (int i = 0; i < nanos.length; i++) {
        long t0 = System.nanoTime();
        assertThat(s.get("/livez").statusCode()).isEqualTo(200);
        nanos[i] = System.nanoTime() - t0;
      }
      java.util.Arrays.sort(nanos);
      assertThat(TimeUnit.NANOSECONDS.toMillis(nanos[20])).as("median probe, ms").isLessThan(10);
    }
  }
}
