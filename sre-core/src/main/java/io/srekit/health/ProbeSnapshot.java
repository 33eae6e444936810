package io.srekit.health;

import java.util.List;
import java.util.Set;

/**
 * One probe's answer in a {@link HealthSnapshot}: its status and the entries it was computed from,
 * in a stable order.
 *
 * @param probe which probe
 * @param status {@code FAIL} if any critical entry fails, else {@code WARN} if any entry warns or a
 *     non-critical entry fails, else {@code PASS}
 * @param entries srekit's own entries (e.g. {@code shutdown}) and the checks that matter here
 */
public record ProbeSnapshot(Probe probe, HealthStatus status, List<Entry> entries) {

  /** Copies the entries. */
  public ProbeSnapshot {
    entries = List.copyOf(entries);
  }

  /**
   * One line of a probe.
   *
   * @param name check or entry name
   * @param status the entry's own status (a non-critical failure is {@code WARN})
   * @param critical whether a failure fails the probe
   * @param excluded excluded by configuration (reported, never critical)
   * @param summary a srekit-made reason safe for anyone, or {@code null}
   * @param detail the check's reason, shown only when authorized, or {@code null}
   * @param failureId short id of the failure episode (also logged), or {@code null}
   * @param timeMillis wall time of the result behind this entry, 0 if none
   * @param durationNanos duration of the last run, 0 for srekit's own entries
   * @param kind the check's kind, {@code null} for srekit's own entries
   */
  public record Entry(
      String name,
      HealthStatus status,
      boolean critical,
      boolean excluded,
      String summary,
      String detail,
      String failureId,
      long timeMillis,
      long durationNanos,
      CheckKind kind) {

    /**
     * Whether a request's {@code ?exclude=} may leave this entry out: only checks may. srekit's own
     * entries ({@code startup}, {@code shutdown}, {@code ready}, {@code broken}, {@code scheduler})
     * never can, so no query makes a draining, starting or broken instance look healthy.
     */
    public boolean excludable() {
      return kind != null;
    }

    /** Whether {@code excluded} (a request's exclusions) leaves this entry out. */
    public boolean excludedBy(Set<String> excluded) {
      return kind != null && excluded.contains(name);
    }
  }

  /** The entry called {@code name}, or {@code null}. */
  public Entry entry(String name) {
    for (Entry e : entries) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /**
   * The status recomputed as if the named checks were excluded (names it lacks, and srekit's own
   * entries, are ignored).
   */
  public HealthStatus statusExcluding(Set<String> names) {
    if (names.isEmpty()) {
      return status;
    }
    return aggregate(entries, names);
  }

  static HealthStatus aggregate(List<Entry> entries, Set<String> excluded) {
    HealthStatus s = HealthStatus.PASS;
    for (Entry e : entries) {
      if (e.excludedBy(excluded)) {
        continue;
      }
      if (e.status() == HealthStatus.FAIL && e.critical()) {
        return HealthStatus.FAIL;
      }
      if (e.status() != HealthStatus.PASS) {
        s = HealthStatus.WARN;
      }
    }
    return s;
  }
}
