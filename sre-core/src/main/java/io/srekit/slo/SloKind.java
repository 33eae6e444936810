package io.srekit.slo;

/** What an SLO counts as bad. */
public enum SloKind {
  /** Bad events are the SLI's {@code error} outcome. */
  AVAILABILITY("availability"),
  /** Bad events are those slower than the SLO's threshold. */
  LATENCY("latency");

  private final String label;

  SloKind(String label) {
    this.label = label;
  }

  /** {@code availability} or {@code latency}, as in {@code /slo} and the rules. */
  public String label() {
    return label;
  }
}
