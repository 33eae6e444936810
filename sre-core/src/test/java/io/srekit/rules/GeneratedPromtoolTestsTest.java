package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@link PromtoolTests#standard} generates, read back as YAML: every case the issue asks for
 * is there, at the right evaluation times, with the right expectations. Expected numbers are
 * computed here from the scenarios' counts by hand, independently of the engine. Dropping a case or
 * moving a check fails these tests even where promtool would still pass.
 */
class GeneratedPromtoolTestsTest {

  private static final Pattern NEAR =
      Pattern.compile("count\\(abs\\((.*) - \\((.*)\\)\\) < " + PromtoolTests.TOLERANCE + "\\)");

  private final RulesFixtures fx = new RulesFixtures();
  private final SloRules rules = fx.rules();
  private final GeneratedTests tests = GeneratedTests.parse(standard(rules));

  private static String standard(SloRules rules) {
    return PromtoolTests.standard(rules).render("r.yml");
  }

  @Test
  void fileReadsTheRulesAndEvaluatesEveryGroupInOrder() {
    assertThat(tests.doc().get("rule_files")).isEqualTo(List.of("r.yml"));
    assertThat(tests.doc().get("evaluation_interval")).isEqualTo("1m");
    assertThat(tests.doc().get("group_eval_order"))
        .isEqualTo(
            List.of(
                "srekit-slo-user-auth-login-availability",
                "srekit-slo-user-auth-login-latency",
                "srekit-legacy-quantile-alerts"))
        .isEqualTo(rules.groups().stream().map(RuleGroup::name).toList());
  }

  @Test
  void everyStandardCaseIsThereByName() {
    List<String> expected =
        List.of(
            "slow-incident",
            "error-incident",
            "zero-traffic",
            "uneven-traffic",
            "ticket-slow-burn",
            "sli-missing-and-drift",
            "sli-present-same-definition",
            "fleet",
            "seed-alert-login-latency");
    assertThat(tests.names()).isEqualTo(expected);
    assertThat(PromtoolTests.standard(rules).names()).isEqualTo(expected);
  }

