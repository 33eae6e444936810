package io.srekit.sli;

/**
 * The class of one recorded event, rendered as the {@code outcome} label.
 *
 * <p>Availability SLOs count {@link #ERROR} as bad and {@link #INVALID} as not valid (neither good
 * nor bad), e.g. client aborts when an adapter is configured to keep them out of the SLO.
 */
public enum Outcome {
  /** The request was served as intended. */
  SUCCESS("success"),
  /** The request failed because of the service (by default: 5xx or an uncaught exception). */
  ERROR("error"),
  /** The event is recorded but excluded from availability (e.g. a client abort). */
  INVALID("invalid");

  private static final Outcome[] VALUES = values();

  private final String label;

  Outcome(String label) {
    this.label = label;
  }

  /** The value of the {@code outcome} label, e.g. {@code "success"}. */
  public String label() {
    return label;
  }

  /** Number of outcomes; every resolved series carries one histogram per outcome. */
  public static int count() {
    return VALUES.length;
  }

  /**
   * The outcome whose label is {@code label}.
   *
   * @throws IllegalArgumentException naming the value if no outcome has that label
   */
  public static Outcome ofLabel(String label) {
    for (Outcome o : VALUES) {
      if (o.label.equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "outcome: must be one of success, error, invalid, was '" + label + "'");
  }

  static Outcome ofOrdinal(int ordinal) {
    return VALUES[ordinal];
  }
}
