package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.rules.RulesCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

  private static String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        RulesCli.run(
            UserAuthApplication.slos(UserAuthApplication.newSli()),
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rulesForUserAuthsSlosUseItsHistogramAndExactThresholds() {
    String rules = run("--service", "user-auth");
    assertThat(rules)
        .contains("record: slo:sli_error:ratio_rate5m")
        .contains("user_auth_request_duration_seconds_bucket{le=\"0.5\"")
        .contains("> 0.0144")
        .contains("sloth_service: \"user-auth\"");
    assertThat(run("--service", "user-auth", "--crd"))
        .contains("kind: PrometheusRule")
        .contains("apiVersion: monitoring.coreos.com/v1");
  }
}
