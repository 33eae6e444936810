package io.srekit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DrainCoordinatorTest {

  @Test
  void inFlightCountsPerNameAndInTotal() {
    InFlightRequests f = InFlightRequests.create();
    InFlightRequests.Counter a = f.counter("a");
    assertThat(f.counter("a")).isSameAs(a);
    a.enter();
    a.enter();
    f.counter("b").enter();
    a.exit();
    assertThat(f.total()).isEqualTo(2);
    assertThat(f.counts())
        .containsExactly(java.util.Map.entry("a", 1L), java.util.Map.entry("b", 1L));
  }

  @Test
  void drainReturnsAsSoonAsTheLastRequestEndsAndFailsReadinessFirst() throws Exception {
    HealthMonitor m = HealthMonitor.builder().drainDelay(Duration.ofSeconds(30)).build();
    InFlightRequests f = InFlightRequests.create();
    InFlightRequests.Counter c = f.counter("login");
    c.enter();
    DrainCoordinator d = DrainCoordinator.of(m, f);
    assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(30));
    CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(d::drain);
    io.srekit.testing.Await.until(
        "draining", Duration.ofSeconds(10), () -> m.snapshot().draining());
    assertThat(drained).isNotDone();
    long t0 = System.nanoTime();
    c.exit();
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
  }

  @Test
  void drainGivesUpAfterTheTimeoutWhenARequestNeverEnds() {
    HealthMonitor m = HealthMonitor.builder().build();
    InFlightRequests f = InFlightRequests.create();
    f.counter("stuck").enter();
    long t0 = System.nanoTime();
    assertThat(DrainCoordinator.of(m, f, Duration.ofMillis(200)).drain()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isBetween(200L, 10_000L);
    assertThat(m.snapshot().draining()).isTrue();
  }

  @Test
  void awaitIdleStopsWhenInterrupted() throws Exception {
    InFlightRequests f = InFlightRequests.create();
    f.counter("x").enter();
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Throwable> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              started.countDown();
              try {
                f.awaitIdle(Duration.ofMinutes(5));
                result.complete(null);
              } catch (InterruptedException e) {
                result.complete(e);
              }
            });
    t.start();
    started.await();
    t.interrupt();
    assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
  }

  @Test
  void badParametersAreNamed() {
    HealthMonitor m = HealthMonitor.builder().build();
    assertThatThrownBy(() -> DrainCoordinator.of(null, InFlightRequests.create()))
        .hasMessageStartingWith("monitor:");
    assertThatThrownBy(() -> DrainCoordinator.of(m, null)).hasMessageStartingWith("inFlight:");
    assertThatThrownBy(
            () -> DrainCoordinator.of(m, InFlightRequests.create(), Duration.ofSeconds(-1)))
        .hasMessageStartingWith("timeout:");
    assertThatThrownBy(() -> InFlightRequests.create().counter(null))
        .hasMessageStartingWith("name:");
  }
}
