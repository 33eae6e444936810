package io.srekit.health;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a {@link HealthMonitor}; {@link #build()} validates the whole configuration and names the
 * bad parameter and value.
 */
public final class HealthMonitorBuilder {

  final List<CheckSpec> checks = new ArrayList<>();
  final List<String> gates = new ArrayList<>();
  final List<String> excludeFromReadiness = new ArrayList<>();
  final List<HealthListener> listeners = new ArrayList<>();
  Duration drainDelay = Duration.ofSeconds(5);
  Duration heartbeatInterval = Duration.ofSeconds(1);
  Duration heartbeatTimeout = Duration.ofSeconds(30);
  Clock clock = Clock.SYSTEM;
  MeterRegistry registry;

  /**
   * The most checks and startup gates one monitor takes together: with names of the longest allowed
   * length, every check failing, every probe answer a caller without details sees stays under 10
   * KiB (the most the kubelet reads of a probe body).
   */
  public static final int MAX_ENTRIES = 32;

  HealthMonitorBuilder() {}

  /** Registers a check. */
  public HealthMonitorBuilder check(CheckSpec check) {
    checks.add(check);
    return this;
  }

  /** Registers a local readiness check with the defaults. */
  public HealthMonitorBuilder check(String name, HealthCheck check) {
    return check(CheckSpec.builder(name, check).build());
  }

  /** Startup gates: readiness and {@code /startupz} fail until each is released. */
  public HealthMonitorBuilder startupGates(String... names) {
    gates.addAll(Arrays.asList(names));
    return this;
  }

  /**
   * Checks that still run and are reported but never fail readiness (an operator's switch for a
   * misbehaving check). Every name must be a registered check.
   */
  public HealthMonitorBuilder excludeFromReadiness(String... names) {
    excludeFromReadiness.addAll(Arrays.asList(names));
    return this;
  }

  /** Time {@link HealthMonitor#drain()} keeps serving after readiness fails (default 5 s). */
  public HealthMonitorBuilder drainDelay(Duration drainDelay) {
    this.drainDelay = drainDelay;
    return this;
  }

  /** How often the scheduler re-evaluates staleness and beats (default 1 s). */
  public HealthMonitorBuilder heartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = heartbeatInterval;
    return this;
  }

  /** Past this without a heartbeat, liveness fails its {@code scheduler} entry (default 30 s). */
  public HealthMonitorBuilder heartbeatTimeout(Duration heartbeatTimeout) {
    this.heartbeatTimeout = heartbeatTimeout;
    return this;
  }

  /** The clock for result times, staleness and the heartbeat (default {@link Clock#SYSTEM}). */
  public HealthMonitorBuilder clock(Clock clock) {
    this.clock = clock;
    return this;
  }

  /** Where to register the health meters (default none). */
  public HealthMonitorBuilder meterRegistry(MeterRegistry registry) {
    this.registry = registry;
    return this;
  }

  /** Adds a transition listener. */
  public HealthMonitorBuilder listener(HealthListener listener) {
    listeners.add(listener);
    return this;
  }

  /**
   * Validates and builds (not started: call {@link HealthMonitor#start()}).
   *
   * @throws IllegalArgumentException naming the parameter and the bad value
   */
  public HealthMonitor build() {
    Set<String> names = new LinkedHashSet<>();
    for (CheckSpec c : checks) {
      if (c == null) {
        throw new IllegalArgumentException("check: must not be null");
      }
      if (!names.add(c.name())) {
        throw new IllegalArgumentException("check: duplicate check name '" + c.name() + "'");
      }
    }
    if (checks.size() + gates.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "checks: at most "
              + MAX_ENTRIES
              + " checks and startup gates together (so every probe answer stays well under the"
              + " kubelet's 10 KiB), was "
              + checks.size()
              + " checks and "
              + gates.size()
              + " gates");
    }
    Set<String> gateNames = new LinkedHashSet<>();
    for (String g : gates) {
      if (g == null || !CheckSpec.NAME.matcher(g).matches()) {
        throw new IllegalArgumentException(
            "startupGates: must be " + CheckSpec.NAME_RULE + ", was '" + g + "'");
      }
      if (CheckSpec.RESERVED_NAMES.contains(g) || names.contains(g)) {
        throw new IllegalArgumentException(
            "startupGates: '" + g + "' is already a check or reserved name, was '" + g + "'");
      }
      if (!gateNames.add(g)) {
        throw new IllegalArgumentException("startupGates: duplicate gate '" + g + "'");
      }
    }
    for (String e : excludeFromReadiness) {
      if (!names.contains(e)) {
        throw new IllegalArgumentException(
            "excludeFromReadiness: unknown check '" + e + "', known: " + new TreeSet<>(names));
      }
    }
    if (drainDelay == null || drainDelay.isNegative()) {
      throw new IllegalArgumentException("drainDelay: must be >= 0, was " + drainDelay);
    }
    if (heartbeatInterval == null || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
      throw new IllegalArgumentException(
          "heartbeatInterval: must be positive, was " + heartbeatInterval);
    }
    if (heartbeatTimeout == null
        || heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException(
          "heartbeatTimeout: must be at least 2 × heartbeatInterval ("
              + heartbeatInterval.multipliedBy(2)
              + "), was "
              + heartbeatTimeout);
    }
    if (clock == null) {
      throw new IllegalArgumentException("clock: must not be null");
    }
    for (HealthListener l : listeners) {
      if (l == null) {
        throw new IllegalArgumentException("listener: must not be null");
      }
    }
    return new HealthMonitor(this);
  }
}
