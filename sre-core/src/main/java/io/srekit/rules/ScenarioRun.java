package io.srekit.rules;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.BucketBounds;
import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import io.srekit.sli.SliSnapshot;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.slo.SloKind;
import io.srekit.slo.SloStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Scenario} replayed through the real engine: fresh copies of the SLOs' SLIs (the live
 * ones are never touched) record each minute's traffic on a {@code MockClock}, the engine ticks
 * once a minute, and every minute keeps the engine's statuses and the SLIs' cumulative counts —
 * exactly the samples a 1-minute scrape would have stored.
 */
public final class ScenarioRun {

  /** The label value every SLI label gets in the replay. */
  public static final String LABEL_VALUE = "scenario";

  private final List<Slo> slos;
  private final Map<LatencySli, LatencySli> copies;
  private final List<Map<String, SloStatus>> statuses;
  private final List<Map<LatencySli, SliSnapshot>> snapshots;

  private ScenarioRun(
      List<Slo> slos,
      Map<LatencySli, LatencySli> copies,
      List<Map<String, SloStatus>> statuses,
      List<Map<LatencySli, SliSnapshot>> snapshots) {
    this.slos = slos;
    this.copies = copies;
    this.statuses = statuses;
    this.snapshots = snapshots;
  }

  /** Replays {@code scenario} for {@code slos}. */
  public static ScenarioRun replay(Scenario scenario, List<Slo> slos) {
    MockClock clock = new MockClock();
    Map<LatencySli, LatencySli> copies = new IdentityHashMap<>();
    Map<LatencySli, SliSeries> series = new IdentityHashMap<>();
    List<Slo> mine = new ArrayList<>();
    SloEngine.Builder engine = SloEngine.builder().clock(clock).tick(Duration.ofMinutes(1));
    for (Slo slo : slos) {
      LatencySli copy =
          copies.computeIfAbsent(
              slo.sli(),
              sli -> {
                LatencySli.Builder b =
                    LatencySli.builder(sli.name())
                        .help(sli.help())
                        .labelNames(sli.labelNames().toArray(String[]::new))
                        .buckets(sli.bounds().toArray())
                        .quantiles(false)
                        .stripes(1)
                        .clock(clock);
                sli.latencyThresholds().forEach(b::latencyThreshold);
                return b.build();
              });
      series.computeIfAbsent(
          copy,
          c -> c.series(c.labelNames().stream().map(n -> LABEL_VALUE).toArray(String[]::new)));
      Slo.Builder b =
          slo.kind() == SloKind.AVAILABILITY
              ? Slo.availability(slo.name(), copy)
              : Slo.latency(slo.name(), copy, slo.thresholdSeconds());
      Slo copySlo =
          b.objective(slo.objective())
              .period(slo.period())
              .alerts(slo.alerts())
              .includeInvalid(slo.includeInvalid())
              .description(slo.description())
              .build();
      mine.add(copySlo);
      engine.slo(copySlo);
    }
    SloEngine e = engine.build();
    List<Map<String, SloStatus>> statuses = new ArrayList<>();
    List<Map<LatencySli, SliSnapshot>> snapshots = new ArrayList<>();
    keep(e, copies, statuses, snapshots);
    for (Scenario.Minute m : scenario.minutes()) {
      for (LatencySli copy : copies.values()) {
        SliSeries s = series.get(copy);
        long fast = copy.bounds().cutoffNanosAt(0);
        long slow = slowNanos(copy);
        for (long i = 0; i < m.errors(); i++) {
          s.record(fast, Outcome.ERROR);
        }
        for (long i = 0; i < m.slow(); i++) {
          s.record(slow, Outcome.SUCCESS);
        }
        for (long i = m.errors() + m.slow(); i < m.valid(); i++) {
          s.record(fast, Outcome.SUCCESS);
        }
      }
      clock.add(1, TimeUnit.MINUTES);
      e.tick();
      keep(e, copies, statuses, snapshots);
    }
    return new ScenarioRun(List.copyOf(mine), copies, statuses, snapshots);
  }

  /** Slow requests land in the bucket right above the largest threshold (or the last bound). */
  private static long slowNanos(LatencySli sli) {
    BucketBounds bounds = sli.bounds();
    double max = sli.latencyThresholds().stream().mapToDouble(Double::doubleValue).max().orElse(0);
    int i = max > 0 ? bounds.indexOf(max) + 1 : bounds.size() - 1;
    return i < bounds.size()
        ? bounds.cutoffNanosAt(i)
        : bounds.cutoffNanosAt(bounds.size() - 1) * 2;
  }

  private static void keep(
      SloEngine e,
      Map<LatencySli, LatencySli> copies,
      List<Map<String, SloStatus>> statuses,
      List<Map<LatencySli, SliSnapshot>> snapshots) {
    Map<String, SloStatus> s = new LinkedHashMap<>();
    for (SloStatus st : e.statuses()) {
      s.put(st.slo().name(), st);
    }
    statuses.add(s);
    Map<LatencySli, SliSnapshot> snaps = new IdentityHashMap<>();
    for (Map.Entry<LatencySli, LatencySli> c : copies.entrySet()) {
      snaps.put(c.getKey(), c.getValue().snapshot());
    }
    snapshots.add(snaps);
  }

  /** The number of samples: one at 0 plus one per minute. */
  public int samples() {
    return statuses.size();
  }

  /** The engine's status of the SLO named {@code slo} at {@code minute} (0 = start). */
  public SloStatus status(int minute, String slo) {
    return statuses.get(minute).get(slo);
  }

  /** Whether the {@code alert}-th pair of {@code slo} fires at {@code minute}. */
  public boolean firing(int minute, String slo, int alert) {
    return status(minute, slo).alerts().get(alert).firing();
  }

  /** The copied SLOs the engine ran (same names, definitions and hashes as the originals). */
  public List<Slo> slos() {
    return slos;
  }

  /**
   * The cumulative count of one outcome of the original {@code sli} at {@code minute}: bucket
   * {@code bucket} ({@code -1} for {@code _count}).
   */
  public long count(int minute, LatencySli sli, Outcome outcome, int bucket) {
    HistogramCounts c = snapshots.get(minute).get(sli).total(outcome);
    return bucket < 0 ? c.count() : c.cumulativeCount(bucket);
  }
}
