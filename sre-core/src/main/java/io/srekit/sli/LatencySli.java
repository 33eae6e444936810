package io.srekit.sli;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A request-latency SLI: one Prometheus histogram family {@code <name>_duration_seconds} with fixed
 * label names plus {@code outcome}, and exact quantiles over recent windows.
 *
 * <p>Build it once, resolve label values to {@link SliSeries} handles once, record per request:
 *
 * <pre>{@code
 * LatencySli sli = LatencySli.builder("user_auth_request")
 *     .labelNames("method", "route")
 *     .latencyThreshold(0.5)          // an SLO threshold: guaranteed to be a bucket bound
 *     .build();
 * SliSeries login = sli.series("POST", "/login");
 * login.record(durationNanos, Outcome.SUCCESS);
 * }</pre>
 *
 * <p>The number of label sets is bounded ({@link Builder#maxSeries}); once reached, new label sets
 * share one overflow series whose label values are all {@link Builder#overflowValue} and the
 * overflow is counted, so memory never grows with traffic. Every series has all outcomes from its
 * creation, at zero; the overflow series is created, at zero, when the bound is reached (not at
 * build, so SLIs that never come near the bound do not carry an empty {@code other} series in every
 * scrape and in Prometheus). Thread-safe.
 */
public final class LatencySli {

  /** Quantile windows reported by {@link #quantiles()}. */
  public static final List<Duration> QUANTILE_WINDOWS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5));

  /** How often quantile windows take a copy (lazily, on reads, or from {@link #tick()}). */
  public static final Duration QUANTILE_TICK = Duration.ofSeconds(15);

  static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final List<String> RESERVED_SUFFIXES =
      List.of("_seconds", "_total", "_bucket", "_count", "_sum", "_created", "_info");
  private static final Set<String> RESERVED_LABELS = Set.of("le", "quantile", "outcome");

  private final String name;
  private final String metricName;
  private final String help;
  private final List<String> labelNames;
  private final BucketBounds bounds;
  private final Set<Double> thresholds;
  private final int maxSeries;
  private final String overflowValue;
  private final OutcomeClassifier classifier;
  private final Clock clock;
  private final int stripeCount;
  private final QuantileRecorder quantileRecorder;
  private final QuantileWindows quantileWindows;
  private final Map<List<String>, SliSeries> series = new ConcurrentHashMap<>();
  private final List<SliSeries> creationOrder = Collections.synchronizedList(new ArrayList<>());
  private final Object creationLock = new Object();
  private volatile SliSeries overflowSeries;
  private final List<String> overflowKey;
  private final List<Consumer<SliSeries>> seriesListeners = new CopyOnWriteArrayList<>();
  private final LongAdder rejectedNegative = new LongAdder();
  private final LongAdder seriesOverflow = new LongAdder();

  private LatencySli(Builder b, BucketBounds bounds) {
    this.name = b.name;
    this.metricName = b.name + "_duration_seconds";
    this.help = b.help != null ? b.help : "Duration of " + b.name + " events in seconds.";
    this.labelNames = List.copyOf(b.labelNames);
    this.bounds = bounds;
    this.thresholds = Collections.unmodifiableSet(new TreeSet<>(b.thresholds));
    this.maxSeries = b.maxSeries;
    this.overflowValue = b.overflowValue;
    this.overflowKey = Collections.nCopies(labelNames.size(), overflowValue);
    this.classifier = b.classifier;
    this.clock = b.clock;
    this.stripeCount = b.stripes;
    this.quantileRecorder =
        b.quantiles
            ? new QuantileRecorder(
                b.quantileStripes > 0
                    ? b.quantileStripes
                    : Math.min(b.stripes, MAX_DEFAULT_QUANTILE_STRIPES))
            : null;
    this.quantileWindows =
        b.quantiles
            ? new QuantileWindows(
                quantileRecorder,
                QUANTILE_TICK,
                QUANTILE_WINDOWS.get(QUANTILE_WINDOWS.size() - 1),
                clock.wallTime())
            : null;
  }

  /**
   * The most quantile stripes an SLI gets by default. Each is 192 KiB, once per SLI; two threads
   * recording at once share a stripe when their ids agree modulo the stripe count, so as many
   * quantile stripes as histogram stripes (8 on a 2-CPU machine) means the quantile side never adds
   * a collision the histogram side does not have.
   */
  static final int MAX_DEFAULT_QUANTILE_STRIPES = 8;

  /** Stripes of the exact-quantile counts (tests and benchmarks). */
  int quantileStripeCount() {
    return quantileRecorder == null ? 0 : quantileRecorder.stripeCount();
  }

  /** Stripes per series of the histogram counters. */
  int stripeCount() {
    return stripeCount;
  }

  /** Starts a builder for an SLI named {@code name} ({@code name_duration_seconds} on scrape). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * The series for these label values, created on first use (all outcomes at zero). Resolve once
   * and keep the handle: this method looks up a map, {@link SliSeries#record} does not. Creating
   * the {@link #maxSeries()}th label set also creates the overflow series (at zero); label values
   * that are all {@link Builder#overflowValue} resolve to the overflow series without counting as
   * overflow, so no label set is ever exposed twice.
   *
   * @param labelValues one value per label name; {@code null} is taken as {@code ""}
   * @throws IllegalArgumentException if the number of values differs from the number of label names
   *     (a programming error, found on first use)
   */
  public SliSeries series(String... labelValues) {
    if (labelValues.length != labelNames.size()) {
      throw new IllegalArgumentException(
          "labelValues: expected "
              + labelNames.size()
              + " values for "
              + labelNames
              + ", was "
              + Arrays.toString(labelValues));
    }
    String[] clean = labelValues.clone();
    for (int i = 0; i < clean.length; i++) {
      if (clean[i] == null) {
        clean[i] = "";
      }
    }
    List<String> key = List.of(clean);
    SliSeries existing = series.get(key);
    if (existing != null) {
      return existing;
    }
    boolean isOverflowKey = !key.isEmpty() && key.equals(overflowKey);
    if (isOverflowKey && overflowSeries != null) {
      return overflowSeries;
    }
    synchronized (creationLock) {
      if (isOverflowKey) {
        return overflow();
      }
      existing = series.get(key);
      if (existing != null) {
        return existing;
      }
      if (series.size() >= maxSeries) {
        seriesOverflow.increment();
        return overflow();
      }
      SliSeries created = new SliSeries(this, key, stripeCount);
      series.put(key, created);
      creationOrder.add(created);
      notifyListeners(created);
      if (series.size() == maxSeries && !key.isEmpty()) {
        // The bound is reached: the overflow series exists at zero before its first record.
        overflow();
      }
      return created;
    }
  }

  /** The overflow series, created on first use; called under {@code creationLock}. */
  private SliSeries overflow() {
    SliSeries o = overflowSeries;
    if (o == null) {
      o = new SliSeries(this, List.copyOf(overflowKey), stripeCount);
      overflowSeries = o;
      notifyListeners(o);
    }
    return o;
  }

  /**
   * Calls {@code listener} for every series that exists now and, from then on, for every series
   * created (the overflow series included), on the thread that creates it. Used by exposition
   * bindings that need one meter per series; a throwing listener is ignored.
   */
  public void onSeries(Consumer<SliSeries> listener) {
    synchronized (creationLock) {
      seriesListeners.add(listener);
      List<SliSeries> existing;
      synchronized (creationOrder) {
        existing = new ArrayList<>(creationOrder);
      }
      if (overflowSeries != null) {
        existing.add(overflowSeries);
      }
      for (SliSeries s : existing) {
        safely(listener, s);
      }
    }
  }

  private void notifyListeners(SliSeries created) {
    for (Consumer<SliSeries> l : seriesListeners) {
      safely(l, created);
    }
  }

  private static void safely(Consumer<SliSeries> listener, SliSeries s) {
    try {
      listener.accept(s);
    } catch (RuntimeException ignored) {
      // A listener must never make series resolution fail on a request thread.
    }
  }

  /** Counts everything recorded so far. Cold path: allocates, never blocks a writer. */
  public SliSnapshot snapshot() {
    List<SeriesSnapshot> out = new ArrayList<>();
    List<SliSeries> all;
    synchronized (creationOrder) {
      all = new ArrayList<>(creationOrder);
    }
    for (SliSeries s : all) {
      out.add(s.snapshot());
    }
    SliSeries o = overflowSeries;
    if (o != null) {
      out.add(o.snapshot());
    }
    return new SliSnapshot(
        name,
        metricName,
        help,
        labelNames,
        bounds,
        out,
        rejectedNegative.sum(),
        seriesOverflow.sum());
  }

  /**
   * Exact quantiles over each of {@link #QUANTILE_WINDOWS}, or an empty list when quantiles are
   * off.
   */
  public List<QuantileSnapshot> quantiles() {
    if (quantileWindows == null) {
      return List.of();
    }
    long now = clock.wallTime();
    List<QuantileSnapshot> out = new ArrayList<>(QUANTILE_WINDOWS.size());
    for (Duration w : QUANTILE_WINDOWS) {
      out.add(quantileWindows.snapshot(w, now));
    }
    return out;
  }

  /**
   * Exact quantiles over the last {@code window} (at most the longest of {@link
   * #QUANTILE_WINDOWS}); {@code null} when quantiles are off.
   */
  public QuantileSnapshot quantiles(Duration window) {
    return quantileWindows == null ? null : quantileWindows.snapshot(window, clock.wallTime());
  }

  /**
   * Lets the quantile windows take their periodic copy. Reads do it lazily; a scheduler calling
   * this every {@link #QUANTILE_TICK} keeps window edges within one tick after quiet periods.
   */
  public void tick() {
    if (quantileWindows != null) {
      quantileWindows.tick(clock.wallTime());
    }
  }

  void rejectNegative() {
    rejectedNegative.increment();
  }

  /**
   * Negative durations rejected so far, as in {@link SliSnapshot#rejectedNegative()}, without
   * taking a snapshot of the series.
   */
  public long rejectedNegative() {
    return rejectedNegative.sum();
  }

  /**
   * Label-set resolutions sent to the overflow series so far, as in {@link
   * SliSnapshot#seriesOverflow()}, without taking a snapshot of the series.
   */
  public long seriesOverflow() {
    return seriesOverflow.sum();
  }

  /** The base name, e.g. {@code user_auth_request}. */
  public String name() {
    return name;
  }

  /** The histogram family name, e.g. {@code user_auth_request_duration_seconds}. */
  public String metricName() {
    return metricName;
  }

  /** The help text. */
  public String help() {
    return help;
  }

  /** The label names, without {@code outcome}. */
  public List<String> labelNames() {
    return labelNames;
  }

  /** The bucket bounds, every registered latency threshold included. */
  public BucketBounds bounds() {
    return bounds;
  }

  /** The registered latency thresholds in seconds; each is one of {@link #bounds()}. */
  public Set<Double> latencyThresholds() {
    return thresholds;
  }

  /** The outcome classifier adapters use for this SLI. */
  public OutcomeClassifier classifier() {
    return classifier;
  }

  /** The clock that times {@link SliSeries#recordSince} and the quantile windows. */
  public Clock clock() {
    return clock;
  }

  /** The bound on distinct label sets. */
  public int maxSeries() {
    return maxSeries;
  }

  QuantileRecorder quantileRecorder() {
    return quantileRecorder;
  }

  @Override
  public String toString() {
    return "LatencySli[" + metricName + " " + labelNames + " " + bounds + "]";
  }

  /** Builds a {@link LatencySli}; {@link #build()} validates and names any bad parameter. */
  public static final class Builder {
    private final String name;
    private String help;
    private double[] buckets;
    private List<String> labelNames = List.of();
    private final Set<Double> thresholds = new HashSet<>();
    private int maxSeries = 200;
    private String overflowValue = "other";
    private OutcomeClassifier classifier = OutcomeClassifier.DEFAULT;
    private Clock clock = Clock.SYSTEM;
    private boolean quantiles = true;
    private int quantileStripes;
    private int stripes = defaultStripes();

    private Builder(String name) {
      this.name = name;
    }

    private static int defaultStripes() {
      int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2);
      return Math.max(4, Math.min(64, n * 2));
    }

    /** Help text of the histogram family. */
    public Builder help(String help) {
      this.help = help;
      return this;
    }

    /**
     * Finite bucket bounds in seconds, ascending ({@code +Inf} is implicit). Default {@link
     * BucketBounds#DEFAULT_SECONDS}. Registered latency thresholds are added where missing.
     */
    public Builder buckets(double... seconds) {
      this.buckets = seconds == null ? null : seconds.clone();
      return this;
    }

    /** Fixed label names, e.g. {@code "method", "route"}; {@code outcome} is added by srekit. */
    public Builder labelNames(String... names) {
      this.labelNames = Arrays.asList(names.clone());
      return this;
    }

    /**
     * Registers an SLO latency threshold in seconds; it becomes a bucket bound so that "good" is
     * exactly one cumulative bucket, here and in Prometheus.
     */
    public Builder latencyThreshold(double seconds) {
      this.thresholds.add(seconds);
      return this;
    }

    /**
     * Bound on distinct label sets (default 200, at most 100,000); past it, the overflow series.
     */
    public Builder maxSeries(int maxSeries) {
      this.maxSeries = maxSeries;
      return this;
    }

    /** Label value of every label on the overflow series (default {@code "other"}). */
    public Builder overflowValue(String value) {
      this.overflowValue = value;
      return this;
    }

    /** How adapters classify outcomes (default {@link OutcomeClassifier#DEFAULT}). */
    public Builder classifier(OutcomeClassifier classifier) {
      this.classifier = classifier;
      return this;
    }

    /** The clock for timers and quantile windows (default {@link Clock#SYSTEM}). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Whether to keep exact HdrHistogram quantiles (default {@code true}). */
    public Builder quantiles(boolean enabled) {
      this.quantiles = enabled;
      return this;
    }

    /** Number of counter stripes per series, a power of two in [1, 256]; default from CPUs. */
    public Builder stripes(int stripes) {
      this.stripes = stripes;
      return this;
    }

    /**
     * Number of stripes of the exact-quantile counts, a power of two in [1, 64]; each costs 192
     * KiB, once per SLI. Default: as many as {@link #stripes(int)}, at most 8 (8 on a 2-CPU
     * machine: 1.5 MiB). Fewer save memory; two threads recording at the same time then share a
     * stripe (and its cache lines) more often.
     */
    public Builder quantileStripes(int quantileStripes) {
      this.quantileStripes = quantileStripes;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public LatencySli build() {
      if (name == null || !METRIC_NAME.matcher(name).matches() || name.startsWith("__")) {
        throw new IllegalArgumentException(
            "name: must match [a-zA-Z_][a-zA-Z0-9_]* (no colons, no leading __), was '"
                + name
                + "'");
      }
      for (String suffix : RESERVED_SUFFIXES) {
        if (name.endsWith(suffix)) {
          throw new IllegalArgumentException(
              "name: give the base name, srekit appends _duration_seconds; must not end with '"
                  + suffix
                  + "', was '"
                  + name
                  + "'");
        }
      }
      if (help != null && help.isBlank()) {
        throw new IllegalArgumentException("help: must not be blank, was '" + help + "'");
      }
      Set<String> seen = new HashSet<>();
      for (String l : labelNames) {
        if (l == null || l.isEmpty()) {
          throw new IllegalArgumentException("labelNames: empty label name in " + labelNames);
        }
        if (!LABEL_NAME.matcher(l).matches() || l.startsWith("__")) {
          throw new IllegalArgumentException(
              "labelNames: must match [a-zA-Z_][a-zA-Z0-9_]* without leading __, was '" + l + "'");
        }
        if (RESERVED_LABELS.contains(l)) {
          throw new IllegalArgumentException(
              "labelNames: '" + l + "' is reserved (le, quantile, outcome), was '" + l + "'");
        }
        if (!seen.add(l)) {
          throw new IllegalArgumentException("labelNames: duplicate label name '" + l + "'");
        }
      }
      if (maxSeries < 1 || maxSeries > 100_000) {
        throw new IllegalArgumentException("maxSeries: must be in [1, 100000], was " + maxSeries);
      }
      if (overflowValue == null || overflowValue.isEmpty()) {
        throw new IllegalArgumentException(
            "overflowValue: must not be empty, was '" + overflowValue + "'");
      }
      if (classifier == null) {
        throw new IllegalArgumentException("classifier: must not be null");
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock: must not be null");
      }
      if (stripes < 1 || stripes > 256 || Integer.bitCount(stripes) != 1) {
        throw new IllegalArgumentException(
            "stripes: must be a power of two in [1, 256], was " + stripes);
      }
      if (quantileStripes != 0
          && (quantileStripes < 1
              || quantileStripes > 64
              || Integer.bitCount(quantileStripes) != 1)) {
        throw new IllegalArgumentException(
            "quantileStripes: must be a power of two in [1, 64], was " + quantileStripes);
      }
      BucketBounds bounds = buckets == null ? BucketBounds.defaults() : BucketBounds.of(buckets);
      for (double t : thresholds) {
        if (Double.isNaN(t)
            || t < BucketBounds.MIN_BOUND_SECONDS
            || t > BucketBounds.MAX_BOUND_SECONDS) {
          throw new IllegalArgumentException(
              "latencyThreshold: must be in ["
                  + BucketBounds.MIN_BOUND_SECONDS
                  + ", "
                  + BucketBounds.MAX_BOUND_SECONDS
                  + "] seconds, was "
                  + t);
        }
      }
      if (!thresholds.isEmpty()) {
        bounds = bounds.with(thresholds.stream().mapToDouble(Double::doubleValue).toArray());
      }
      return new LatencySli(this, bounds);
    }
  }
}
