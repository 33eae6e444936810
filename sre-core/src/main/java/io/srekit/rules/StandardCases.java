package io.srekit.rules;

import io.srekit.rules.PromtoolTests.AlertCheck;
import io.srekit.rules.PromtoolTests.ExprCheck;
import io.srekit.rules.PromtoolTests.TestCase;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.BurnRateAlert.Severity;
import io.srekit.slo.PromDuration;
import io.srekit.slo.Slo;
import io.srekit.slo.SloKind;
import io.srekit.slo.SloStatus;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cases of {@link PromtoolTests#standard}, each a named test group whose expectations come from
 * the engine's replay of its scenario (or, for the seed alert, from exact integer arithmetic on the
 * same counts). The names are stable: tests pick cases by name.
 */
final class StandardCases {

  static final String SLOW_INCIDENT = "slow-incident";
  static final String ERROR_INCIDENT = "error-incident";
  static final String ZERO_TRAFFIC = "zero-traffic";
  static final String UNEVEN_TRAFFIC = "uneven-traffic";
  static final String TICKET_SLOW_BURN = "ticket-slow-burn";
  static final String SLI_MISSING_AND_DRIFT = "sli-missing-and-drift";
  static final String SLI_PRESENT_SAME_DEFINITION = "sli-present-same-definition";
  static final String FLEET = "fleet";
  static final String SEED_PREFIX = "seed-alert-";

  /** The uneven case's check minutes: half an hour into the 10/min hour, and its end. */
  static final int UNEVEN_MID = 1530;

  static final int UNEVEN_END = 1560;

  private final SloRules rules;
  private final List<TestCase> cases = new ArrayList<>();

  private StandardCases(SloRules rules) {
    this.rules = rules;
  }

  static List<TestCase> of(SloRules rules) {
    StandardCases c = new StandardCases(rules);
    boolean latency = rules.slos().stream().anyMatch(s -> s.kind() == SloKind.LATENCY);
    boolean availability = rules.slos().stream().anyMatch(s -> s.kind() == SloKind.AVAILABILITY);
    if (latency) {
      c.incident(
          SLOW_INCIDENT,
          "A 50 %-slow incident of 30 min after 6 quiet hours, then 40 min of recovery",
          0,
          50);
    }
    if (availability) {
      c.incident(
          ERROR_INCIDENT,
          "A 50 %-error incident of 30 min after 6 quiet hours, then 40 min of recovery",
          50,
          0);
    }
    c.zeroTraffic();
    c.uneven();
    c.ticketSlowBurn();
    c.cases.addAll(MissingAndDriftCases.of(rules));
    c.fleet();
    for (Slo s : rules.slos()) {
      if (s.kind() == SloKind.LATENCY) {
        c.cases.add(SeedCase.of(rules, s));
      }
    }
    return List.copyOf(c.cases);
  }

  private void incident(String name, String comment, long errors, long slow) {
    Scenario s =
        Scenario.builder()
            .minutes(360, 100, 0, 0)
            .minutes(30, 100, errors, slow)
            .minutes(40, 100, 0, 0)
            .build();
    ScenarioRun run = ScenarioRun.replay(s, rules.slos());
    cases.add(
        new TestCase(
            name,
            comment
                + ".\nIncident from 360m to 390m; +10 min is 370m, +20 min"
                + " is 380m, recovery at 390m.",
            PromtoolTests.inputSeries(rules, run),
            PromtoolTests.stableAlertChecks(rules, run, 355, run.samples() - 1, 1),
            List.of()));
  }

  private void zeroTraffic() {
    ScenarioRun run = ScenarioRun.replay(Scenario.builder().quiet(60).build(), rules.slos());
    List<ExprCheck> exprs = new ArrayList<>();
    List<AlertCheck> alerts = new ArrayList<>();
    for (Slo slo : rules.slos()) {
      String id = id(slo);
      for (String w : rules.recordedWindows(slo)) {
        exprs.add(
            new ExprCheck(
                60,
                SloRules.errorRatioRecord(w) + id,
                null,
                null,
                w.equals(rules.recordedWindows(slo).get(0))
                    ? "Zero traffic: no sample (not NaN, not 0) for " + slo.name()
                    : null));
      }
      for (String r :
          List.of(
              "slo:current_burn_rate:ratio",
              "slo:period_burn_rate:ratio",
              "slo:period_error_budget_remaining:ratio")) {
        exprs.add(new ExprCheck(60, r + id, null, null, null));
      }
      for (Severity sev : PromtoolTests.severities(slo)) {
        alerts.add(new AlertCheck(60, rules.alertName(slo, sev), List.of(), List.of(), null));
      }
    }
    cases.add(
        new TestCase(
            ZERO_TRAFFIC,
            "Zero traffic for an hour: the series exist at 0, no ratio is recorded",
            PromtoolTests.inputSeries(rules, run),
            alerts,
            exprs));
  }

