package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Recording from virtual threads (Java 21+; CI runs this class on Java 25 as well): stripes are
 * picked by thread id, and the counts stay exact however many threads there are.
 */
class VirtualThreadsTest {

  @Test
  void tenThousandVirtualThreadsRecordExactTotals() throws Exception {
    Assumptions.assumeTrue(
        Runtime.version().feature() >= 21,
        "virtual threads need Java 21+, this is " + Runtime.version());
    LatencySli sli = LatencySli.builder("vthreads").build();
    SliSeries series = sli.series();
    ExecutorService executor =
        (ExecutorService)
            java.util.concurrent.Executors.class
                .getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
    List<Future<?>> futures = new ArrayList<>();
    try {
      for (int t = 0; t < 10_000; t++) {
        futures.add(
            executor.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    series.record(
                        1_000_000L * (i % 50), i % 7 == 0 ? Outcome.ERROR : Outcome.SUCCESS);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      executor.shutdown();
    }
    SliSnapshot snap = sli.snapshot();
    long errors = 10_000L * (100 / 7 + 1);
    assertThat(snap.total(Outcome.ERROR).count()).isEqualTo(errors);
    assertThat(snap.total(Outcome.SUCCESS).count()).isEqualTo(1_000_000L - errors);
    assertThat(sli.quantiles(java.time.Duration.ofMinutes(1)).count()).isEqualTo(1_000_000L);
  }
}
