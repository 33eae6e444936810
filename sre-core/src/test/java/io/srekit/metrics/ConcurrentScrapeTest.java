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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Writers at full speed against a scraper that checks the invariants of every scrape. */
class ConcurrentScrapeTest {

  private static final int WRITERS = 4;
  private static final int RECORDS_PER_WRITER = 500_000;

  /** Scrapes that must start and end while every writer is still recording. */
  private static final int MIN_SCRAPES_DURING_RACE = 20;

  @Test
  void everyScrapeIsConsistentAndTotalsAreExactAfterTheRace() throws Exception {
    LatencySli sli =
        LatencySli.builder("race").labelNames("route").latencyThreshold(0.3).stripes(2).build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    SliSeries[] series = {sli.series("/a"), sli.series("/b")};

    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger writersStarted = new AtomicInteger();
    AtomicInteger writersFinished = new AtomicInteger();
    AtomicInteger scrapesDuringRace = new AtomicInteger();
    // Writers record at least RECORDS_PER_WRITER each and keep going until the scraper has had
    // its scrapes during the race (bounded), so the race is proven, not hoped for.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
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
                writersStarted.incrementAndGet();
                try {
                  for (int i = 0;
                      i < RECORDS_PER_WRITER || raceUnproven(scrapesDuringRace, deadline);
                      i++) {
                    Outcome o = Outcome.ofLabel(i % 10 == 0 ? "error" : "success");
                    series[i & 1].record(random.nextLong(0, 3_000_000_000L), o);
                    expected[o.ordinal()]++;
                  }
                } finally {
                  writersFinished.incrementAndGet();
                }
                return expected;
              }));
    }
    Future<List<Double>> scraper =
        pool.submit(
            () -> {
              start.await();
              Map<String, Double> previous = new HashMap<>();
              List<Double> totalsSeenDuringRace = new ArrayList<>();
              while (writersFinished.get() < WRITERS && System.nanoTime() - deadline < 0) {
                boolean allWriting = writersStarted.get() == WRITERS;
                double total = checkScrape(registry.scrape(), previous);
                if (allWriting && writersFinished.get() == 0) {
                  totalsSeenDuringRace.add(total);
                  scrapesDuringRace.incrementAndGet();
                }
              }
              checkScrape(registry.scrape(), previous);
              return totalsSeenDuringRace;
            });

    start.countDown();
    long[] expected = new long[Outcome.count()];
    for (Future<long[]> f : writers) {
      long[] e = f.get(120, TimeUnit.SECONDS);
      for (int i = 0; i < e.length; i++) {
        expected[i] += e[i];
      }
    }
    List<Double> totalsSeenDuringRace = scraper.get(60, TimeUnit.SECONDS);
    pool.shutdown();

    SliSnapshot snap = sli.snapshot();
    for (Outcome o : Outcome.values()) {
      HistogramCounts total = snap.total(o);
      assertThat(total.count()).as("total %s", o).isEqualTo(expected[o.ordinal()]);
    }
    long finalTotal = snap.total(Outcome.SUCCESS).count() + snap.total(Outcome.ERROR).count();
    assertThat(finalTotal).isGreaterThanOrEqualTo((long) WRITERS * RECORDS_PER_WRITER);
    assertThat(totalsSeenDuringRace)
        .as("scrapes taken while all %d writers were recording", WRITERS)
        .hasSizeGreaterThanOrEqualTo(MIN_SCRAPES_DURING_RACE)
        .anySatisfy(seen -> assertThat(seen).isGreaterThan(0.0).isLessThan((double) finalTotal));
  }

  private static boolean raceUnproven(AtomicInteger scrapesDuringRace, long deadline) {
    return scrapesDuringRace.get() < MIN_SCRAPES_DURING_RACE && System.nanoTime() - deadline < 0;
  }

  /**
   * Buckets cumulative, _count == +Inf, nothing decreases since the previous scrape; returns the
   * sum of every series' _count.
   */
  private static double checkScrape(String text, Map<String, Double> previous) {
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
    return counts.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
