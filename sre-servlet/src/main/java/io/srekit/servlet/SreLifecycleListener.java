package io.srekit.servlet;

import io.srekit.health.DrainCoordinator;
import io.srekit.health.HealthMonitor;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Ties the servlet context's lifecycle to the {@link HealthMonitor}: {@code contextInitialized}
 * releases a startup gate; {@code contextDestroyed} drains (readiness fails, then it waits until no
 * request is in flight or the drain delay has passed, see {@link DrainCoordinator}).
 *
 * <pre>{@code
 * context.addListener(new SreLifecycleListener(health, "servlet-context",
 *     DrainCoordinator.of(health, sliFilter.inFlight())));
 * }</pre>
 */
public final class SreLifecycleListener implements ServletContextListener {

  private final HealthMonitor monitor;
  private final String startupGate;
  private final DrainCoordinator drain;

  /**
   * A listener releasing {@code startupGate} (or none when {@code null}) and draining with {@code
   * drain} (or not at all when {@code null}).
   *
   * @throws IllegalArgumentException if {@code monitor} is null or has no such gate
   */
  public SreLifecycleListener(HealthMonitor monitor, String startupGate, DrainCoordinator drain) {
    if (monitor == null) {
      throw new IllegalArgumentException("monitor: must not be null");
    }
    if (startupGate != null && !monitor.startupGates().contains(startupGate)) {
      throw new IllegalArgumentException(
          "startupGate: not a gate of the monitor "
              + monitor.startupGates()
              + ", was '"
              + startupGate
              + "'");
    }
    this.monitor = monitor;
    this.startupGate = startupGate;
    this.drain = drain;
  }

  @Override
  public void contextInitialized(ServletContextEvent event) {
    if (startupGate != null) {
      monitor.releaseGate(startupGate);
    }
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (drain != null) {
      drain.drain();
    }
  }
}
