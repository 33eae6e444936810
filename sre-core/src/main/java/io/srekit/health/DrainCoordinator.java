package io.srekit.health;

import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Shutdown for a server that counts its requests: fails readiness for good, then waits until no
 * request is in flight or the monitor's drain delay has passed, whichever comes first. Adapters
 * call {@link #drain()} when their container stops (e.g. a servlet context being destroyed); a
 * {@code preStop} hook that already waited the drain delay ({@link HealthMonitor#drain()}) makes
 * this return as soon as the last request ends.
 *
 * <pre>{@code
 * DrainCoordinator drain = DrainCoordinator.of(health, inFlight);
 * // container stopping:
 * boolean idle = drain.drain();
 * }</pre>
 */
public final class DrainCoordinator {

  private static final System.Logger LOG = System.getLogger("io.srekit.health");

  private final HealthMonitor monitor;
  private final InFlightRequests inFlight;
  private final Duration timeout;

  private DrainCoordinator(HealthMonitor monitor, InFlightRequests inFlight, Duration timeout) {
    this.monitor = monitor;
    this.inFlight = inFlight;
    this.timeout = timeout;
  }

  /**
   * A coordinator waiting at most the monitor's drain delay.
   *
   * @throws IllegalArgumentException naming a null parameter
   */
  public static DrainCoordinator of(HealthMonitor monitor, InFlightRequests inFlight) {
    if (monitor == null) {
      throw new IllegalArgumentException("monitor: must not be null");
    }
    return of(monitor, inFlight, monitor.drainDelay());
  }

  /**
   * A coordinator waiting at most {@code timeout} for requests in flight.
   *
   * @throws IllegalArgumentException naming a null or negative parameter
   */
  public static DrainCoordinator of(
      HealthMonitor monitor, InFlightRequests inFlight, Duration timeout) {
    if (monitor == null) {
      throw new IllegalArgumentException("monitor: must not be null");
    }
    if (inFlight == null) {
      throw new IllegalArgumentException("inFlight: must not be null");
    }
    if (timeout == null || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: must be >= 0, was " + timeout);
    }
    return new DrainCoordinator(monitor, inFlight, timeout);
  }

  /**
   * Fails readiness (the {@code shutdown} entry) and waits for requests in flight, at most the
   * timeout. Never throws; an interrupt ends the wait and is kept on the thread.
   *
   * @return whether every request in flight ended within the timeout
   */
  public boolean drain() {
    monitor.beginDrain();
    try {
      boolean idle = inFlight.awaitIdle(timeout);
      if (!idle) {
        LOG.log(
            Level.WARNING,
            "drain: {0} request(s) still in flight after {1}: {2}",
            inFlight.total(),
            timeout,
            inFlight.counts());
      }
      return idle;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return inFlight.total() == 0;
    }
  }

  /** The longest {@link #drain()} waits for requests in flight. */
  public Duration timeout() {
    return timeout;
  }

  /** The counters this coordinator waits on. */
  public InFlightRequests inFlight() {
    return inFlight;
  }
}
