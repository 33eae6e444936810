package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * 8 threads probe {@code /readyz?verbose} and {@code /readyz} as {@code application/health+json}
 * over HTTP while three checks flip between pass and fail every few milliseconds. Every response
 * (status and body) must be exactly the rendering of some snapshot the monitor published: never a
 * mix of two snapshots, never a status that disagrees with its body.
 */
class ConcurrentProbeTest {

  @Test
  void everyResponseUnderConcurrentFlipsIsTheRenderingOfSomePublishedSnapshot() throws Exception {
    int checks = 3;
    AtomicBoolean[] healthy = new AtomicBoolean[checks];
    Set<String> published = ConcurrentHashMap.newKeySet();
    var b =
        HealthMonitor.builder()
            .heartbeatInterval(Duration.ofMillis(50))
            .heartbeatTimeout(Duration.ofMinutes(1));
    for (int i = 0; i < checks; i++) {
      AtomicBoolean h = new AtomicBoolean(true);
      healthy[i] = h;
      b.check(
          CheckSpec.builder("c" + i, () -> h.get() ? CheckResult.pass() : CheckResult.fail("down"))
              .interval(Duration.ofMillis(5))
              .timeout(Duration.ofMillis(4))
              .failureThreshold(1)
              .staleAfter(Duration.ofHours(1))
              .build());
    }
    HealthMonitor m = b.build();
    m.onSnapshot(snapshot -> published.addAll(render(snapshot)));
    published.addAll(render(m.snapshot()));
    HttpRouter router =
        HttpRouter.builder().endpoints(ProbeEndpoints.builder(m).build().endpoints()).build();
    int threads = 8;
    int perThread = 150;
    List<String> responses = new ArrayList<>();
    AtomicInteger failures = new AtomicInteger();
    try (ProbeServer s = new ProbeServer(m, router)) {
      m.start();
      AtomicBoolean stop = new AtomicBoolean();
      Thread flipper =
          new Thread(
              () -> {
                while (!stop.get()) {
                  healthy[ThreadLocalRandom.current().nextInt(checks)].set(
                      ThreadLocalRandom.current().nextBoolean());
                  java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
                }
              });
      flipper.start();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> probers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread p =
            new Thread(
                () -> {
                  try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                      boolean json = i % 2 == 1;
                      var r =
                          json
                              ? s.get("/readyz", "Accept", "application/health+json")
                              : s.get("/readyz?verbose");
                      synchronized (responses) {
                        responses.add((json ? "J" : "V") + r.statusCode() + "\n" + r.body());
                      }
                    }
                  } catch (Throwable e) {
                    failures.incrementAndGet();
                  }
                });
        probers.add(p);
        p.start();
      }
      start.countDown();
      for (Thread p : probers) {
        p.join(TimeUnit.SECONDS.toMillis(60));
      }
      stop.set(true);
      flipper.join(10_000);
    }
    assertThat(failures.get()).isZero();
    assertThat(responses).hasSize(threads * perThread);
    for (String r : responses) {
      assertThat(published).as("a published snapshot rendering").contains(r);
      boolean ok = r.substring(1).startsWith("200\n");
      if (r.startsWith("V")) {
        assertThat(r.contains("[-]")).isEqualTo(!ok);
        assertThat(r.endsWith(ok ? "readyz check passed\n" : "readyz check failed\n")).isTrue();
      } else {
        assertThat(r).contains(ok ? "{\"status\":\"pass\"" : "{\"status\":\"fail\"");
      }
    }
    assertThat(responses.stream().map(r -> r.substring(0, 4)).distinct())
        .as("both answers in both formats were seen while checks flipped")
        .contains("V200", "V503", "J200", "J503");
  }

  private static List<String> render(HealthSnapshot s) {
    HttpResponse v = ProbeRenderer.verbose(s.readiness(), Set.of(), false);
    HttpResponse j = ProbeRenderer.json(s.readiness(), Set.of(), false);
    return List.of("V" + v.status() + "\n" + v.bodyText(), "J" + j.status() + "\n" + j.bodyText());
  }
}
