package io.srekit.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Requests in flight, one {@link Counter} per name (an adapter uses one per SLI): what a drain
 * waits on before the server stops.
 *
 * <pre>{@code
 * InFlightRequests inFlight = InFlightRequests.create();
 * InFlightRequests.Counter login = inFlight.counter("user_auth_request");  // once
 * login.enter();  try { handle(); } finally { login.exit(); }             // per request
 * boolean idle = inFlight.awaitIdle(Duration.ofSeconds(5));             // on shutdown
 * }</pre>
 *
 * <p>Thread-safety: {@link Counter#enter()} and {@link Counter#exit()} are striped ({@link
 * LongAdder}) and take no lock; reads sum the stripes and may miss a request entering concurrently.
 * Counters are created once per name (at most {@link #MAX_COUNTERS}) and never removed.
 */
public final class InFlightRequests {

  /** Bound on distinct counter names; names come from configuration, never from traffic. */
  public static final int MAX_COUNTERS = 1000;

  private final Map<String, Counter> counters = new LinkedHashMap<>();
  private final List<Counter> all = new CopyOnWriteArrayList<>();

  private InFlightRequests() {}

  /** A new, empty set of counters. */
  public static InFlightRequests create() {
    return new InFlightRequests();
  }

  /**
   * The counter named {@code name}, created on first use. Resolve it once and keep it.
   *
   * @throws IllegalArgumentException if {@code name} is null, or if {@link #MAX_COUNTERS} names
   *     exist already
   */
  public synchronized Counter counter(String name) {
    if (name == null) {
      throw new IllegalArgumentException("name: must not be null");
    }
    Counter c = counters.get(name);
    if (c == null) {
      if (counters.size() >= MAX_COUNTERS) {
        throw new IllegalArgumentException(
            "name: at most " + MAX_COUNTERS + " in-flight counters, was '" + name + "'");
      }
      c = new Counter(name);
      counters.put(name, c);
      all.add(c);
    }
    return c;
  }

  /** Requests in flight over every counter. */
  public long total() {
    long sum = 0;
    for (Counter c : all) {
      sum += c.count();
    }
    return sum;
  }

  /** Requests in flight per counter name, in creation order. */
  public Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Counter c : new ArrayList<>(all)) {
      out.put(c.name(), c.count());
    }
    return out;
  }

  /**
   * Waits until no request is in flight or {@code timeout} has passed, polling every millisecond.
   *
   * @return whether the count reached zero in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (total() > 0) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(1_000_000L);
      if (Thread.interrupted()) {
        throw new InterruptedException("awaiting idle");
      }
    }
    return true;
  }

  /** One named count of requests in flight. */
  public static final class Counter {
    private final String name;
    private final LongAdder adder = new LongAdder();

    private Counter(String name) {
      this.name = name;
    }

    /** A request starts. */
    public void enter() {
      adder.increment();
    }

    /** A request ends (call exactly once per {@link #enter()}). */
    public void exit() {
      adder.decrement();
    }

    /** Requests in flight now. */
    public long count() {
      return adder.sum();
    }

    /** The name, e.g. the SLI's. */
    public String name() {
      return name;
    }

    @Override
    public String toString() {
      return "InFlight[" + name + "=" + count() + "]";
    }
  }
}
