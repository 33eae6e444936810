package io.srekit.health;

/** The probes a {@link HealthSnapshot} answers. */
public enum Probe {
  /** Process-local health ({@code /livez}). */
  LIVENESS("livez"),
  /** Ready for traffic ({@code /readyz}). */
  READINESS("readyz"),
  /** Startup finished ({@code /startupz}); latches once passed. */
  STARTUP("startupz"),
  /** Liveness and readiness together (optionally {@code /healthz}). */
  AGGREGATE("healthz");

  private final String shortName;

  Probe(String shortName) {
    this.shortName = shortName;
  }

  /** The Kubernetes-style name, e.g. {@code readyz}. */
  public String shortName() {
    return shortName;
  }
}
