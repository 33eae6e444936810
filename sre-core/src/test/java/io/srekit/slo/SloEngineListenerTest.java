package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Listeners run on the engine's own tick thread, and a throwing one harms nobody. */
class SloEngineListenerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  /** A fake clock the test thread moves and the engine's thread reads. */
  private static final class SharedClock implements Clock {
    private final AtomicLong millis = new AtomicLong(1_000);

    @Override
    public long wallTime() {
      return millis.get();
    }

    @Override
    public long monotonicTime() {
      return millis.get() * 1_000_000L;
    }

    void add(Duration d) {
      millis.addAndGet(d.toMillis());
    }
  }

  private record Delivery(String thread, SloEvent event) {}

  @Test
  void listenersRunOnTheTickThreadAndAThrowingOneBreaksNeitherTheOthersNorTheEngine() {
    SharedClock clock = new SharedClock();
    LatencySli sli =
        LatencySli.builder("threads").latencyThreshold(0.5).quantiles(false).clock(clock).build();
    SliSeries series = sli.series();
    AtomicInteger thrown = new AtomicInteger();
    List<Delivery> delivered = new CopyOnWriteArrayList<>();
    try (SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .tick(Duration.ofSeconds(1))
            .slo(Slo.availability("threads", sli).objective("0.999").build())
            .listener(
                e -> {
                  thrown.incrementAndGet();
                  throw new IllegalStateException("listener bug");
                })
            .listener(
                e -> {
                  thrown.incrementAndGet();
                  throw new AssertionError("listener assertion");
                })
            .listener(e -> delivered.add(new Delivery(Thread.currentThread().getName(), e)))
            .build()) {
      engine.start();
      // The request thread (this one) records and moves time; the engine's thread ticks.
      for (int i = 0; i < 100; i++) {
        series.record(10_000_000L, Outcome.SUCCESS);
      }
      clock.add(Duration.ofMinutes(6));
      Await.until("the 5m window's coverage event", WAIT, () -> covered(delivered, "5m"));
      clock.add(Duration.ofMinutes(25));
      Await.until("the 30m window's coverage event", WAIT, () -> covered(delivered, "30m"));

      assertThat(delivered)
          .isNotEmpty()
          .allSatisfy(
              d ->
                  assertThat(d.thread())
                      .isEqualTo("srekit-slo-engine")
                      .isNotEqualTo(Thread.currentThread().getName()));
      // Both throwing listeners saw every event too, and threw each time.
      assertThat(thrown.get()).isEqualTo(2 * delivered.size());
      assertThat(engine.status("threads").windows().get("30m").validEvents()).isEqualTo(100);
    }
  }

  private static boolean covered(List<Delivery> delivered, String window) {
    return delivered.stream()
        .anyMatch(
            d -> d.event() instanceof SloEvent.CoverageReached c && c.window().equals(window));
  }
}
