package io.srekit.health;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs checks in the background: one timer thread schedules runs (interval with jitter) and
 * deadlines; a bounded pool of worker threads runs the checks.
 *
 * <p>Single-flight, per check: a check never has two runs in progress. A run that passes its
 * deadline is delivered as a failure naming the timeout and its thread is interrupted. If the check
 * ignores the interruption the run is <em>abandoned</em>: it keeps its thread (counted) and the
 * check stays in flight until that run returns. A run due meanwhile is not started: it is delivered
 * as a failure of <em>that</em> check ("still running …", counted as an overrun with reason {@code
 * abandoned}), so a hanging check keeps failing instead of going stale, and it holds at most one
 * thread. Other checks are never affected: each check holds at most one thread, so the pool ({@code
 * 2 × checks}, the slack covering a thread on its way back to the pool) never runs out and never
 * grows, whatever the checks do.
 */
final class CheckScheduler {

  /** Receives every result, on a worker or the timer thread. */
  interface Sink {
    void completed(Slot slot, CheckResult result, String summary, Throwable error, long nanos);

    void overrun(Slot slot, String reason);

    void timedOut(Slot slot);
  }

  /** Per-check scheduling state. */
  static final class Slot {
    final CheckSpec spec;
    final long intervalNanos;
    final long timeoutNanos;
    final AtomicBoolean inFlight = new AtomicBoolean();
    final String timeoutSummary;
    final String stuckSummary;
    volatile Run current;

    Slot(CheckSpec spec) {
      this.spec = spec;
      this.intervalNanos = spec.interval().toNanos();
      this.timeoutNanos = spec.timeout().toNanos();
      this.timeoutSummary = "timed out after " + format(spec.timeout());
      this.stuckSummary =
          "still running: the last run timed out after "
              + format(spec.timeout())
              + " and has not returned";
    }
  }

  /** The duration passed to the sink for a result of a run that never started. */
  static final long NOT_RUN = -1;

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int TIMED_OUT = 2;

  private final Clock clock;
  private final Sink sink;
  private final ScheduledThreadPoolExecutor timer;
  private final ThreadPoolExecutor workers;
  private final AtomicInteger abandoned = new AtomicInteger();
  private final Random random = new Random();

  CheckScheduler(Clock clock, Sink sink, int checks) {
    this.clock = clock;
    this.sink = sink;
    this.timer = new ScheduledThreadPoolExecutor(1, daemon("srekit-health-scheduler"));
    this.timer.setRemoveOnCancelPolicy(true);
    this.timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    int max = 2 * Math.max(1, checks);
    this.workers =
        new ThreadPoolExecutor(
            0, max, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemon("srekit-health-check"));
  }

  /** Schedules every slot (first run at once, then every jittered interval) and the heartbeat. */
  void start(List<Slot> slots, Runnable heartbeat, Duration heartbeatInterval) {
    for (Slot s : slots) {
      // first run at once: startup waits for it; jitter spreads the later runs
      timer.schedule(() -> tick(s), 0, TimeUnit.NANOSECONDS);
    }
    long hb = heartbeatInterval.toNanos();
    timer.scheduleAtFixedRate(heartbeat, 0, hb, TimeUnit.NANOSECONDS);
  }

