package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.slo.Slo;
import io.srekit.slo.SloPeriod;
import io.srekit.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every generated file passes promtool: check rules, and the generated unit tests. */
class PromtoolRulesTest {

  private final RulesFixtures fx = new RulesFixtures();

  @Test
  void generatedRulesAndPrometheusRulePassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    List<Path> files = fx.rules().writeTo(dir);
    ExternalTools.Result r =
        ExternalTools.run(60, promtool.toString(), "check", "rules", files.get(0).toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 43 rules found");

    Path spec = dir.resolve("spec.yml");
    Files.writeString(spec, CrdSpec.groupsOf(Files.readString(files.get(1))));
    ExternalTools.Result crd =
        ExternalTools.run(60, promtool.toString(), "check", "rules", spec.toString());
    assertThat(crd.exitCode()).as(crd.output()).isZero();
    assertThat(crd.output()).contains("SUCCESS: 43 rules found");
  }

  @Test
  void rulesWithACalendarWeekSloPassPromtoolCheckRules(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    Slo weekly =
        Slo.availability("login-weekly", fx.sli)
            .objective("0.999")
            .period(SloPeriod.calendarWeek(ZoneId.of("Europe/Berlin")))
            .build();
    SloRules rules =
        SloRules.of(List.of(weekly), RulesOptions.builder().service("user-auth").build());
    assertThat(rules.rulesYaml())
        .contains("# Calendar week in Europe/Berlin")
        .contains("- record: slo:sli_error:ratio_rate7d\n");
    Path file = dir.resolve("weekly.rules.yml");
    Files.writeString(file, rules.rulesYaml());
    ExternalTools.Result r =
        ExternalTools.run(60, promtool.toString(), "check", "rules", file.toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS: 21 rules found");
    Path spec = dir.resolve("weekly-spec.yml");
    Files.writeString(spec, CrdSpec.groupsOf(rules.prometheusRuleYaml()));
    ExternalTools.Result crd =
        ExternalTools.run(60, promtool.toString(), "check", "rules", spec.toString());
    assertThat(crd.exitCode()).as(crd.output()).isZero();
  }

  @Test
  void generatedPromtoolTestsPassAgainstTheGeneratedRules(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    List<Path> files = fx.rules().writeTo(dir);
    Files.copy(
        files.get(2),
        Path.of("target", files.get(2).getFileName().toString()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(
        files.get(0),
        Path.of("target", files.get(0).getFileName().toString()),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    long started = System.nanoTime();
    ExternalTools.Result r =
        ExternalTools.run(120, promtool.toString(), "test", "rules", files.get(2).toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS");
    System.out.printf(
        "promtool test rules (standard): %d ms%n", (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  void generatedTestsPassForAFleetMixingLeSpellings(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    SloRules rules = fx.mixedFleetRules(true);
    assertThat(rules.rulesYaml()).contains("le=~\"1\\\\.0|1\"");
    List<Path> files = rules.writeTo(dir);
    ExternalTools.Result check =
        ExternalTools.run(60, promtool.toString(), "check", "rules", files.get(0).toString());
    assertThat(check.exitCode()).as(check.output()).isZero();
    long started = System.nanoTime();
    ExternalTools.Result r =
        ExternalTools.run(120, promtool.toString(), "test", "rules", files.get(2).toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    System.out.printf(
        "promtool test rules (both le spellings): %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
  }
}