  @Test
  void aDroppedCaseFailsTheseChecks() {
    PromtoolTests all = PromtoolTests.standard(rules);
    List<String> kept = new ArrayList<>(all.names());
    kept.remove("slow-incident");
    GeneratedTests without =
        GeneratedTests.parse(all.only(kept.toArray(String[]::new)).render("r.yml"));
    assertThatThrownBy(() -> without.group("slow-incident"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no test group named slow-incident");
    assertThatThrownBy(() -> all.only("no-such-case"))
        .hasMessageContaining("names: no test case 'no-such-case'");
  }

  @Test
  void latencyPageIsSilentAtTenAndFiresAtTwentyMinutesOfTheSlowIncident() {
    Map<String, Object> g = tests.group("slow-incident");
    assertThat(GeneratedTests.alerts(g, "LoginLatencyBurnRatePage", 370)).isEmpty();
    List<Map<String, Object>> at20 = GeneratedTests.alerts(g, "LoginLatencyBurnRatePage", 380);
    assertThat(at20).hasSize(1);
    assertThat(GeneratedTests.labels(at20.get(0)))
        .containsEntry("long_window", "1h")
        .containsEntry("short_window", "5m")
        .containsEntry("severity", "page")
        .containsEntry("sloth_id", "user-auth-login-latency")
        .containsEntry("job", "srekit-scenario")
        .doesNotContainKey("instance");
    assertThat(GeneratedTests.annotations(at20.get(0)).get("summary")).contains("14.4x too fast");
    assertThat(GeneratedTests.alerts(g, "LoginAvailabilityBurnRatePage", 380))
        .as("slowness is not an availability problem")
        .isEmpty();
  }

  @Test
  void everyPagePairResetsWithinItsShortWindowAfterRecovery() {
    // {case, alert, long window, short window in minutes}: the 6h/30m pair only fires on errors.
    Object[][] pairs = {
      {"slow-incident", "LoginLatencyBurnRatePage", "1h", 5},
      {"error-incident", "LoginAvailabilityBurnRatePage", "1h", 5},
      {"error-incident", "LoginAvailabilityBurnRatePage", "6h", 30}
    };
    for (Object[] p : pairs) {
      Map<String, Object> g = tests.group((String) p[0]);
      String alert = (String) p[1];
      String window = (String) p[2];
      int shortWindow = (Integer) p[3];
      String what = p[0] + " " + window + " pair";
      assertThat(firing(g, alert, window, 389)).as("%s firing at 389m", what).isTrue();
      List<Integer> checked = GeneratedTests.minutes(g, alert);
      int reset =
          checked.stream()
              .filter(m -> m >= 390 && !firing(g, alert, window, m))
              .findFirst()
              .orElseThrow(() -> new AssertionError(what + " never resets"));
      // Checks skip a transition minute (the state must hold one minute before and after), so
      // a reset at 390m + short window is first checked one minute later.
      assertThat(reset)
          .as("%s resets within its short window after recovery at 390m", what)
          .isBetween(391, 390 + shortWindow + 1);
      assertThat(checked.stream().filter(m -> m >= reset))
          .as("%s stays silent to the end (every minute but another pair's transitions)", what)
          .contains(reset, 430)
          .hasSizeGreaterThanOrEqualTo(430 - reset + 1 - 2)
          .noneMatch(m -> firing(g, alert, window, m));
    }
    assertThat(firing(tests.group("slow-incident"), "LoginLatencyBurnRatePage", "6h", 380))
        .as("30 slow minutes in 6 h stay under 6x")
        .isFalse();
  }

  private static boolean firing(Map<String, Object> g, String alert, String longWindow, int m) {
    return GeneratedTests.alerts(g, alert, m).stream()
        .anyMatch(a -> longWindow.equals(GeneratedTests.labels(a).get("long_window")));
  }

  @Test
  void zeroTrafficExpectsNoSampleForEveryRatioBurnRateAndBudget() {
    Map<String, Object> g = tests.group("zero-traffic");
    for (String id : List.of("user-auth-login-availability", "user-auth-login-latency")) {
      for (String record :
          List.of(
              "slo:sli_error:ratio_rate5m",
              "slo:sli_error:ratio_rate30m",
              "slo:sli_error:ratio_rate1h",
              "slo:sli_error:ratio_rate2h",
              "slo:sli_error:ratio_rate6h",
              "slo:sli_error:ratio_rate1d",
              "slo:sli_error:ratio_rate3d",
              "slo:sli_error:ratio_rate30d",
              "slo:current_burn_rate:ratio",
              "slo:period_burn_rate:ratio",
              "slo:period_error_budget_remaining:ratio")) {
        Map<String, Object> e = GeneratedTests.expr(g, record + "{sloth_id=\"" + id + "\"}", 60);
        assertThat(e.get("exp_samples")).as(record).isEqualTo(List.of());
      }
    }
    for (String alert :
        List.of(
            "LoginAvailabilityBurnRatePage",
            "LoginAvailabilityBurnRateTicket",
            "LoginLatencyBurnRatePage",
            "LoginLatencyBurnRateTicket")) {
      assertThat(GeneratedTests.alerts(g, alert, 60)).as(alert).isEmpty();
    }
  }

  @Test
  void unevenTrafficChecksThePeriodRatioOfSumsAndEveryDerivedRecordingByValue() {
    Map<String, Object> g = tests.group("uneven-traffic");
    // A day at 100/min clean, 60 min at 1000/min with 10 bad, 60 min at 10/min with 5 bad.
    // Both SLOs see the same counts: errors for availability, slow requests for latency.
    double period1530 = (600.0 + 30 * 5) / (144_000 + 60_000 + 30 * 10);
    double period1560 = (600.0 + 60 * 5) / (144_000 + 60_000 + 60 * 10);
    for (String slo : List.of("availability", "latency")) {
      String id = "{sloth_id=\"user-auth-login-" + slo + "\"}";
      double budget = slo.equals("availability") ? 0.001 : 0.01;
      for (int minute : new int[] {1530, 1560}) {
        double period = minute == 1530 ? period1530 : period1560;
        Map<String, Double> expected = new java.util.LinkedHashMap<>();
        expected.put("slo:sli_error:ratio_rate30d", period);
        expected.put("slo:sli_error:ratio_rate5m", 0.5);
        expected.put("slo:current_burn_rate:ratio", 0.5 / budget);
        expected.put("slo:period_burn_rate:ratio", period / budget);
        expected.put("slo:period_error_budget_remaining:ratio", 1 - period / budget);
        expected.put("slo:objective:ratio", 1 - budget);
        expected.put("slo:error_budget:ratio", budget);
        expected.put("slo:time_period:days", 30.0);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
          assertThat(GeneratedTests.nearValue(g, e.getKey() + id, minute))
              .as("%s of %s at %dm", e.getKey(), slo, minute)
              .isCloseTo(e.getValue(), within(1e-12 * Math.max(1, Math.abs(e.getValue()))));
        }
      }
    }
  }

  @Test
  void ticketSlowBurnFiresOnlyTheThreeDayTicket() {
    Map<String, Object> g = tests.group("ticket-slow-burn");
    for (String slo : List.of("LoginAvailability", "LoginLatency")) {
      String ticket = slo + "BurnRateTicket";
      List<Integer> minutes = GeneratedTests.minutes(g, ticket);
      assertThat(minutes).contains(100, 150, 300, 400, 560).allMatch(m -> m % 5 == 0);
      assertThat(GeneratedTests.alerts(g, ticket, 100))
          .as("%s at 100m: a tenth of either ticket threshold is crossed, not the threshold", slo)
          .isEmpty();
      for (int m : new int[] {300, 400}) {
        List<Map<String, Object>> firing = GeneratedTests.alerts(g, ticket, m);
        assertThat(firing).hasSize(1);
        assertThat(GeneratedTests.labels(firing.get(0)))
            .containsEntry("long_window", "3d")
            .containsEntry("short_window", "6h");
      }
      assertThat(GeneratedTests.alerts(g, ticket, 560)).as("recovered").isEmpty();
      assertThat(GeneratedTests.minutes(g, slo + "BurnRatePage"))
          .isNotEmpty()
          .allMatch(m -> GeneratedTests.alerts(g, slo + "BurnRatePage", m).isEmpty());
    }
  }

  @Test
  void missingSeriesAndDriftFireAfterTheirForAndHaveNegativeCases() {
    Map<String, Object> g = tests.group("sli-missing-and-drift");
    assertThat(GeneratedTests.alerts(g, "LoginLatencySliMissing", 9)).isEmpty();
    assertThat(GeneratedTests.alerts(g, "LoginLatencySliMissing", 11)).hasSize(1);
    assertThat(GeneratedTests.alerts(g, "LoginLatencyDefinitionDrift", 14)).isEmpty();
    List<Map<String, Object>> drift = GeneratedTests.alerts(g, "LoginLatencyDefinitionDrift", 16);
    assertThat(drift).as("only the instance on another definition").hasSize(1);
    assertThat(GeneratedTests.labels(drift.get(0)))
        .containsEntry("instance", "scenario:8080")
        .containsEntry("definition_hash", "000000000000")
        .containsEntry("expected_definition_hash", fx.latency.definitionHash());
    assertThat(GeneratedTests.series(g))
        .anyMatch(s -> s.contains("definition_hash=\"" + fx.latency.definitionHash() + "\""));

    Map<String, Object> ok = tests.group("sli-present-same-definition");
    assertThat(GeneratedTests.series(ok))
        .anyMatch(s -> s.startsWith("user_auth_request_duration_seconds_count{"))
        .anyMatch(s -> s.contains("definition_hash=\"" + fx.availability.definitionHash() + "\""))
        .noneMatch(s -> s.contains("000000000000"));
    for (String alert :
        List.of(
            "LoginAvailabilitySliMissing",
            "LoginLatencySliMissing",
            "LoginAvailabilityDefinitionDrift",
            "LoginLatencyDefinitionDrift")) {
      assertThat(GeneratedTests.minutes(ok, alert)).containsExactly(11, 16, 30);
      for (int m : new int[] {11, 16, 30}) {
        assertThat(GeneratedTests.alerts(ok, alert, m)).as("%s at %dm", alert, m).isEmpty();
      }
    }
  }

  @Test
  void fleetCaseSumsTwoPodsWithBothLeSpellingsIntoOneSlo() {
    GeneratedTests mixed = GeneratedTests.parse(standard(fx.mixedFleetRules(true)));
    Map<String, Object> g = mixed.group("fleet");
    List<String> buckets =
        GeneratedTests.series(g).stream()
            .filter(s -> s.startsWith("api_request_duration_seconds_bucket{"))
            .filter(s -> s.contains("outcome=\"success\""))
            .toList();
    assertThat(buckets)
        .anyMatch(s -> s.contains("pod=\"user-auth-0\"") && s.contains("le=\"1.0\""))
        .anyMatch(s -> s.contains("pod=\"user-auth-1\"") && s.contains("le=\"1\""))
        .noneMatch(s -> s.contains("pod=\"user-auth-1\"") && s.contains("le=\"1.0\""))
        .anyMatch(s -> s.contains("instance=\"10.0.0.1:8080\""))
        .anyMatch(s -> s.contains("instance=\"10.0.0.2:8080\""));
    // 100/min and 50/min; from 30m, 10 + 1 errors and 20 + 2 slow per minute.
    String avail = "{sloth_id=\"api-api-availability\"}";
    String lat = "{sloth_id=\"api-api-latency\"}";
    assertThat(GeneratedTests.nearValue(g, "slo:sli_error:ratio_rate5m" + avail, 30)).isZero();
    assertThat(GeneratedTests.nearValue(g, "slo:sli_error:ratio_rate5m" + avail, 60))
        .isCloseTo(11.0 / 150, within(1e-15));
    assertThat(GeneratedTests.nearValue(g, "slo:sli_error:ratio_rate5m" + lat, 60))
        .isCloseTo(22.0 / 150, within(1e-15));
    assertThat(GeneratedTests.nearValue(g, "slo:sli_error:ratio_rate30d" + lat, 60))
        .isCloseTo(30 * 22.0 / (60 * 150), within(1e-15));
    List<Map<String, Object>> page = GeneratedTests.alerts(g, "ApiAvailabilityBurnRatePage", 60);
    assertThat(page).hasSize(2);
    assertThat(page)
        .allSatisfy(
            a ->
                assertThat(GeneratedTests.labels(a))
                    .doesNotContainKeys("instance", "pod")
                    .containsEntry("job", "srekit-scenario"));

    assertThat(GeneratedTests.series(tests.group("fleet")))
        .as("one spelling when the rules match one")
        .noneMatch(s -> s.contains("le=\"1\""));
  }

  @Test
  void seedCaseEquatesTheQuantileAlertWithItsBucketRatioFormAndTestsTheEmittedAlert() {
    Map<String, Object> g = tests.group("seed-alert-login-latency");
    String seed =
        "histogram_quantile(0.99, sum(rate(user_auth_request_duration_seconds_bucket[5m]))"
            + " by (le, service))";
    // 0, 0.5, 2, 50, 0.5, 1 and 1.1 % slow against 1 %: exactly 1 % is not above the threshold.
    int[] fires = {0, 0, 1, 1, 0, 0, 1};
    for (int i = 0; i < fires.length; i++) {
      int minute = (i + 1) * 10;
      Map<String, Object> same =
          GeneratedTests.exprStartingWith(g, "(" + seed + " > bool 0.5)", minute);
      assertThat(same.get("expr").toString())
          .contains(
              "== bool (sum by (service) (rate(user_auth_request_duration_seconds_bucket"
                  + "{le=\"0.5\"}[5m])) < bool 0.99 * sum by (service)"
                  + " (rate(user_auth_request_duration_seconds_bucket{le=\"+Inf\"}[5m])))");
      assertThat(GeneratedTests.sampleValue(same)).isEqualTo(1);
      assertThat(GeneratedTests.sampleValue(GeneratedTests.expr(g, seed + " > bool 0.5", minute)))
          .as("seed condition at %dm", minute)
          .isEqualTo(fires[i]);
    }
    // Condition from 22m (5 of the last 5 minutes' 5000 requests: 3 x 5 + 2 x 20 slow > 50).
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 25))
        .as("pending (for: 5m)")
        .isEmpty();
    List<Map<String, Object>> firing = GeneratedTests.alerts(g, "HighUserAuthLatency", 28);
    assertThat(firing).hasSize(1);
    assertThat(GeneratedTests.labels(firing.get(0))).isEqualTo(Map.of("severity", "critical"));
    assertThat(GeneratedTests.annotations(firing.get(0)).get("summary"))
        .isEqualTo("High 99th percentile latency for user-auth");
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 43)).hasSize(1);
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 46)).isEmpty();
    // At 1 % the condition does not hold (60m); at 1.1 % it holds from 61m (51 of the last 5000
    // slow), so the alert fires from 66m.
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 60)).isEmpty();
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 64)).isEmpty();
    assertThat(GeneratedTests.alerts(g, "HighUserAuthLatency", 67)).hasSize(1);

    GeneratedTests noLegacy =
        GeneratedTests.parse(standard(SloRules.of(fx.slos(), RulesOptions.defaults())));
    assertThat(
            GeneratedTests.minutes(
                noLegacy.group("seed-alert-login-latency"), "HighUserAuthLatency"))
        .as("no alert test for an alert the rules do not emit")
        .isEmpty();
  }

  private static final class GeneratedTests {
    private final Map<String, Object> doc;

    private GeneratedTests(Map<String, Object> doc) {
      this.doc = doc;
    }

    static GeneratedTests parse(String yaml) {
      return new GeneratedTests(new org.yaml.snakeyaml.Yaml().load(yaml));
    }

    Map<String, Object> doc() {
      return doc;
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> groups() {
      return (List<Map<String, Object>>) doc.get("tests");
    }

    List<String> names() {
      return groups().stream().map(g -> (String) g.get("name")).toList();
    }

    Map<String, Object> group(String name) {
      return groups().stream()
          .filter(g -> name.equals(g.get("name")))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no test group named " + name + " in " + names()));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> g, String key) {
      Object o = g.get(key);
      return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    static List<String> series(Map<String, Object> g) {
      return list(g, "input_series").stream().map(s -> (String) s.get("series")).toList();
    }

    static List<Integer> minutes(Map<String, Object> g, String alertname) {
      return list(g, "alert_rule_test").stream()
          .filter(a -> alertname.equals(a.get("alertname")))
          .map(a -> minute(a.get("eval_time")))
          .toList();
    }

    /** The expected alerts of the one check of {@code alertname} at {@code minute}. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts(Map<String, Object> g, String alertname, int minute) {
      List<Map<String, Object>> found =
          list(g, "alert_rule_test").stream()
              .filter(a -> alertname.equals(a.get("alertname")))
              .filter(a -> minute(a.get("eval_time")) == minute)
              .toList();
      assertThat(found)
          .as("one check of %s at %dm in %s", alertname, minute, g.get("name"))
          .hasSize(1);
      return (List<Map<String, Object>>) found.get(0).get("exp_alerts");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Map<String, Object> alert) {
      return (Map<String, String>) alert.get("exp_labels");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> annotations(Map<String, Object> alert) {
      return (Map<String, String>) alert.get("exp_annotations");
    }

    static Map<String, Object> expr(Map<String, Object> g, String expr, int minute) {
      return exprMatching(g, e -> e.equals(expr), expr, minute);
    }

    static Map<String, Object> exprStartingWith(Map<String, Object> g, String prefix, int minute) {
      return exprMatching(g, e -> e.startsWith(prefix), prefix, minute);
    }

    private static Map<String, Object> exprMatching(
        Map<String, Object> g, java.util.function.Predicate<String> p, String what, int minute) {
      List<Map<String, Object>> found =
          list(g, "promql_expr_test").stream()
              .filter(e -> p.test((String) e.get("expr")))
              .filter(e -> minute(e.get("eval_time")) == minute)
              .toList();
      assertThat(found).as("one check of %s at %dm in %s", what, minute, g.get("name")).hasSize(1);
      return found.get(0);
    }

    /** The expected value of the tolerance check {@code count(abs(expr - (v)) < 1e-9)}: v. */
    static double nearValue(Map<String, Object> g, String expr, int minute) {
      List<Double> values = new ArrayList<>();
      for (Map<String, Object> e : list(g, "promql_expr_test")) {
        Matcher m = NEAR.matcher((String) e.get("expr"));
        if (m.matches() && m.group(1).equals(expr) && minute(e.get("eval_time")) == minute) {
          assertThat(sampleValue(e)).as("the count of %s within tolerance", expr).isEqualTo(1);
          values.add(Double.parseDouble(m.group(2)));
        }
      }
      assertThat(values)
          .as("one tolerance check of %s at %dm in %s", expr, minute, g.get("name"))
          .hasSize(1);
      return values.get(0);
    }

    @SuppressWarnings("unchecked")
    static Number sampleValue(Map<String, Object> e) {
      List<Map<String, Object>> samples = (List<Map<String, Object>>) e.get("exp_samples");
      assertThat(samples).hasSize(1);
      return (Number) samples.get(0).get("value");
    }

    private static int minute(Object evalTime) {
      String s = evalTime.toString();
      assertThat(s).endsWith("m");
      return Integer.parseInt(s.substring(0, s.length() - 1));
    }
  }
}
