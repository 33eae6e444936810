package io.srekit.health;

import java.util.List;

/**
 * An immutable view of health that probes read: every check's damped state, the lifecycle flags and
 * each probe's precomputed answer. A new snapshot is published (through a volatile reference) after
 * every check result and lifecycle change; {@link #version()} increases with each.
 *
 * @param version increasing number of this snapshot
 * @param wallTimeMillis when it was computed (epoch millis)
 * @param startupComplete whether startup has latched (gates released, critical checks reported)
 * @param draining whether drain has begun (readiness fails from then on)
 * @param broken whether the app marked itself broken (liveness fails)
 * @param checks every registered check, in registration order
 * @param liveness {@code /livez}
 * @param readiness {@code /readyz}
 * @param startup {@code /startupz}
 * @param aggregate liveness and readiness together
 */
public record HealthSnapshot(
    long version,
    long wallTimeMillis,
    boolean startupComplete,
    boolean draining,
    boolean broken,
    List<CheckSnapshot> checks,
    ProbeSnapshot liveness,
    ProbeSnapshot readiness,
    ProbeSnapshot startup,
    ProbeSnapshot aggregate) {

  /** Copies the checks. */
  public HealthSnapshot {
    checks = List.copyOf(checks);
  }

  /** The answer of {@code probe}. */
  public ProbeSnapshot probe(Probe probe) {
    return switch (probe) {
      case LIVENESS -> liveness;
      case READINESS -> readiness;
      case STARTUP -> startup;
      case AGGREGATE -> aggregate;
    };
  }

  /** The check called {@code name}, or {@code null}. */
  public CheckSnapshot check(String name) {
    for (CheckSnapshot c : checks) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }
}
