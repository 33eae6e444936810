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
 *   <li>On stop, in a phase before the web server's graceful shutdown, drains: readiness fails,
 *       then it waits until no request is in flight or the drain delay has passed.
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
    } else if (event instanceof AvailabilityChangeEvent<?> change
        && change.getState() == LivenessState.BROKEN) {
      monitor.markBroken("Spring liveness state BROKEN");
    }
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    try {
      monitor.beginDrain();
      publishRefusing();
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
