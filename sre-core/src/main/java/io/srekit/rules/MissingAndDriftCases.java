package io.srekit.rules;

import io.srekit.rules.PromtoolTests.AlertCheck;
import io.srekit.rules.PromtoolTests.TestCase;
import io.srekit.slo.Slo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard cases of the {@code absent} and definition-drift alerts: each fires after its {@code
 * for} when it should, and stays silent when the SLI is scraped and every instance runs the rules'
 * definition (so {@code absent} of a wrong metric or drift on any hash fail).
 */
final class MissingAndDriftCases {

  /** A hash no definition has: an instance running another definition. */
  static final String OTHER_HASH = "000000000000";

  private final SloRules rules;
  private final List<TestCase> cases = new ArrayList<>();

  private MissingAndDriftCases(SloRules rules) {
    this.rules = rules;
  }

  static List<TestCase> of(SloRules rules) {
    MissingAndDriftCases c = new MissingAndDriftCases(rules);
    c.missingAndDrift();
    c.presentAndSameDefinition();
    return List.copyOf(c.cases);
  }

  /**
   * No SLI series at all; one instance runs another definition, another the rules' own: the absent
   * alert fires after its 10m, the drift alert after its 15m and only for the other definition.
   */
  private void missingAndDrift() {
    List<String> series = new ArrayList<>();
    List<AlertCheck> alerts = new ArrayList<>();
    for (Slo slo : rules.slos()) {
      Map<String, String> other = info(slo, "scenario:8080", OTHER_HASH);
      series.add(PromtoolTests.seriesLine(SloRules.ENGINE_INFO_METRIC, other, "1+0x30"));
      series.add(
          PromtoolTests.seriesLine(
              SloRules.ENGINE_INFO_METRIC,
              info(slo, "scenario-2:8080", slo.definitionHash()),
              "1+0x30"));

      String missing = SloRules.camel(slo.name()) + "SliMissing";
      Map<String, String> absent = new LinkedHashMap<>(rules.options().selector());
      absent.put("outcome", "success");
      absent.putAll(ruleLabels(slo, "SliMissing"));
      alerts.add(silent(9, missing, "No SLI series at all: pending for its 10m"));
      for (int m : new int[] {11, 30}) {
        alerts.add(
            new AlertCheck(
                m,
                missing,
                List.of(absent),
                List.of(annotations(slo, "SliMissing")),
                m == 11 ? slo.name() + " cannot be measured" : null));
      }
      String driftName = SloRules.camel(slo.name()) + "DefinitionDrift";
      Map<String, String> drift = new LinkedHashMap<>(other);
      drift.putAll(ruleLabels(slo, "DefinitionDrift"));
      alerts.add(silent(14, driftName, "Another definition hash: pending for its 15m"));
      for (int m : new int[] {16, 30}) {
        alerts.add(
            new AlertCheck(
                m,
                driftName,
                List.of(drift),
                List.of(annotations(slo, "DefinitionDrift")),
                m == 16
                    ? "Only scenario:8080 runs definition "
                        + OTHER_HASH
                        + "; the rules and scenario-2:8080 run "
                        + slo.definitionHash()
                    : null));
      }
    }
    cases.add(
        new TestCase(
            StandardCases.SLI_MISSING_AND_DRIFT,
            "No SLI series; one instance with another definition hash, one with the rules' own",
            series,
            alerts,
            List.of()));
  }

  /** The negative case: the SLI is scraped and every instance runs the rules' definition. */
  private void presentAndSameDefinition() {
    ScenarioRun run =
        ScenarioRun.replay(Scenario.builder().minutes(30, 100, 0, 0).build(), rules.slos());
    List<String> series = new ArrayList<>(PromtoolTests.inputSeries(rules, run));
    List<AlertCheck> alerts = new ArrayList<>();
    for (Slo slo : rules.slos()) {
      for (String instance : new String[] {"scenario:8080", "scenario-2:8080"}) {
        series.add(
            PromtoolTests.seriesLine(
                SloRules.ENGINE_INFO_METRIC, info(slo, instance, slo.definitionHash()), "1+0x30"));
      }
      for (int m : new int[] {11, 16, 30}) {
        alerts.add(
            silent(
                m,
                SloRules.camel(slo.name()) + "SliMissing",
                m == 11 ? "The SLI series exist: " + slo.name() + " is measured" : null));
        alerts.add(
            silent(
                m,
                SloRules.camel(slo.name()) + "DefinitionDrift",
                m == 11 ? "Every instance runs " + slo.definitionHash() : null));
      }
    }
    cases.add(
        new TestCase(
            StandardCases.SLI_PRESENT_SAME_DEFINITION,
            "SLI series scraped, every instance on the rules' definition: neither alert fires",
            series,
            alerts,
            List.of()));
  }

  private Map<String, String> info(Slo slo, String instance, String hash) {
    Map<String, String> info = new LinkedHashMap<>(PromtoolTests.targetLabels(rules));
    info.put("instance", instance);
    info.put("slo", slo.name());
    info.put("definition_hash", hash);
    return info;
  }

  private static AlertCheck silent(int minute, String alertname, String comment) {
    return new AlertCheck(minute, alertname, List.of(), List.of(), comment);
  }

  private Map<String, String> ruleLabels(Slo slo, String suffix) {
    return alert(slo, suffix).labels();
  }

  private Map<String, String> annotations(Slo slo, String suffix) {
    return alert(slo, suffix).annotations();
  }

  private Rule alert(Slo slo, String suffix) {
    for (RuleGroup g : rules.groups()) {
      for (Rule r : g.rules()) {
        if (r.isAlert() && r.alert().equals(SloRules.camel(slo.name()) + suffix)) {
          return r;
        }
      }
    }
    throw new IllegalStateException("no alert " + suffix + " for " + slo.name());
  }
}
