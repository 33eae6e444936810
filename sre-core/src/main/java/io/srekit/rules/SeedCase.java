package io.srekit.rules;

import io.srekit.rules.PromtoolTests.AlertCheck;
import io.srekit.rules.PromtoolTests.ExprCheck;
import io.srekit.rules.PromtoolTests.TestCase;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.slo.Slo;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard case of the seed's quantile alert for one latency SLO: its condition against its
 * bucket-ratio form and, when the rules emit it, the alert itself with its {@code for: 5m}.
 */
final class SeedCase {

  private SeedCase() {}

  /**
   * The seed's quantile condition against its bucket-ratio form, and, when the rules emit it, the
   * seed alert itself with its {@code for: 5m}: expected from the counts with exact arithmetic
   * ({@code quantile > threshold} exactly when fewer than {@code q × total} are within it).
   */
  static TestCase of(SloRules rules, Slo slo) {
    // 10 and 11 of 1000: exactly at the objective (not above the threshold) and just past it.
    long[] slowPerThousand = {0, 5, 20, 500, 5, 10, 11};
    Scenario.Builder b = Scenario.builder();
    for (long slow : slowPerThousand) {
      b.minutes(10, 1000, 0, slow);
    }
    ScenarioRun run = ScenarioRun.replay(b.build(), rules.slos());
    String m = slo.sli().metricName() + "_bucket";
    String q = slo.objective().toPlainString();
    String t = SloRules.seconds(slo.thresholdSeconds());
    String seed = "histogram_quantile(" + q + ", sum(rate(" + m + "[5m])) by (le, service))";
    String le = Double.toString(slo.thresholdSeconds());
    // The bucket form as histogram_quantile decides it: good < q x total, no division. At exactly
    // 1 % the division form says yes in floating point (16.5 / 16.666666666666668 =
    // 0.9899999999999999 < 0.99) while histogram_quantile (rank 0.99 x 16.666666666666668 = 16.5,
    // in the le="0.5" bucket) says no.
    String good = "sum by (service) (rate(" + m + "{le=\"" + le + "\"}[5m]))";
    String total = "sum by (service) (rate(" + m + "{le=\"+Inf\"}[5m]))";
    String ratio = good + " < bool " + q + " * " + total;
    String service = rules.options().selector().get("service");
    String labels = service == null ? "{}" : "{service=\"" + service + "\"}";
    List<ExprCheck> exprs = new ArrayList<>();
    for (int i = 0; i < slowPerThousand.length; i++) {
      int minute = (i + 1) * 10;
      String fires = seedCondition(run, slo, minute) ? "1" : "0";
      exprs.add(
          new ExprCheck(
              minute,
              "(" + seed + " > bool " + t + ") == bool (" + ratio + ")",
              labels,
              "1",
              i == 0 ? "The seed's quantile condition equals its bucket-ratio form" : null));
      exprs.add(
          new ExprCheck(
              minute,
              seed + " > bool " + t,
              labels,
              fires,
              slowPerThousand[i]
                  + " of 1000 slower than "
                  + t
                  + "s: the seed condition is "
                  + fires.equals("1")));
    }
    List<AlertCheck> alerts = new ArrayList<>();
    if (rules.options().legacyQuantileAlert()) {
      Rule legacy = rules.legacyQuantileAlert(slo);
      Map<String, String> alertLabels = new LinkedHashMap<>();
      if (service != null) {
        alertLabels.put("service", service);
      }
      alertLabels.putAll(legacy.labels());
      int holds = 0;
      while (holds < run.samples() && !seedCondition(run, slo, holds)) {
        holds++;
      }
      String comment =
          "The emitted seed alert, for: 5m: its condition holds from "
              + holds
              + "m, so it fires from "
              + (holds + 5)
              + "m, once it held at every evaluation of the last 5 minutes";
      for (int minute = 1; minute < run.samples(); minute++) {
        boolean now = seedFiring(run, slo, minute);
        if (seedFiring(run, slo, minute - 1) != now
            || seedFiring(run, slo, Math.min(run.samples() - 1, minute + 1)) != now) {
          continue;
        }
        alerts.add(
            new AlertCheck(
                minute,
                legacy.alert(),
                now ? List.of(alertLabels) : List.of(),
                now ? List.of(legacy.annotations()) : List.of(),
                minute == 1 ? comment : null));
      }
    }
    return new TestCase(
        StandardCases.SEED_PREFIX + slo.name(),
        "The seed alert of "
            + slo.name()
            + " against its bucket-ratio form:"
            + " 10 min each at 0, 0.5, 2, 50, 0.5, 1 and 1.1 % slow",
        PromtoolTests.inputSeries(rules, run),
        alerts,
        exprs);
  }

  /** {@code histogram_quantile(q, rate(bucket[5m])) > threshold} at {@code minute}. */
  static boolean seedCondition(ScenarioRun run, Slo slo, int minute) {
    if (minute < 1) {
      return false; // one sample: no rate
    }
    int from = Math.max(0, minute - 5);
    LatencySli sli = slo.sli();
    long good = 0;
    long total = 0;
    for (Outcome o : Outcome.values()) {
      good +=
          run.count(minute, sli, o, slo.thresholdBucket())
              - run.count(from, sli, o, slo.thresholdBucket());
      total += run.count(minute, sli, o, -1) - run.count(from, sli, o, -1);
    }
    return total > 0
        && BigDecimal.valueOf(good).compareTo(slo.objective().multiply(BigDecimal.valueOf(total)))
            < 0;
  }

  /** The seed alert fires when its condition held at every evaluation of the last 5 minutes. */
  static boolean seedFiring(ScenarioRun run, Slo slo, int minute) {
    if (minute < 5) {
      return false;
    }
    for (int k = minute - 5; k <= minute; k++) {
      if (!seedCondition(run, slo, k)) {
        return false;
      }
    }
    return true;
  }
}
