package io.srekit.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.sli.SliSnapshot;
import io.srekit.testing.PrometheusText;
import io.srekit.testing.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Writers at full speed against a scraper that checks the invariants of every scrape. */
class ConcurrentScrapeTest {

  private static final int WRITERS = 4;
  private static final int RECORDS_PER_WRITER = 500_000;

  @Test
  void everyScrapeIsConsistentAndTotalsAreExactAfterTheRace() throws Exception {
    LatencySli sli =
        LatencySli.builder("race").labelNames("route").latencyThreshold(0.3).stripes(2).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    SliSeries[] series = {sli.series("/a"), sli.series("/b")};

    CountDownLatch start = new CountDownLatch(1);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
    List<Future<long[]>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int seed = w;
      writers.add(
          pool.submit(
              () -> {
                SplittableRandom random = new SplittableRandom(seed);
                long[] expected = new long[Outcome.count()];
                start.await();
                for (int i = 0; i < RECORDS_PER_WRITER; i++) {
                  Outcome o = Outcome.ofLabel(i % 10 == 0 ? "error" : "success");
                  series[i & 1].record(random.nextLong(0, 3_000_000_000L), o);
                  expected[o.ordinal()]++;
                }
                return expected;
              }));
    }
    Future<Integer> scraper =
        pool.submit(
            () -> {
              start.await();
              Map<String, Double> previous = new HashMap<>();
              int scrapes = 0;
              while (writing.get() || scrapes < 3) {
                checkScrape(registry.scrape(), previous);
                scrapes++;
              }
              return scrapes;
            });

    start.countDown();
    long[] expected = new long[Outcome.count()];
    for (Future<long[]> f : writers) {
      long[] e = f.get(120, TimeUnit.SECONDS);
      for (int i = 0; i < e.length; i++) {
        expected[i] += e[i];
      }
    }
    writing.set(false);
    int scrapes = scraper.get(60, TimeUnit.SECONDS);
    pool.shutdown();

    assertThat(scrapes).isGreaterThanOrEqualTo(3);
    SliSnapshot snap = sli.snapshot();
    for (Outcome o : Outcome.values()) {
      HistogramCounts total = snap.total(o);
      assertThat(total.count()).as("total %s", o).isEqualTo(expected[o.ordinal()]);
    }
    assertThat(snap.total(Outcome.SUCCESS).count() + snap.total(Outcome.ERROR).count())
        .isEqualTo((long) WRITERS * RECORDS_PER_WRITER);
  }

  /** Buckets cumulative, _count == +Inf, nothing decreases since the previous scrape. */
  private static void checkScrape(String text, Map<String, Double> previous) {
    Map<String, List<Sample>> buckets = new HashMap<>();
    Map<String, Double> counts = new HashMap<>();
    for (Sample s : PrometheusText.parse(text)) {
      if (!s.name().startsWith("race_duration_seconds")) {
        continue;
      }
      String key = s.label("route") + "/" + s.label("outcome");
      String id = s.name() + "{" + key + "," + s.label("le") + "}";
      Double before = previous.put(id, s.value());
      if (before != null) {
        assertThat(s.value()).as("%s went backwards", id).isGreaterThanOrEqualTo(before);
      }
      if (s.name().endsWith("_bucket")) {
        buckets.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
      } else if (s.name().endsWith("_count")) {
        counts.put(key, s.value());
      }
    }
    assertThat(buckets).hasSize(2 * Outcome.count());
    for (Map.Entry<String, List<Sample>> e : buckets.entrySet()) {
      List<Sample> b = e.getValue();
      for (int i = 1; i < b.size(); i++) {
        assertThat(b.get(i).value()).isGreaterThanOrEqualTo(b.get(i - 1).value());
      }
      Sample inf = b.get(b.size() - 1);
      assertThat(inf.label("le")).isEqualTo("+Inf");
      assertThat(counts.get(e.getKey())).as("_count of %s", e.getKey()).isEqualTo(inf.value());
    }
  }
}
