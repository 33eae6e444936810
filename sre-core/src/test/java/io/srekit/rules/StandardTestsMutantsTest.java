package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.ExternalTools;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutants of the rules that the generated standard tests must catch: each mutant runs through
 * promtool against the standard case meant to catch it (expectations from the unmutated rules), and
 * promtool must fail; the unmutated rules pass the same case.
 */
class StandardTestsMutantsTest {

  private static final Pattern THRESHOLD = Pattern.compile("( > )([0-9.]+)");

  /** Rules and tests known to pass, so each baseline runs once (promtool takes seconds). */
  private static final Set<String> PASSED = ConcurrentHashMap.newKeySet();

  private final RulesFixtures fx = new RulesFixtures();
  private final SloRules rules = fx.rules();

  @Test
  void absentOfAMetricThatNeverExistsIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                r.isAlert() && r.alert().endsWith("SliMissing")
                    ? r.withExpr("absent(nonexistent_metric)")
                    : r);
    assertCaught(
        dir,
        rules,
        mutant,
        "LoginAvailabilitySliMissing",
        StandardCases.SLI_PRESENT_SAME_DEFINITION);
  }

  @Test
  void driftOnAnyHashIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                r.isAlert() && r.alert().endsWith("DefinitionDrift")
                    ? r.withExpr(
                        r.expr()
                            .replaceAll("definition_hash!=\"\\w+\"", "definition_hash!=\"zzz\""))
                    : r);
    assertCaught(
        dir,
        rules,
        mutant,
        "LoginAvailabilityDefinitionDrift",
        StandardCases.SLI_MISSING_AND_DRIFT);
    assertCaught(
        dir,
        rules,
        mutant,
        "LoginAvailabilityDefinitionDrift",
        StandardCases.SLI_PRESENT_SAME_DEFINITION);
  }

  @Test
  void currentBurnRateFromTheHourInsteadOfTheShortestWindowIsCaught(@TempDir Path dir)
      throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                "slo:current_burn_rate:ratio".equals(r.record())
                    ? r.withExpr(r.expr().replace("ratio_rate5m{", "ratio_rate1h{"))
                    : r);
    assertCaught(dir, rules, mutant, "slo:current_burn_rate:ratio", StandardCases.UNEVEN_TRAFFIC);
  }

  @Test
  void periodBurnRateFromTheDayInsteadOfThePeriodIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                "slo:period_burn_rate:ratio".equals(r.record())
                    ? r.withExpr(r.expr().replace("ratio_rate30d{", "ratio_rate1d{"))
                    : r);
    assertCaught(dir, rules, mutant, "slo:period_burn_rate:ratio", StandardCases.UNEVEN_TRAFFIC);
  }

  @Test
  void oneDayTicketThresholdDividedByTenIsCaught(@TempDir Path dir) throws Exception {
    assertCaught(
        dir,
        rules,
        tenthOfThreshold(rules, "1d"),
        "LoginAvailabilityBurnRateTicket",
        StandardCases.TICKET_SLOW_BURN);
  }

  @Test
  void threeDayTicketThresholdDividedByTenIsCaught(@TempDir Path dir) throws Exception {
    assertCaught(
        dir,
        rules,
        tenthOfThreshold(rules, "3d"),
        "LoginAvailabilityBurnRateTicket",
        StandardCases.TICKET_SLOW_BURN);
  }

  @Test
  void oneLeSpellingOnAMixedFleetIsCaught(@TempDir Path dir) throws Exception {
    SloRules both = fx.mixedFleetRules(true);
    SloRules one = fx.mixedFleetRules(false);
    assertThat(one.rulesYaml()).contains("le=\"1.0\"").doesNotContain("le=~");
    assertCaught(dir, both, one, "slo:sli_error:ratio_rate", StandardCases.FLEET);
  }

  @Test
  void noFleetAggregationIsCaught(@TempDir Path dir) throws Exception {
    SloRules both = fx.mixedFleetRules(true);
    SloRules perInstance =
        both.mapRules(
            r -> r.withExpr(r.expr().replace("sum without (instance, pod, ", "sum without (")));
    assertCaught(dir, both, perInstance, "slo:sli_error:ratio_rate", StandardCases.FLEET);
  }

  @Test
  void seedAlertWithoutItsForIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                r.isAlert() && r.alert().equals("HighUserAuthLatency")
                    ? new Rule(
                        null, r.alert(), r.expr(), null, r.labels(), r.annotations(), r.comment())
                    : r);
    assertCaught(
        dir, rules, mutant, "HighUserAuthLatency", StandardCases.SEED_PREFIX + "login-latency");
  }

  @Test
  void seedAlertOnANeighbouringQuantileIsCaught(@TempDir Path dir) throws Exception {
    // Only the boundary point tells them apart: at exactly 1 % slow the 0.991 quantile is above
    // 0.5 s (rank 0.991 x total > the 990 per 1000 within it), the 0.99 quantile is not.
    SloRules mutant =
        rules.mapRules(
            r ->
                r.isAlert() && r.alert().equals("HighUserAuthLatency")
                    ? r.withExpr(
                        r.expr().replace("histogram_quantile(0.99,", "histogram_quantile(0.991,"))
                    : r);
    assertCaught(
        dir, rules, mutant, "HighUserAuthLatency", StandardCases.SEED_PREFIX + "login-latency");
  }

  @Test
  void divisionWithoutTheNanSafetyGuardIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                r.record() != null && r.record().startsWith("slo:sli_error:ratio_rate")
                    ? r.withExpr(r.expr().replace(" > 0)", ")"))
                    : r);
    assertThat(mutant.rulesYaml()).doesNotContain(" > 0)");
    assertCaught(dir, rules, mutant, "slo:sli_error:ratio_rate", StandardCases.ZERO_TRAFFIC);
  }

  @Test
  void periodRatioAsTheMeanOfFiveMinuteRatiosIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                "slo:sli_error:ratio_rate30d".equals(r.record())
                    ? r.withExpr(
                        "avg_over_time(slo:sli_error:ratio_rate5m{sloth_id=\""
                            + r.labels().get("sloth_id")
                            + "\"}[30d])")
                    : r);
    assertCaught(dir, rules, mutant, "ratio_rate30d", StandardCases.UNEVEN_TRAFFIC);
  }

  @Test
  void latencyThresholdOnAnotherBucketIsCaught(@TempDir Path dir) throws Exception {
    SloRules mutant =
        rules.mapRules(
            r ->
                r.record() != null && "login-latency".equals(r.labels().get("sloth_slo"))
                    ? r.withExpr(r.expr().replace("le=\"0.5\"", "le=\"1.0\""))
                    : r);
    assertThat(mutant.rulesYaml()).contains("le=\"1.0\"");
    assertCaught(dir, rules, mutant, "LoginLatencyBurnRatePage", StandardCases.SLOW_INCIDENT);
  }

  /** The rules with the threshold of the pair whose long window is {@code longWindow} ÷ 10. */
  private static SloRules tenthOfThreshold(SloRules rules, String longWindow) {
    return rules.mapRules(
        r -> {
          if (!r.isAlert() || !longWindow.equals(r.labels().get("long_window"))) {
            return r;
          }
          Matcher m = THRESHOLD.matcher(r.expr());
          StringBuilder sb = new StringBuilder();
          while (m.find()) {
            String lower = new BigDecimal(m.group(2)).movePointLeft(1).toPlainString();
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + lower));
          }
          return r.withExpr(m.appendTail(sb).toString());
        });
  }

  /**
   * The original rules pass the named cases; the mutant fails them, and promtool's report names
   * {@code mentioned}.
   */
  private static void assertCaught(
      Path dir, SloRules original, SloRules mutant, String mentioned, String... cases)
      throws Exception {
    assertThat(mutant.rulesYaml())
        .as("the mutation changes the rules")
        .isNotEqualTo(original.rulesYaml());
    String tests = PromtoolTests.standard(original).only(cases).render("rules.yml");
    if (!PASSED.contains(original.rulesYaml() + tests)) {
      ExternalTools.Result ok = promtool(dir, original, tests);
      assertThat(ok.exitCode()).as("the unmutated rules pass:\n%s", ok.output()).isZero();
      PASSED.add(original.rulesYaml() + tests);
    }
    ExternalTools.Result r = promtool(dir, mutant, tests);
    assertThat(r.exitCode()).as("promtool must reject the mutant:\n%s", r.output()).isNotZero();
    assertThat(r.output()).contains("FAILED").contains(mentioned);
  }

  private static ExternalTools.Result promtool(Path dir, SloRules rules, String tests)
      throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    Files.writeString(dir.resolve("rules.yml"), rules.rulesYaml());
    Path test = dir.resolve("rules.test.yml");
    Files.writeString(test, tests);
    return ExternalTools.run(120, promtool.toString(), "test", "rules", test.toString());
  }
}