  private void tick(Slot s) {
    try {
      trigger(s);
    } finally {
      if (!timer.isShutdown()) {
        try {
          timer.schedule(
              () -> tick(s),
              jittered(s.intervalNanos, s.spec.jitter(), random),
              TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
          // shut down concurrently: nothing more to schedule
        }
      }
    }
  }

  /** A delay in [interval × (1 − jitter), interval × (1 + jitter)]. */
  static long jittered(long intervalNanos, double jitter, Random random) {
    double f = 1 + jitter * (2 * random.nextDouble() - 1);
    return Math.max(1, (long) (intervalNanos * f));
  }

  /**
   * Starts one run of {@code s} unless one is in flight: a run still within its deadline makes this
   * an overrun (skipped); an abandoned run (past its deadline, ignoring the interrupt) makes this a
   * failure of {@code s}. The future completes once the run's result (or skip) has been delivered.
   */
  CompletableFuture<Void> trigger(Slot s) {
    if (!s.inFlight.compareAndSet(false, true)) {
      Run r = s.current;
      if (r != null && r.state.get() == TIMED_OUT) {
        sink.overrun(s, "abandoned");
        sink.completed(s, null, s.stuckSummary, null, NOT_RUN);
      } else {
        sink.overrun(s, "in_flight");
      }
      return CompletableFuture.completedFuture(null);
    }
    Run run = new Run(s);
    s.current = run;
    try {
      workers.execute(run);
    } catch (RejectedExecutionException e) {
      // only when closed: each check holds at most one thread and the pool has room for two each
      s.inFlight.set(false);
      sink.completed(s, null, "not run: no health thread free", null, NOT_RUN);
      return CompletableFuture.completedFuture(null);
    }
    try {
      run.deadline = timer.schedule(run::timeout, s.timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closed) {
      // shutting down: the run completes or is interrupted by shutdownNow
    }
    return run.delivered;
  }

  /** Runs currently abandoned (timed out, still holding a thread). */
  int abandoned() {
    return abandoned.get();
  }

  /** Threads currently in the worker pool. */
  int workerThreads() {
    return workers.getPoolSize();
  }

  /** The largest worker pool size so far. */
  int largestWorkerThreads() {
    return workers.getLargestPoolSize();
  }

  /** The hard bound on worker threads. */
  int maxWorkerThreads() {
    return workers.getMaximumPoolSize();
  }

  void submitTimer(Runnable task) {
    try {
      timer.execute(task);
    } catch (RejectedExecutionException closed) {
      // shut down
    }
  }

  boolean isTerminated() {
    return timer.isShutdown();
  }

  void close() {
    timer.shutdownNow();
    workers.shutdownNow();
  }

  private final class Run implements Runnable {
    final Slot slot;
    final AtomicInteger state = new AtomicInteger(RUNNING);
    final CompletableFuture<Void> delivered = new CompletableFuture<>();
    volatile ScheduledFuture<?> deadline;
    private Thread thread;

    Run(Slot slot) {
      this.slot = slot;
    }

    @Override
    public void run() {
      synchronized (this) {
        if (state.get() != RUNNING) {
          // timed out before a thread picked it up: never started, nothing holds a thread
          abandoned.decrementAndGet();
          slot.inFlight.set(false);
          return;
        }
        thread = Thread.currentThread();
      }
      long start = clock.monotonicTime();
      CheckResult result = null;
      Throwable error = null;
      try {
        result = slot.spec.check().check();
      } catch (Throwable t) {
        error = t;
      }
      long nanos = clock.monotonicTime() - start;
      boolean won;
      synchronized (this) {
        won = state.compareAndSet(RUNNING, DONE);
        thread = null;
      }
      // an interrupt from the deadline may be pending: never leak it into the next run
      Thread.interrupted();
      if (won) {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
          d.cancel(false);
        }
        slot.inFlight.set(false);
        try {
          sink.completed(slot, result, null, error, nanos);
        } finally {
          delivered.complete(null);
        }
      } else {
        // the abandoned run returned: its thread is free and the check may run again
        abandoned.decrementAndGet();
        slot.inFlight.set(false);
      }
    }

    void timeout() {
      synchronized (this) {
        if (!state.compareAndSet(RUNNING, TIMED_OUT)) {
          return;
        }
        abandoned.incrementAndGet();
        if (thread != null) {
          thread.interrupt();
        }
      }
      // inFlight stays set: the run still holds its thread until the check returns
      try {
        sink.timedOut(slot);
        sink.completed(slot, null, slot.timeoutSummary, null, slot.timeoutNanos);
      } finally {
        delivered.complete(null);
      }
    }
  }

  static String format(Duration d) {
    long ms = d.toMillis();
    if (ms >= 1000 && ms % 1000 == 0) {
      return (ms / 1000) + "s";
    }
    if (ms >= 1) {
      return ms + "ms";
    }
    return d.toNanos() / 1000 + "us";
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