  /**
   * More than a day, so the period differs from the 1d window: a day at 100/min without bad events,
   * 60 min at 1000/min (1 % bad), 60 min at 10/min (50 % bad). Checked at 1530m (the shortest
   * window differs from 1h) and 1560m (the end); both are multiples of 5 minutes, where the
   * engine's day-long windows are exact.
   */
  private void uneven() {
    Scenario s =
        Scenario.builder()
            .minutes(1440, 100, 0, 0)
            .minutes(60, 1000, 10, 10)
            .minutes(60, 10, 5, 5)
            .build();
    ScenarioRun run = ScenarioRun.replay(s, rules.slos());
    List<ExprCheck> exprs = new ArrayList<>();
    for (int minute : new int[] {UNEVEN_MID, UNEVEN_END}) {
      for (Slo slo : rules.slos()) {
        SloStatus st = run.status(minute, slo.name());
        String id = id(slo);
        String shortest = rules.recordedWindows(slo).get(0);
        String period = SloRules.periodWindow(slo);
        SloStatus.WindowStatus day = st.windows().get("1d");
        exprs.add(
            PromtoolTests.near(
                minute,
                SloRules.errorRatioRecord(period) + id,
                st.period().errorRatio(),
                "At "
                    + minute
                    + "m, the period ratio of sums for "
                    + slo.name()
                    + ": "
                    + st.period().badEvents()
                    + " / "
                    + st.period().validEvents()
                    + (day == null ? "" : " (the 1d window: " + ratio(day) + ")")
                    + "; a mean of "
                    + shortest
                    + " ratios would say "
                    + meanOfRatios(run, slo, shortest, minute)));
        exprs.add(
            PromtoolTests.near(
                minute,
                SloRules.errorRatioRecord(shortest) + id,
                st.windows().get(shortest).errorRatio(),
                null));
        exprs.add(
            PromtoolTests.near(
                minute,
                "slo:current_burn_rate:ratio" + id,
                st.windows().get(shortest).burnRate(),
                "Derived recordings: burn rates of the shortest window and the period, budget"
                    + " remaining, objective, budget, days"));
        exprs.add(
            PromtoolTests.near(
                minute, "slo:period_burn_rate:ratio" + id, st.period().burnRate(), null));
        exprs.add(
            PromtoolTests.near(
                minute, "slo:period_error_budget_remaining:ratio" + id, st.remaining(), null));
        exprs.add(
            PromtoolTests.near(
                minute, "slo:objective:ratio" + id, slo.objective().doubleValue(), null));
        exprs.add(
            PromtoolTests.near(
                minute, "slo:error_budget:ratio" + id, slo.errorBudget().doubleValue(), null));
        exprs.add(
            PromtoolTests.near(
                minute,
                "slo:time_period:days" + id,
                slo.period().nominalLength().toHours() / 24.0,
                null));
      }
    }
    cases.add(
        new TestCase(
            UNEVEN_TRAFFIC,
            "Uneven traffic: a day at 100/min (no bad events), 60 min at 1000/min (1 % bad), then"
                + " 60 min at 10/min (50 % bad)",
            PromtoolTests.inputSeries(rules, run),
            List.of(),
            exprs));
  }

  private static String ratio(SloStatus.WindowStatus w) {
    return w.badEvents() + " / " + w.validEvents();
  }

  /** The mean of the error ratios of consecutive {@code window}s up to {@code minute}. */
  private static String meanOfRatios(ScenarioRun run, Slo slo, String window, int minute) {
    int step = (int) PromDuration.parse(window).toMinutes();
    double sum = 0;
    int n = 0;
    for (int m = step; m <= minute; m += step) {
      double r = run.status(m, slo.name()).windows().get(window).errorRatio();
      if (!Double.isNaN(r)) {
        sum += r;
        n++;
      }
    }
    return new BigDecimal(sum / n).round(new MathContext(3)).toPlainString();
  }

  /**
   * A slow burn at 1.5x the budget (of the first availability and the first latency SLO) for 6
   * hours after an hour without bad events, then recovery. With the workbook's policy only the
   * 3d/6h ticket (1x) fires; the 1d/2h ticket (3x) and the pages stay silent, so a ticket threshold
   * divided by 10 fires early and fails.
   */
  private void ticketSlowBurn() {
    long valid = 2000;
    long errors = burn(SloKind.AVAILABILITY, valid);
    long slow = Math.min(burn(SloKind.LATENCY, valid), valid - errors);
    Scenario s =
        Scenario.builder()
            .minutes(60, valid, 0, 0)
            .minutes(360, valid, errors, slow)
            .minutes(150, valid, 0, 0)
            .build();
    ScenarioRun run = ScenarioRun.replay(s, rules.slos());
    cases.add(
        new TestCase(
            TICKET_SLOW_BURN,
            "A slow burn at 1.5x the budget: 60 min at "
                + valid
                + "/min without bad events, 360 min with "
                + errors
                + " errors and "
                + slow
                + " slow per minute, 150 min of recovery.\nIn the engine: "
                + firingSpans(run)
                + ".\nChecked every 5 minutes where the engine's state is stable.",
            PromtoolTests.inputSeries(rules, run),
            PromtoolTests.stableAlertChecks(rules, run, 5, run.samples() - 1, 5),
            List.of()));
  }

