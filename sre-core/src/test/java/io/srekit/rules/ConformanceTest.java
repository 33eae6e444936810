package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.ExternalTools;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scenario drives the engine (fake clock) and a generated promtool test; the alert transitions
 * agree within one evaluation interval, and mutated rules are caught.
 */
class ConformanceTest {

  /** A low burn, an incident of errors and slowness, recoveries: transitions for every pair. */
  static final Scenario SCENARIO =
      Scenario.builder()
          .minutes(60, 100, 0, 0)
          .minutes(60, 100, 1, 5)
          .minutes(30, 100, 0, 0)
          .minutes(20, 100, 50, 50)
          .minutes(60, 100, 0, 0)
          .build();

  private static final Pattern THRESHOLD =
      Pattern.compile("(slo:sli_error:ratio_rate\\w+\\{[^}]*\\} > )([0-9.]+)");

  private final RulesFixtures fx = new RulesFixtures();
  private SloRules rules;
  private String tests;

  /** Only the tests that run promtool require it; the engine-only test runs without. */
  @BeforeEach
  void generate() {
    rules = fx.rules();
    tests = PromtoolTests.conformance(rules, SCENARIO).render("rules.yml");
  }

  @Test
  void scenarioMakesEveryPageAlertFireAndResolveInTheEngine() {
    ScenarioRun run = ScenarioRun.replay(SCENARIO, fx.slos());
    for (String slo : new String[] {"login-availability", "login-latency"}) {
      int transitions = 0;
      for (int m = 1; m < run.samples(); m++) {
        if (run.firing(m, slo, 0) != run.firing(m - 1, slo, 0)) {
          transitions++;
        }
      }
      assertThat(transitions).as("1h/5m page transitions of %s", slo).isGreaterThanOrEqualTo(2);
    }
    assertThat(tests).contains("alertname: LoginLatencyBurnRatePage").contains("exp_labels:");
  }

  @Test
  void promtoolAgreesWithTheEngineOnEveryStableMinute(@TempDir Path dir) throws Exception {
    assertThat(runPromtool(dir, rules.rulesYaml()).exitCode()).isZero();
  }

  @Test
  void orInsteadOfAndIsCaught(@TempDir Path dir) throws Exception {
    assertCaught(dir, y -> y.replace("and ignoring (sloth_window)", "or ignoring (sloth_window)"));
  }

  @Test
  void aFactorDividedByTenIsCaught(@TempDir Path dir) throws Exception {
    assertCaught(
        dir,
        y -> {
          Matcher m = THRESHOLD.matcher(y);
          StringBuilder sb = new StringBuilder();
          while (m.find()) {
            String lower = new BigDecimal(m.group(2)).movePointLeft(1).toPlainString();
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + lower));
          }
          return m.appendTail(sb).toString();
        });
  }

  @Test
  void swappedShortWindowsAreCaught(@TempDir Path dir) throws Exception {
    assertCaught(
        dir,
        y ->
            y.replace("ratio_rate5m{", "ratio_rate@{")
                .replace("ratio_rate30m{", "ratio_rate5m{")
                .replace("ratio_rate@{", "ratio_rate30m{"));
  }

  private void assertCaught(Path dir, UnaryOperator<String> mutation) throws Exception {
    String original = rules.rulesYaml();
    String mutant = mutation.apply(original);
    assertThat(mutant).as("the mutation changes the rules").isNotEqualTo(original);
    ExternalTools.Result r = runPromtool(dir, mutant);
    assertThat(r.exitCode()).as("promtool must reject the mutant").isNotZero();
    assertThat(r.output()).contains("FAILED");
  }

  private ExternalTools.Result runPromtool(Path dir, String rulesYaml) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    Files.writeString(dir.resolve("rules.yml"), rulesYaml);
    Path test = dir.resolve("rules.test.yml");
    Files.writeString(test, tests);
    return ExternalTools.run(120, promtool.toString(), "test", "rules", test.toString());
  }
}
