package io.srekit.spring;

import io.srekit.health.DrainCoordinator;
import io.srekit.health.HealthMonitor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Bridges srekit's health and Spring's application lifecycle:
 *
 * <ul>
 *   <li>{@link ApplicationReadyEvent} releases the startup gate {@link #STARTUP_GATE}.
 *   <li>Spring's {@link LivenessState#BROKEN} marks the monitor broken.
 *   <li>When srekit drains (shutdown or {@code /drainz}), Spring's readiness becomes {@link
 *       ReadinessState#REFUSING_TRAFFIC}.
 *   <li>On stop, in a phase before the web server's graceful shutdown, drains: readiness fails at
 *       once; if the application serves HTTP, it keeps serving until the drain delay has passed
 *       since the drain began (the time load balancers and Kubernetes endpoints need to stop
 *       sending; no wait left if a {@code preStop} hook already drained through {@code /drainz}),
 *       then it waits for the requests still in flight, at most the drain delay again, and the web
 *       server's graceful shutdown takes over.
 * </ul>
 */
public final class SreLifecycle implements SmartLifecycle, ApplicationListener<ApplicationEvent> {

  /** The startup gate released on {@link ApplicationReadyEvent}. */
  public static final String STARTUP_GATE = "application-ready";

  /** Phase: stops before the web server's graceful shutdown ({@code MAX_VALUE - 1024}). */
  public static final int PHASE = Integer.MAX_VALUE - 512;

  private final HealthMonitor monitor;
  private final DrainCoordinator drain;
  private final ApplicationEventPublisher publisher;
  private final AtomicBoolean refusing = new AtomicBoolean();
  private volatile boolean running;
  private volatile boolean serving;

  /** Bridges {@code monitor}, draining with {@code drain}, publishing on {@code publisher}. */
  public SreLifecycle(
      HealthMonitor monitor, DrainCoordinator drain, ApplicationEventPublisher publisher) {
    this.monitor = monitor;
    this.drain = drain;
    this.publisher = publisher;
    monitor.addListener(
        t -> {
          if (t.snapshot().draining()) {
            publishRefusing();
          }
        });
  }

  private void publishRefusing() {
    if (refusing.compareAndSet(false, true)) {
      AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
    }
  }

  @Override
  public void onApplicationEvent(ApplicationEvent event) {
    if (event instanceof ApplicationReadyEvent) {
      if (monitor.startupGates().contains(STARTUP_GATE)) {
        monitor.releaseGate(STARTUP_GATE);
      }
    } else if (isWebServerInitialized(event)) {
      serving = true;
    } else if (event instanceof AvailabilityChangeEvent<?> change
        && change.getState() == LivenessState.BROKEN) {
      monitor.markBroken("Spring liveness state BROKEN");
    }
  }

  /**
   * Whether {@code event} says an embedded web server started (Boot's {@code
   * WebServerInitializedEvent}, matched by name: spring-boot-web-server is not a dependency of
   * ours, and an application deployed to an external container has none).
   */
  static boolean isWebServerInitialized(ApplicationEvent event) {
    for (Class<?> c = event.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(WEB_SERVER_INITIALIZED)) {
        return true;
      }
    }
    return false;
  }

  private static final String WEB_SERVER_INITIALIZED =
      "org.springframework.boot.web.server.context.WebServerInitializedEvent";

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    try {
      monitor.beginDrain();
      publishRefusing();
      if (serving) {
        try {
          monitor.drain(); // keeps serving for the rest of the drain delay
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      drain.drain();
    } finally {
      running = false;
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
