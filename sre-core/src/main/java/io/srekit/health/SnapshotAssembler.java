package io.srekit.health;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns the monitor's guarded state into an immutable {@link HealthSnapshot}. */
final class SnapshotAssembler {

  private static final Set<String> NONE = Set.of();

  private SnapshotAssembler() {}

  /** The lifecycle and check state at one moment, read under the monitor's lock. */
  record State(
      long version,
      long wallMillis,
      long nowNanos,
      List<CheckState> checks,
      Map<String, Boolean> gates,
      Set<String> excluded,
      boolean startupComplete,
      boolean draining,
      String brokenReason,
      String notReadyReason) {}

  static HealthSnapshot assemble(State st) {
    List<CheckSnapshot> checks = new ArrayList<>(st.checks().size());
    for (CheckState c : st.checks()) {
      checks.add(c.snapshot(st.nowNanos()));
    }
    List<ProbeSnapshot.Entry> live = new ArrayList<>();
    List<ProbeSnapshot.Entry> ready = new ArrayList<>();
    List<ProbeSnapshot.Entry> start = new ArrayList<>();

    ProbeSnapshot.Entry broken =
        st.brokenReason() == null
            ? own("broken", HealthStatus.PASS, null, null, st.wallMillis())
            : own("broken", HealthStatus.FAIL, "marked broken", st.brokenReason(), st.wallMillis());
    live.add(broken);
    live.add(own("scheduler", HealthStatus.PASS, null, null, st.wallMillis()));

    ready.add(
        st.startupComplete()
            ? own("startup", HealthStatus.PASS, null, null, st.wallMillis())
            : own("startup", HealthStatus.FAIL, "startup not complete", null, st.wallMillis()));
    ready.add(
        st.draining()
            ? own("shutdown", HealthStatus.FAIL, "draining", null, st.wallMillis())
            : own("shutdown", HealthStatus.PASS, null, null, st.wallMillis()));
    ready.add(
        st.notReadyReason() == null
            ? own("ready", HealthStatus.PASS, null, null, st.wallMillis())
            : own(
                "ready",
                HealthStatus.FAIL,
                "marked not ready",
                st.notReadyReason(),
                st.wallMillis()));
    ready.add(broken);

    for (Map.Entry<String, Boolean> g : st.gates().entrySet()) {
      start.add(
          g.getValue()
              ? own(g.getKey(), HealthStatus.PASS, null, null, st.wallMillis())
              : own(g.getKey(), HealthStatus.FAIL, "gate not released", null, st.wallMillis()));
    }

    for (int i = 0; i < checks.size(); i++) {
      CheckSnapshot c = checks.get(i);
      boolean excluded = st.excluded().contains(c.name());
      switch (c.impact()) {
        case LIVENESS -> live.add(entry(c, !excluded, excluded, false));
        case READINESS -> ready.add(entry(c, !excluded, excluded, true));
        case INFO -> ready.add(entry(c, false, false, true));
      }
      if (c.impact() != Impact.INFO && !excluded) {
        boolean has = st.checks().get(i).hasResult();
        start.add(
            new ProbeSnapshot.Entry(
                c.name(),
                has ? HealthStatus.PASS : HealthStatus.FAIL,
                true,
                false,
                has ? null : CheckState.NO_RESULT,
                null,
                null,
                c.lastResultMillis(),
                c.lastDurationNanos(),
                c.kind()));
      }
    }

    ProbeSnapshot liveness = probe(Probe.LIVENESS, live);
    ProbeSnapshot readiness = probe(Probe.READINESS, ready);
    ProbeSnapshot startup =
        st.startupComplete()
            ? new ProbeSnapshot(Probe.STARTUP, HealthStatus.PASS, start)
            : probe(Probe.STARTUP, start);
    List<ProbeSnapshot.Entry> all = new ArrayList<>(live);
    Set<String> seen = new HashSet<>();
    for (ProbeSnapshot.Entry e : live) {
      seen.add(e.name());
    }
    for (ProbeSnapshot.Entry e : ready) {
      if (seen.add(e.name())) {
        all.add(e);
      }
    }
    return new HealthSnapshot(
        st.version(),
        st.wallMillis(),
        st.startupComplete(),
        st.draining(),
        st.brokenReason() != null,
        checks,
        liveness,
        readiness,
        startup,
        probe(Probe.AGGREGATE, all));
  }

  /** A copy of {@code s} whose liveness (and aggregate) report the scheduler as stalled. */
  static HealthSnapshot withSchedulerStalled(HealthSnapshot s, String summary) {
    return new HealthSnapshot(
        s.version(),
        s.wallTimeMillis(),
        s.startupComplete(),
        s.draining(),
        s.broken(),
        s.checks(),
        replaceScheduler(s.liveness(), summary),
        s.readiness(),
        s.startup(),
        replaceScheduler(s.aggregate(), summary));
  }

  private static ProbeSnapshot replaceScheduler(ProbeSnapshot p, String summary) {
    List<ProbeSnapshot.Entry> entries = new ArrayList<>(p.entries());
    for (int i = 0; i < entries.size(); i++) {
      ProbeSnapshot.Entry e = entries.get(i);
      if (e.name().equals("scheduler")) {
        entries.set(
            i,
            new ProbeSnapshot.Entry(
                e.name(),
                HealthStatus.FAIL,
                true,
                false,
                summary,
                null,
                null,
                e.timeMillis(),
                0,
                null));
      }
    }
    return probe(p.probe(), entries);
  }

  private static ProbeSnapshot probe(Probe p, List<ProbeSnapshot.Entry> entries) {
    return new ProbeSnapshot(p, ProbeSnapshot.aggregate(entries, NONE), entries);
  }

  private static ProbeSnapshot.Entry own(
      String name, HealthStatus status, String summary, String detail, long wallMillis) {
    return new ProbeSnapshot.Entry(
        name, status, true, false, summary, detail, null, wallMillis, 0, null);
  }

  private static ProbeSnapshot.Entry entry(
      CheckSnapshot c, boolean critical, boolean excluded, boolean staleFails) {
    HealthStatus s = c.status();
    String summary = c.summary();
    if (staleFails && c.stale()) {
      s = HealthStatus.FAIL;
      summary = CheckState.STALE;
    }
    if (!critical && s == HealthStatus.FAIL) {
      s = HealthStatus.WARN;
    }
    return new ProbeSnapshot.Entry(
        c.name(),
        s,
        critical,
        excluded,
        summary,
        c.detail(),
        s == HealthStatus.PASS ? null : c.failureId(),
        c.lastResultMillis(),
        c.lastDurationNanos(),
        c.kind());
  }
}