  private long burn(SloKind kind, long valid) {
    for (Slo slo : rules.slos()) {
      if (slo.kind() == kind) {
        BigDecimal perMinute =
            slo.errorBudget()
                .multiply(new BigDecimal("1.5"))
                .multiply(BigDecimal.valueOf(valid))
                .setScale(0, RoundingMode.HALF_UP);
        return Math.max(1, perMinute.longValueExact());
      }
    }
    return 0;
  }

  /** Which pairs fire when in the engine, e.g. {@code login-latency 3d/6h 300m-545m}. */
  private static String firingSpans(ScenarioRun run) {
    List<String> out = new ArrayList<>();
    for (Slo slo : run.slos()) {
      List<BurnRateAlert> defs = slo.alerts().alerts();
      for (int i = 0; i < defs.size(); i++) {
        int first = -1;
        int last = -1;
        for (int m = 0; m < run.samples(); m++) {
          if (run.firing(m, slo.name(), i)) {
            first = first < 0 ? m : first;
            last = m;
          }
        }
        String pair =
            PromDuration.format(defs.get(i).longWindow())
                + "/"
                + PromDuration.format(defs.get(i).shortWindow());
        out.add(
            slo.name()
                + " "
                + pair
                + (first < 0 ? " silent" : " fires " + first + "m to " + last + "m"));
      }
    }
    return String.join("; ", out);
  }

  /**
   * Two instances in two pods (series differing in {@code instance} and {@code pod}); with {@code
   * matchBothLeSpellings}, the second spells {@code le} like a Prometheus 2 client ({@code "1"}).
   * The ratios and alerts must be those of the engine fed the two instances' traffic together: one
   * SLO for the fleet, each bucket counted once. Only when the rules aggregate away both labels.
   */
  private void fleet() {
    List<String> away = rules.options().aggregateAway();
    Map<String, String> selector = rules.options().selector();
    if (!away.contains("instance")
        || !away.contains("pod")
        || selector.containsKey("instance")
        || selector.containsKey("pod")) {
      return;
    }
    Scenario a = Scenario.builder().minutes(30, 100, 0, 0).minutes(30, 100, 10, 20).build();
    Scenario b = Scenario.builder().minutes(30, 50, 0, 0).minutes(30, 50, 1, 2).build();
    ScenarioRun runA = ScenarioRun.replay(a, rules.slos());
    ScenarioRun runB = ScenarioRun.replay(b, rules.slos());
    ScenarioRun both = ScenarioRun.replay(a.plus(b), rules.slos());
    boolean shortLe = rules.options().matchBothLeSpellings();
    List<String> series = new ArrayList<>();
    series.addAll(PromtoolTests.inputSeries(rules, runA, target("user-auth-0", "10.0.0.1"), false));
    series.addAll(
        PromtoolTests.inputSeries(rules, runB, target("user-auth-1", "10.0.0.2"), shortLe));
    List<ExprCheck> exprs = new ArrayList<>();
    for (Slo slo : rules.slos()) {
      String id = id(slo);
      List<String> windows = rules.recordedWindows(slo);
      for (int minute : new int[] {30, 45, 60}) {
        SloStatus st = both.status(minute, slo.name());
        for (String w : List.of(windows.get(0), SloRules.periodWindow(slo))) {
          exprs.add(
              PromtoolTests.near(
                  minute,
                  SloRules.errorRatioRecord(w) + id,
                  w.equals(windows.get(0))
                      ? st.windows().get(w).errorRatio()
                      : st.period().errorRatio(),
                  minute == 30 && w.equals(windows.get(0))
                      ? "One series for " + slo.name() + ", the ratio of the two instances' sums"
                      : null));
        }
      }
    }
    cases.add(
        new TestCase(
            FLEET,
            "Two instances in two pods: 100/min and 50/min, 30 min clean, then 30 min with 10 %"
                + " and 2 % errors, 20 % and 4 % slow"
                + (shortLe ? "; the second spells le like a Prometheus 2 client (\"1\")" : "")
                + ".\nIn the engine fed both: "
                + firingSpans(both),
            series,
            PromtoolTests.stableAlertChecks(rules, both, 1, both.samples() - 1, 1),
            exprs));
  }

  private Map<String, String> target(String pod, String ip) {
    Map<String, String> m = new LinkedHashMap<>(PromtoolTests.targetLabels(rules));
    m.put("instance", ip + ":8080");
    m.put("pod", pod);
    return m;
  }

  private String id(Slo slo) {
    return "{sloth_id=\"" + rules.slothId(slo) + "\"}";
  }
}
