package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.rules.RulesCli;
import io.srekit.slo.Slo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules}: the Prometheus rules of the SLOs in application.yml, as the service reads them.
 */
class RulesCommandTest {

  private static String run(List<Slo> slos, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = RulesCli.run(slos, args, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(code).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void rulesForUserAuthsSlosUseItsHistogramAndExactThresholds() {
    List<Slo> slos = ConfiguredSlos.load().slos();
    assertThat(slos)
        .extracting(Slo::name)
        .containsExactly("user-auth-availability", "user-auth-latency");
    String rules = run(slos, "--service", "user-auth");
    assertThat(rules)
        .contains("record: slo:sli_error:ratio_rate5m")
        .contains("user_auth_request_duration_seconds_bucket{le=\"0.5\"")
        .contains("> 0.0144")
        .contains("sloth_service: \"user-auth\"");
    assertThat(run(slos, "--service", "user-auth", "--crd"))
        .contains("kind: PrometheusRule")
        .contains("apiVersion: monitoring.coreos.com/v1");
  }

  @Test
  void anAdditionalConfigLocationChangesTheSlosLikeItWouldForTheService(@TempDir Path dir)
      throws Exception {
    Path extra = dir.resolve("short-windows.yml");
    Files.writeString(
        extra,
        """
        sre:
          slos:
            - name: user-auth-availability
              sli: user_auth_request
              objective: "0.995"
              alerts:
                - { severity: page, long-window: 2m, short-window: 1m, factor: "14.4" }
        """);
    List<Slo> slos =
        ConfiguredSlos.load("--spring.config.additional-location=file:" + extra).slos();
    assertThat(slos).hasSize(1);
    String rules = run(slos, "--service", "user-auth");
    assertThat(rules).contains("slo:sli_error:ratio_rate2m").contains("> 0.072");
  }
}
