package io.srekit.health;

/** Which probe a check can change. */
public enum Impact {
  /**
   * Fails {@code /livez} (the kubelet restarts the container). Local checks only, unless slow
   * escalation is opted into.
   */
  LIVENESS,
  /** Fails {@code /readyz} (the pod leaves the Service's endpoints). */
  READINESS,
  /** Reported (a failure shows as {@code warn}) but never changes a probe's status. */
  INFO
}
