package io.srekit.health;

import io.micrometer.core.instrument.Clock;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs health checks in the background and publishes what the probes read.
 *
 * <pre>{@code
 * HealthMonitor health = HealthMonitor.builder()
 *     .check(CheckSpec.builder("db", db::ping).kind(CheckKind.DEPENDENCY).build())
 *     .startupGates("migrations")
 *     .build();
 * health.start();
 * health.releaseGate("migrations");   // after the app has migrated
 * HealthSnapshot s = health.snapshot();
 * }</pre>
 *
 * <p>Thread-safety: {@link #snapshot()} is lock-free and wait-free apart from one clock read (a
 * volatile read of an immutable snapshot); every writer (check results, lifecycle calls, the
 * heartbeat) serialises on one private lock and publishes a new snapshot. Listeners run under that
 * lock, in order. Lifecycle: {@code markBroken} fails liveness for good; {@code markNotReady} /
 * {@code markReady} toggle readiness; {@link #drain()} fails readiness for good with a {@code
 * shutdown} entry, keeps liveness up and returns after the drain delay.
 */
public final class HealthMonitor implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger("io.srekit.health");

  private final Clock clock;
  private final List<CheckSpec> specs;
  private final List<CheckState> states = new ArrayList<>();
  private final List<CheckScheduler.Slot> slots = new ArrayList<>();
  private final Map<String, Boolean> gates = new LinkedHashMap<>();
  private final Set<String> excluded;
  private final Duration drainDelay;
  private final Duration heartbeatInterval;
  private final long heartbeatTimeoutNanos;
  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<HealthSnapshot>> snapshotConsumers = new CopyOnWriteArrayList<>();
  private final HealthMeters meters;
  private final CheckScheduler scheduler;
  private final Object lock = new Object();

  private volatile HealthSnapshot current;
  private volatile long heartbeatNanos;
  private volatile Stall stall;
  private volatile long heartbeats; // written by the scheduler thread only
  private volatile boolean started;
  private volatile boolean closed;
  private long version;
  private long nextChangeNanos = Long.MAX_VALUE;
  private boolean startupComplete;
  private boolean draining;
  private long drainDeadlineNanos;
  private String brokenReason;
  private String notReadyReason;

  HealthMonitor(HealthMonitorBuilder b) {
    this.clock = b.clock;
    this.specs = List.copyOf(b.checks);
    for (CheckSpec s : specs) {
      states.add(new CheckState(s));
      slots.add(new CheckScheduler.Slot(s));
    }
    for (String g : b.gates) {
      gates.put(g, Boolean.FALSE);
    }
    this.excluded = Set.copyOf(b.excludeFromReadiness);
    this.drainDelay = b.drainDelay;
    this.heartbeatInterval = b.heartbeatInterval;
    this.heartbeatTimeoutNanos = b.heartbeatTimeout.toNanos();
    this.listeners.addAll(b.listeners);
    this.meters = new HealthMeters(b.registry, specs, this);
    this.scheduler = new CheckScheduler(clock, new Sink(), specs.size());
    synchronized (lock) {
      publish();
    }
  }

  /** Starts a builder. */
  public static HealthMonitorBuilder builder() {
    return new HealthMonitorBuilder();
  }

  /** Starts the scheduler: every check runs at once, then every interval (with jitter). */
  public void start() {
    synchronized (lock) {
      if (started || closed) {
        return;
      }
      started = true;
      heartbeatNanos = clock.monotonicTime();
    }
    scheduler.start(slots, this::tick, heartbeatInterval);
  }

  /**
   * The current snapshot: what every probe answers from. Never blocks. If the scheduler's heartbeat
   * is late, liveness shows the {@code scheduler} entry failing.
   */
  public HealthSnapshot snapshot() {
    HealthSnapshot s = current;
    if (started && !closed && clock.monotonicTime() - heartbeatNanos > heartbeatTimeoutNanos) {
      return stalled(s);
    }
    return s;
  }

  /** The stalled view of {@code s}, made once per published snapshot (probes keep their cache). */
  private HealthSnapshot stalled(HealthSnapshot s) {
    Stall st = stall;
    if (st != null && st.base == s) {
      return st.view;
    }
    HealthSnapshot view = SnapshotAssembler.withSchedulerStalled(s, "heartbeat late");
    if (st == null) {
      LOG.log(
          Level.ERROR,
          "health scheduler stalled: no heartbeat for over {0}; liveness fails",
          Duration.ofNanos(heartbeatTimeoutNanos));
    }
    stall = new Stall(s, view);
    return view;
  }

  private record Stall(HealthSnapshot base, HealthSnapshot view) {}

  /** How long {@link #drain()} keeps serving after readiness fails. */
  public Duration drainDelay() {
    return drainDelay;
  }

  /** The registered checks, in order. */
  public List<CheckSpec> checks() {
    return specs;
  }

  /** The startup gate names, in order. */
  public List<String> startupGates() {
    synchronized (lock) {
      return List.copyOf(gates.keySet());
    }
  }

  /**
   * Releases a startup gate.
   *
   * @throws IllegalArgumentException if no gate has that name
   */
  public void releaseGate(String gate) {
    synchronized (lock) {
      if (!gates.containsKey(gate)) {
        throw new IllegalArgumentException(
            "gate: unknown startup gate '" + gate + "', known: " + gates.keySet());
      }
      gates.put(gate, Boolean.TRUE);
      publish();
    }
  }

  /** Fails liveness for good (the kubelet will restart the container); the reason is logged. */
  public void markBroken(String reason) {
    synchronized (lock) {
      if (brokenReason == null) {
        brokenReason = reason == null ? "broken" : reason;
        LOG.log(Level.ERROR, "marked broken: {0}", brokenReason);
        publish();
      }
    }
  }

  /** Fails readiness until {@link #markReady()}. */
  public void markNotReady(String reason) {
    synchronized (lock) {
      notReadyReason = reason == null ? "not ready" : reason;
      publish();
    }
  }

  /** Undoes {@link #markNotReady}; readiness still needs startup, checks and no drain. */
  public void markReady() {
    synchronized (lock) {
      if (notReadyReason != null) {
        notReadyReason = null;
        publish();
      }
    }
  }

  /**
   * Fails readiness for good (entry {@code shutdown}) and returns at once; see {@link #drain()}.
   */
  public void beginDrain() {
    synchronized (lock) {
      if (!draining) {
        draining = true;
        drainDeadlineNanos = System.nanoTime() + drainDelay.toNanos();
        LOG.log(Level.INFO, "draining: readiness fails, liveness stays up for {0}", drainDelay);
        publish();
      }
    }
  }

  /**
   * Begins draining and returns once the drain delay (real time) has passed since the first call:
   * meanwhile the endpoints drop the pod and traffic in flight completes. Call it from the
   * container's shutdown (a {@code preStop} hook or a shutdown hook), then stop the servers.
   */
  public void drain() throws InterruptedException {
    beginDrain();
    long deadline;
    synchronized (lock) {
      deadline = drainDeadlineNanos;
    }
    long left = deadline - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  /** Adds a listener for transitions. */
  public void addListener(HealthListener listener) {
    listeners.add(listener);
  }

  /**
   * Adds a consumer of every published snapshot (after each result and lifecycle change, under the
   * monitor's lock, in order); e.g. to precompute or push. Keep it short; a throw is logged.
   */
  public void onSnapshot(Consumer<HealthSnapshot> consumer) {
    snapshotConsumers.add(consumer);
  }

  /** Stops the scheduler and interrupts running checks. Snapshots stay readable. */
  @Override
  public void close() {
    closed = true;
    scheduler.close();
  }

  /** Timed-out runs still holding a thread. */
  public int abandonedRuns() {
    return scheduler.abandoned();
  }

  CheckScheduler scheduler() {
    return scheduler;
  }

  CheckScheduler.Slot slot(String name) {
    for (CheckScheduler.Slot s : slots) {
      if (s.spec.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("check: unknown '" + name + "'");
  }

  /** Runs one check now (tests). */
  CompletableFuture<Void> runNow(String name) {
    return scheduler.trigger(slot(name));
  }

  double healthyValue(String name) {
    CheckSnapshot c = current.check(name);
    return c != null && c.status().isHealthy() ? 1 : 0;
  }

  /** Heartbeats so far (tests wait on the first). */
  long heartbeats() {
    return heartbeats;
  }

  /** The heartbeat: re-evaluates time-dependent state (staleness, escalation). */
  void tick() {
    long now = clock.monotonicTime();
    synchronized (lock) {
      if (now >= nextChangeNanos) {
        publish();
      }
    }
    heartbeatNanos = now;
    heartbeats++;
    if (stall != null) {
      stall = null;
      LOG.log(Level.INFO, "health scheduler beats again");
    }
  }

  /** Applies a result of {@code name} (the scheduler's sink; tests call it directly). */
  void complete(String name, CheckResult r, String summary, Throwable error, long nanos) {
    int i = specs.indexOf(slot(name).spec);
    HealthStatus raw;
    String detail;
    if (error != null) {
      raw = HealthStatus.FAIL;
      detail = error.getClass().getName() + ": " + error.getMessage();
    } else if (r == null) {
      raw = HealthStatus.FAIL;
      detail = summary == null ? "check returned null" : null;
    } else {
      raw = r.status();
      detail = r.detail();
    }
    if (nanos != CheckScheduler.NOT_RUN) {
      meters.duration(name, nanos); // a run that never started has no duration
    }
    synchronized (lock) {
      CheckState st = states.get(i);
      HealthStatus before = st.status(clock.monotonicTime());
      st.apply(raw, summary, detail, clock.monotonicTime(), clock.wallTime(), Math.max(0, nanos));
      HealthStatus after = st.status(clock.monotonicTime());
      String id = st.snapshot(clock.monotonicTime()).failureId();
      // every id a response can show is in the log: once when first shown (a damped failure or a
      // warn), and once more when the same episode turns into a failure
      boolean newId = id != null && !id.equals(st.loggedFailureId);
      if (newId) {
        st.loggedFailureId = id;
        st.loggedFailing = false;
      }
      String why = summary != null ? summary : detail;
      boolean turnedFailing = id != null && after == HealthStatus.FAIL && !st.loggedFailing;
      if (turnedFailing) {
        st.loggedFailing = true;
        LOG.log(Level.WARNING, "health check ''{0}'' failing [id {1}]: {2}", name, id, why);
      } else if (newId) {
        LOG.log(
            Level.INFO,
            "health check ''{0}'' is {1} [id {2}]: {3}",
            name,
            after.wireName(),
            id,
            why == null ? "degraded" : why);
      } else if (before == HealthStatus.FAIL && after != HealthStatus.FAIL) {
        LOG.log(Level.INFO, "health check ''{0}'' is {1}", name, after.wireName());
      }
      if (error != null && (newId || turnedFailing)) {
        LOG.log(Level.DEBUG, "health check '" + name + "' [id " + id + "]", error);
      }
      publish();
    }
  }

  private void publish() {
    long now = clock.monotonicTime();
    if (!startupComplete) {
      boolean done = !gates.containsValue(Boolean.FALSE);
      for (CheckState c : states) {
        if (c.spec.impact() != Impact.INFO && !excluded.contains(c.spec.name()) && !c.hasResult()) {
          done = false;
        }
      }
      if (done) {
        startupComplete = true;
        LOG.log(Level.INFO, "startup complete");
      }
    }
    long next = Long.MAX_VALUE;
    for (CheckState c : states) {
      next = Math.min(next, c.nextChangeNanos());
    }
    nextChangeNanos = next;
    HealthSnapshot previous = current;
    HealthSnapshot s =
        SnapshotAssembler.assemble(
            new SnapshotAssembler.State(
                ++version,
                clock.wallTime(),
                now,
                states,
                new LinkedHashMap<>(gates),
                excluded,
                startupComplete,
                draining,
                brokenReason,
                notReadyReason));
    current = s;
    for (Consumer<HealthSnapshot> c : snapshotConsumers) {
      try {
        c.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "snapshot consumer threw; ignored", e);
      }
    }
    if (previous != null && !listeners.isEmpty()) {
      notifyTransitions(previous, s);
    }
  }

  private void notifyTransitions(HealthSnapshot before, HealthSnapshot after) {
    for (int i = 0; i < after.checks().size(); i++) {
      HealthStatus a = before.checks().get(i).status();
      HealthStatus b = after.checks().get(i).status();
      if (a != b) {
        fire(new HealthTransition(after.checks().get(i).name(), null, a, b, after));
      }
    }
    for (Probe p : Probe.values()) {
      HealthStatus a = before.probe(p).status();
      HealthStatus b = after.probe(p).status();
      if (a != b) {
        fire(new HealthTransition(p.shortName(), p, a, b, after));
      }
    }
  }

  private void fire(HealthTransition t) {
    for (HealthListener l : listeners) {
      try {
        l.onTransition(t);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "health listener threw; ignored", e);
      }
    }
  }

  private final class Sink implements CheckScheduler.Sink {
    @Override
    public void completed(
        CheckScheduler.Slot slot, CheckResult result, String summary, Throwable error, long nanos) {
      complete(slot.spec.name(), result, summary, error, nanos);
    }

    @Override
    public void overrun(CheckScheduler.Slot slot, String reason) {
      meters.overrun(slot.spec.name(), reason);
    }

    @Override
    public void timedOut(CheckScheduler.Slot slot) {
      meters.timeout(slot.spec.name());
    }
  }
}
