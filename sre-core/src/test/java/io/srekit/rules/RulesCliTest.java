package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.slo.Slo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line prints the same YAML as the API. */
class RulesCliTest {

  /** What an application class handing its SLOs to the CLI looks like. */
  public static final class UserAuthSlos implements Supplier<List<Slo>> {
    @Override
    public List<Slo> get() {
      return new RulesFixtures().slos();
    }
  }

  /** The static-method form. */
  public static final class StaticSlos {
    public static List<Slo> slos() {
      return new RulesFixtures().slos();
    }
  }

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsTheRulesFileOfASupplierClass() {
    int code =
        RulesCli.run(
            null,
            new String[] {
              "--slos",
              UserAuthSlos.class.getName(),
              "--service",
              "user-auth",
              "--legacy-quantile-alert"
            },
            out,
            out);
    assertThat(code).isZero();
    assertThat(text()).isEqualTo(new RulesFixtures().rules().rulesYaml());
  }

  @Test
  void printsThePrometheusRuleWithCrd() {
    int code =
        RulesCli.run(
            null,
            new String[] {"--slos", StaticSlos.class.getName(), "--crd", "--namespace", "auth"},
            out,
            out);
    assertThat(code).isZero();
    assertThat(text()).contains("kind: PrometheusRule").contains("namespace: \"auth\"");
  }

  @Test
  void writesRulesPrometheusRuleAndTestsToADirectory(@TempDir Path dir) throws Exception {
    int code =
        RulesCli.run(
            new RulesFixtures().slos(),
            new String[] {"--out", dir.toString(), "--name", "user-auth"},
            out);
    assertThat(code).isZero();
    assertThat(dir.resolve("user-auth.rules.yml")).exists();
    assertThat(dir.resolve("user-auth.prometheusrule.yaml")).exists();
    assertThat(Files.readString(dir.resolve("user-auth.rules.test.yml")))
        .contains("rule_files:\n  - \"user-auth.rules.yml\"");
  }

  /** The {@code -Dexec.mainClass} and {@code -Dexec.args} of every Maven command in the docs. */
  private static final Pattern MAVEN_COMMAND =
      Pattern.compile("-Dexec\\.mainClass=(\\S+)\\s*\\\\?\\s*-Dexec\\.args=([\"'])([^\"']*)\\2");

  @Test
  void mavenCommandsOfTheDocsRunTheCliWithTheirArguments(@TempDir Path dir) throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "rules.md"));
    Matcher m = MAVEN_COMMAND.matcher(docs);
    List<String[]> commands = new java.util.ArrayList<>();
    while (m.find()) {
      commands.add(new String[] {m.group(1), m.group(3)});
    }
    assertThat(commands).as("Maven commands in docs/rules.md").hasSize(2);
    for (String[] c : commands) {
      assertThat(c[0]).isEqualTo(RulesCli.class.getName());
      Method main = Class.forName(c[0]).getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers()))
          .isTrue();
    }

    // The user's project: its SLO class stands in for com.example.Slos; --out into a temp dir.
    String[] user =
        commands
            .get(0)[1]
            .replace("com.example.Slos", UserAuthSlos.class.getName())
            .replace("target/rules", dir.toString())
            .split("\\s+");
    assertThat(RulesCli.run(null, user, out, out)).as(text()).isZero();
    assertThat(Files.readString(dir.resolve("srekit-slos.rules.yml")))
        .isEqualTo(new RulesFixtures().rulesWithoutLegacyAlert().rulesYaml());
    assertThat(dir.resolve("srekit-slos.rules.test.yml")).exists();

    // This repository's: the test fixture as written, rules on standard output.
    bytes.reset();
    assertThat(RulesCli.run(null, commands.get(1)[1].split("\\s+"), out, out)).isZero();
    assertThat(text()).isEqualTo(new RulesFixtures().rulesWithoutLegacyAlert().rulesYaml());
  }

  @Test
  void badUsageNamesTheProblemAndExitsWithTwo() {
    assertThat(RulesCli.run(null, new String[] {"--slos", "no.such.Class"}, out, out)).isEqualTo(2);
    assertThat(text()).contains("--slos: cannot get SLOs from no.such.Class").contains("usage:");
    bytes.reset();
    assertThat(RulesCli.run(List.of(), new String[] {"--frobnicate", "x"}, out)).isEqualTo(2);
    assertThat(text()).contains("unknown option: --frobnicate");
  }
}
