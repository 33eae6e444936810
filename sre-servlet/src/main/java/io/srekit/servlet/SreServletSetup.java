package io.srekit.servlet;

import io.srekit.health.DrainCoordinator;
import io.srekit.health.HealthMonitor;
import io.srekit.http.HttpRouter;
import java.time.Duration;

/**
 * What {@link SreServletInitializer} registers: the endpoints (an {@link HttpRouter} served by
 * {@link SreEndpointsFilter}), the {@link SliFilter}, and the lifecycle of a {@link HealthMonitor}
 * (startup gate released at {@code contextInitialized}, drain at {@code contextDestroyed}).
 * Immutable; {@link Builder#build()} validates.
 */
public final class SreServletSetup {

  private final HttpRouter router;
  private final SliFilter sliFilter;
  private final HealthMonitor health;
  private final String startupGate;
  private final boolean drainOnDestroy;
  private final Duration drainTimeout;

  private SreServletSetup(Builder b) {
    this.router = b.router;
    this.sliFilter = b.sliFilter;
    this.health = b.health;
    this.startupGate = b.startupGate;
    this.drainOnDestroy = b.drainOnDestroy;
    this.drainTimeout = b.drainTimeout;
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The endpoints, or {@code null}. */
  public HttpRouter router() {
    return router;
  }

  /** The SLI filter, or {@code null}. */
  public SliFilter sliFilter() {
    return sliFilter;
  }

  /** The monitor, or {@code null}. */
  public HealthMonitor health() {
    return health;
  }

  /** The gate released at {@code contextInitialized}, or {@code null}. */
  public String startupGate() {
    return startupGate;
  }

  /** The lifecycle listener this setup asks for, or {@code null} when there is no monitor. */
  SreLifecycleListener lifecycleListener() {
    if (health == null) {
      return null;
    }
    DrainCoordinator drain = null;
    if (drainOnDestroy) {
      var inFlight =
          sliFilter != null ? sliFilter.inFlight() : io.srekit.health.InFlightRequests.create();
      drain =
          drainTimeout == null
              ? DrainCoordinator.of(health, inFlight)
              : DrainCoordinator.of(health, inFlight, drainTimeout);
    }
    return new SreLifecycleListener(health, startupGate, drain);
  }

  /** Builds a {@link SreServletSetup}. */
  public static final class Builder {
    private HttpRouter router;
    private SliFilter sliFilter;
    private HealthMonitor health;
    private String startupGate;
    private boolean drainOnDestroy = true;
    private Duration drainTimeout;

    private Builder() {}

    /** Endpoints to serve before every other filter. */
    public Builder router(HttpRouter router) {
      this.router = router;
      return this;
    }

    /** The SLI filter to register after the endpoints. */
    public Builder sliFilter(SliFilter sliFilter) {
      this.sliFilter = sliFilter;
      return this;
    }

    /** The monitor whose lifecycle follows the context's. */
    public Builder health(HealthMonitor health) {
      this.health = health;
      return this;
    }

    /** A startup gate of the monitor to release at {@code contextInitialized}. */
    public Builder startupGate(String gate) {
      this.startupGate = gate;
      return this;
    }

    /** Whether {@code contextDestroyed} drains (default {@code true} when a monitor is set). */
    public Builder drainOnDestroy(boolean drain) {
      this.drainOnDestroy = drain;
      return this;
    }

    /** Longest wait for requests in flight on destroy (default the monitor's drain delay). */
    public Builder drainTimeout(Duration timeout) {
      this.drainTimeout = timeout;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public SreServletSetup build() {
      if (router == null && sliFilter == null && health == null) {
        throw new IllegalArgumentException("router, sliFilter, health: set at least one, was none");
      }
      if (startupGate != null && health == null) {
        throw new IllegalArgumentException(
            "startupGate: needs health (the monitor owning the gate), was '" + startupGate + "'");
      }
      if (startupGate != null && !health.startupGates().contains(startupGate)) {
        throw new IllegalArgumentException(
            "startupGate: not a gate of the monitor "
                + health.startupGates()
                + ", was '"
                + startupGate
                + "'");
      }
      if (drainTimeout != null && drainTimeout.isNegative()) {
        throw new IllegalArgumentException("drainTimeout: must be >= 0, was " + drainTimeout);
      }
      return new SreServletSetup(this);
    }
  }
}
