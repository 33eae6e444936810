package io.srekit.slo;

import io.micrometer.core.instrument.Clock;
import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSnapshot;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Error-budget accounting for a set of {@link Slo}s. Every tick (10 s by default) it snapshots each
 * SLI once, derives each SLO's cumulative valid and bad counts (the {@code error} outcome's count,
 * or the count above the threshold's bucket), keeps them in fixed-size multi-resolution rings (10 s
 * for windows up to 1 h, 1 min up to 6 h, 5 min up to 3 d, 1 h up to 35 d; a ring is never finer
 * than the tick, and a finer tick does not make it finer, so memory stays about 60 KB per SLO at
 * every allowed tick) and computes an immutable {@link SloStatus} per SLO: every window is {@code
 * now − snapshot(now − window)}, where the snapshot is the newest one kept at or before {@code now
 * − window} (at most one ring step earlier). Readers ({@code /slo}, gauges, policy code) get the
 * last tick's statuses without waiting.
 *
 * <pre>{@code
 * SloEngine engine = SloEngine.builder().slo(availability).slo(latency).build();
 * engine.start();                       // a daemon thread ticks every 10 s
 * if (engine.status("login-availability").isExhausted()) { freezeDeploys(); }
 * }</pre>
 *
 * <p>The engine never touches the request path and is never wired into readiness: a fleet-wide burn
 * must not empty the load balancer. Listeners run on the tick's thread (the engine's daemon thread
 * after {@link #start()}), after the tick's statuses are published; one that throws is logged and
 * the others still run. Time comes from the builder's {@link Clock} ({@code wallTime()}); with a
 * {@code MockClock} and {@link #tick()}, 30 days replay in seconds. A wall clock stepped back holds
 * the engine's time until it catches up: windows never run backwards.
 */
public final class SloEngine implements AutoCloseable {

  /** The default tick. */
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(10);

  private static final System.Logger LOG = System.getLogger(SloEngine.class.getName());

  private final Clock clock;
  private final Duration tick;
  private final List<SloTracker> trackers;
  private final List<LatencySli> slis;
  private final List<SloListener> listeners;
  private volatile Map<String, SloStatus> statuses = Map.of();
  private ScheduledExecutorService executor;

  private SloEngine(Builder b) {
    this.clock = b.clock;
    this.tick = b.tick;
    this.trackers = new ArrayList<>();
    Set<LatencySli> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
    List<LatencySli> ordered = new ArrayList<>();
    for (Slo slo : b.slos.values()) {
      trackers.add(new SloTracker(slo, tick));
      if (distinct.add(slo.sli())) {
        ordered.add(slo.sli());
      }
    }
    this.slis = List.copyOf(ordered);
    this.listeners = new CopyOnWriteArrayList<>(b.listeners);
    tick();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Takes one tick now: snapshots every SLI, updates every SLO and delivers events to listeners on
   * the calling thread. {@link #start()} calls it periodically; tests call it with a fake clock.
   */
  public void tick() {
    List<SloEvent> events = new ArrayList<>();
    synchronized (this) {
      long now = clock.wallTime();
      Map<LatencySli, SliSnapshot> snaps = new IdentityHashMap<>();
      for (LatencySli sli : slis) {
        sli.tick();
        snaps.put(sli, sli.snapshot());
      }
      Map<String, SloStatus> next = new LinkedHashMap<>();
      for (SloTracker t : trackers) {
        long[] vb = validAndBad(t.slo(), snaps.get(t.slo().sli()));
        next.put(t.slo().name(), t.update(now, vb[0], vb[1], events));
      }
      statuses = Collections.unmodifiableMap(next);
    }
    for (SloEvent e : events) {
      for (SloListener l : listeners) {
        try {
          l.onEvent(e);
        } catch (VirtualMachineError fatal) {
          throw fatal;
        } catch (Throwable ex) { // one bad listener (even an AssertionError) must not stop the rest
          LOG.log(Level.WARNING, "SLO listener failed on " + e.getClass().getSimpleName(), ex);
        }
      }
    }
  }

  /** The cumulative valid and bad counts of {@code slo} in {@code snap}. */
  static long[] validAndBad(Slo slo, SliSnapshot snap) {
    long valid = 0;
    long good = 0;
    long errors = 0;
    int threshold = slo.thresholdBucket();
    for (Outcome o : Outcome.values()) {
      if (o == Outcome.INVALID && !slo.includeInvalid()) {
        continue;
      }
      HistogramCounts c = snap.total(o);
      valid += c.count();
      if (o == Outcome.ERROR) {
        errors += c.count();
      }
      if (threshold >= 0) {
        good += c.cumulativeCount(threshold);
      }
    }
    long bad = slo.kind() == SloKind.AVAILABILITY ? errors : valid - good;
    return new long[] {valid, bad};
  }

  /** The last tick's status of the SLO named {@code name}, or {@code null}. */
  public SloStatus status(String name) {
    return statuses.get(name);
  }

  /** The last tick's statuses, in definition order. */
  public List<SloStatus> statuses() {
    return List.copyOf(statuses.values());
  }

  /** The SLOs, in definition order. */
  public List<Slo> slos() {
    List<Slo> out = new ArrayList<>();
    for (SloTracker t : trackers) {
      out.add(t.slo());
    }
    return out;
  }

  /** The distinct SLIs the SLOs are measured on. */
  public List<LatencySli> slis() {
    return slis;
  }

  /** The tick period. */
  public Duration tickPeriod() {
    return tick;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** Adds a listener (events are delivered on the tick thread). */
  public void addListener(SloListener listener) {
    listeners.add(listener);
  }

  /** Chart data for the SLO named {@code name}, read from its rings. */
  public synchronized SloHistory history(String name) {
    for (SloTracker t : trackers) {
      if (t.slo().name().equals(name)) {
        return t.history();
      }
    }
    throw new IllegalArgumentException("name: no SLO named '" + name + "'");
  }

  /**
   * Bytes of history (the snapshot rings) kept for the SLO named {@code name}: fixed at
   * construction, whatever the traffic; at most 60,384 B at every allowed tick.
   */
  public long historyBytes(String name) {
    for (SloTracker t : trackers) {
      if (t.slo().name().equals(name)) {
        return t.footprintBytes();
      }
    }
    throw new IllegalArgumentException("name: no SLO named '" + name + "'");
  }

  /** Starts ticking every {@link #tickPeriod()} on a daemon thread. Idempotent. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "srekit-slo-engine");
              t.setDaemon(true);
              return t;
            });
    long ms = tick.toMillis();
    executor.scheduleAtFixedRate(this::safeTick, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void safeTick() {
    try {
      tick();
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable e) { // an escaping throwable would cancel every later tick
      LOG.log(Level.ERROR, "SLO engine tick failed", e);
    }
  }

  /** Stops ticking. */
  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  /** Builds an {@link SloEngine}; {@link #build()} validates. */
  public static final class Builder {
    private final Map<String, Slo> slos = new LinkedHashMap<>();
    private final List<SloListener> listeners = new ArrayList<>();
    private final Set<String> duplicates = new LinkedHashSet<>();
    private Clock clock = Clock.SYSTEM;
    private Duration tick = DEFAULT_TICK;

    private Builder() {}

    /** Adds an SLO; names must be unique. */
    public Builder slo(Slo slo) {
      if (slos.putIfAbsent(slo.name(), slo) != null) {
        duplicates.add(slo.name());
      }
      return this;
    }

    /** Adds SLOs. */
    public Builder slos(List<Slo> list) {
      list.forEach(this::slo);
      return this;
    }

    /** A listener for alert, budget and coverage events. */
    public Builder listener(SloListener listener) {
      listeners.add(listener);
      return this;
    }

    /** The clock (default {@link Clock#SYSTEM}). */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The tick period, in [1 s, 1 min] (default 10 s): how fresh the statuses are. The finest ring
     * keeps one snapshot per 10 s (or per tick, if coarser), so a finer tick costs no memory.
     */
    public Builder tick(Duration tick) {
      this.tick = tick;
      return this;
    }

    /**
     * Validates, builds and takes the first tick.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public SloEngine build() {
      if (!duplicates.isEmpty()) {
        throw new IllegalArgumentException("slos: duplicate SLO names " + duplicates);
      }
      if (clock == null) {
        throw new IllegalArgumentException("clock: must not be null");
      }
      if (tick == null
          || tick.compareTo(Duration.ofSeconds(1)) < 0
          || tick.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException("tick: must be in [1s, 1m], was " + tick);
      }
      for (Slo slo : slos.values()) {
        for (BurnRateAlert a : slo.alerts().alerts()) {
          if (a.shortWindow().toMillis() < 2 * tick.toMillis()) {
            throw new IllegalArgumentException(
                "tick: "
                    + tick
                    + " is too coarse for the "
                    + PromDuration.format(a.shortWindow())
                    + " window of SLO '"
                    + slo.name()
                    + "' (needs at most half of it)");
          }
        }
      }
      return new SloEngine(this);
    }
  }
}
