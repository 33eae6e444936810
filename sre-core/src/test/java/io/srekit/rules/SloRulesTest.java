package io.srekit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.sli.LatencySli;
import io.srekit.slo.Slo;
import io.srekit.slo.SloPeriod;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the generated rules say, independent of Prometheus. */
class SloRulesTest {

  private final RulesFixtures fx = new RulesFixtures();

  @Test
  void sameSlosRenderByteIdenticalYaml() {
    RulesFixtures other = new RulesFixtures();
    assertThat(fx.rules().rulesYaml()).isEqualTo(other.rules().rulesYaml());
    assertThat(fx.rules().prometheusRuleYaml()).isEqualTo(other.rules().prometheusRuleYaml());
    assertThat(fx.rules().promtoolTestsYaml("r.yml"))
        .isEqualTo(other.rules().promtoolTestsYaml("r.yml"));
  }

  @Test
  void prometheusRuleCarriesExactlyTheGroupsOfTheRulesFile() {
    String rules = fx.rules().rulesYaml();
    String crd = fx.rules().prometheusRuleYaml();
    assertThat(crd)
        .contains("apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\n")
        .contains("  name: \"srekit-slos\"\n")
        .contains("\"app.kubernetes.io/managed-by\": \"srekit\"");
    assertThat(CrdSpec.groupsOf(crd)).isEqualTo(rules.substring(rules.indexOf("groups:\n")));
  }

  @Test
  void thresholdsAreExactDecimalsFromTheBigDecimalMath() {
    String yaml = fx.rules().rulesYaml();
    assertThat(yaml)
        .contains("slo:sli_error:ratio_rate1h{sloth_id=\"user-auth-login-availability\"} > 0.0144")
        .contains("slo:sli_error:ratio_rate30m{sloth_id=\"user-auth-login-availability\"} > 0.006")
        .contains("slo:sli_error:ratio_rate3d{sloth_id=\"user-auth-login-availability\"} > 0.001")
        .contains("slo:sli_error:ratio_rate5m{sloth_id=\"user-auth-login-latency\"} > 0.144")
        .contains("vector(0.999)")
        .contains("vector(0.001)")
        .doesNotContainPattern("0\\.\\d*9999")
        .doesNotContainPattern("0\\.\\d*0000[1-9]")
        .doesNotContain("14.4 *");
  }

  @Test
  void everyWindowIsARatioOfSumsDividedOnlyWhenThereIsTraffic() {
    SloRules rules = fx.rules();
    String period = rules.errorRatioExpr(fx.availability, "30d");
    assertThat(period)
        .isEqualTo(
            """
            sum without (instance, pod, route, outcome, le) \
            (increase(user_auth_request_duration_seconds_count{outcome="error"}[30d]))
            /
            (sum without (instance, pod, route, outcome, le) \
            (increase(user_auth_request_duration_seconds_count{outcome=~"success|error"}[30d])) \
            > 0)""");
    assertThat(rules.rulesYaml())
        .doesNotContain("avg_over_time")
        .doesNotContain("sum_over_time")
        .doesNotContain("service=");
  }

  @Test
  void calendarPeriodsSayAboveTheirRatioThatPrometheusRollsThem() {
    Slo weekly =
        Slo.availability("login-weekly", fx.sli)
            .objective("0.999")
            .period(SloPeriod.calendarWeek(ZoneId.of("Europe/Berlin")))
            .build();
    Slo monthly =
        Slo.availability("login-monthly", fx.sli)
            .objective("0.999")
            .period(SloPeriod.calendarMonth(ZoneId.of("UTC")))
            .build();
    String yaml =
        SloRules.of(
                List.of(fx.availability, weekly, monthly),
                RulesOptions.builder().service("user-auth").build())
            .rulesYaml();
    assertThat(yaml)
        .contains(
            "  # Calendar week in Europe/Berlin: Prometheus evaluates the period as a rolling 7d"
                + " window (PromQL has no\n"
                + "  # calendar ranges); /slo and the engine count the calendar week from its start"
                + " (Monday 00:00 Europe/Berlin),\n"
                + "  # so the period's ratio, burn rate and budget remaining here can differ from"
                + " /slo's.\n"
                + "  - record: slo:sli_error:ratio_rate7d\n")
        .contains(
            "  # Calendar month in UTC: Prometheus evaluates the period as a rolling 30d window"
                + " (PromQL has no\n"
                + "  # calendar ranges); /slo and the engine count the calendar month from its start"
                + " (the 1st, 00:00 UTC),\n"
                + "  # so the period's ratio, burn rate and budget remaining here can differ from"
                + " /slo's.\n"
                + "  - record: slo:sli_error:ratio_rate30d\n");
    assertThat(yaml.split("# Calendar ", -1)).as("one note per calendar SLO").hasSize(3);
    // Rolling SLOs: no note, and their groups render exactly as without the calendar SLOs.
    String rolling = fx.rulesWithoutLegacyAlert().rulesYaml();
    assertThat(rolling).doesNotContain("Calendar").doesNotContain("calendar");
    int first = rolling.indexOf("\n- name:") + 1;
    String availabilityGroup = rolling.substring(first, rolling.indexOf("\n- name:", first) + 1);
    assertThat(availabilityGroup).contains("login-availability").doesNotContain("login-latency");
    assertThat(yaml).contains(availabilityGroup);
  }

  @Test
  void latencyReadsTheExactLeBucketOfTheThreshold() {
    String expr = fx.rules().errorRatioExpr(fx.latency, "5m");
    assertThat(expr)
        .contains(
            "user_auth_request_duration_seconds_bucket{le=\"0.5\",outcome=~\"success|error\"}[5m]")
        .contains("user_auth_request_duration_seconds_count{outcome=~\"success|error\"}[5m]");
  }

  @Test
  void bothLeSpellingsAreMatchedWhenAskedForMixedFleets() {
    LatencySli sli = LatencySli.builder("api").latencyThreshold(1.0).quantiles(false).build();
    Slo slo = Slo.latency("api-latency", sli, 1.0).objective("0.99").build();
    SloRules plain = SloRules.of(slo);
    SloRules both =
        SloRules.of(List.of(slo), RulesOptions.builder().matchBothLeSpellings(true).build());
    assertThat(plain.errorRatioExpr(slo, "5m")).contains("le=\"1.0\"");
    assertThat(both.errorRatioExpr(slo, "5m")).contains("le=~\"1\\\\.0|1\"");
  }

  @Test
  void selectorAndServiceAreOnlyThereWhenConfigured() {
    SloRules rules =
        SloRules.of(
            fx.slos(),
            RulesOptions.builder()
                .service("user-auth")
                .selector("service", "user-auth")
                .aggregateAway("instance", "pod", "namespace")
                .build());
    assertThat(rules.errorRatioExpr(fx.availability, "5m"))
        .contains("sum without (instance, pod, namespace, route, outcome, le)")
        .contains("_count{service=\"user-auth\",outcome=\"error\"}");
    assertThat(SloRules.of(fx.availability).sloLabels(fx.availability))
        .containsEntry("sloth_service", "user-auth-request")
        .containsEntry("sloth_id", "user-auth-request-login-availability");
  }

  @Test
  void alertsCarrySeverityWindowsRunbookAndTheDefinitionHash() {
    String yaml = fx.rules().rulesYaml();
    assertThat(yaml)
        .contains("- alert: LoginAvailabilityBurnRatePage")
        .contains("- alert: LoginLatencyBurnRateTicket")
        .contains("and ignoring (sloth_window)")
        .contains("severity: \"page\"")
        .contains("runbook_url: \"https://runbooks.example.com/slo/login-latency\"")
        .contains("definition_hash: \"" + fx.latency.definitionHash() + "\"")
        .contains(
            "- alert: HighUserAuthLatency\n    expr: \"histogram_quantile(0.99, sum(rate("
                + "user_auth_request_duration_seconds_bucket[5m])) by (le, service)) > 0.5\"\n"
                + "    for: 5m");
    String exprs =
        fx.rules().groups().stream()
            .flatMap(g -> g.rules().stream())
            .map(Rule::expr)
            .collect(java.util.stream.Collectors.joining("\n"));
    assertThat(exprs)
        .contains("absent(user_auth_request_duration_seconds_count{outcome=\"success\"})")
        .contains(
            "srekit_slo_info{slo=\"login-availability\",definition_hash!=\""
                + fx.availability.definitionHash()
                + "\"}");
    assertThat(
            fx.rules()
                .alertAnnotations(fx.availability, fx.availability.alerts().alerts().get(0))
                .get("description"))
        .contains("login-availability")
        .contains("1h and 5m")
        .contains("burn rate above 14.4")
        .contains("spends 2 % of the 30d budget");
  }

  @Test
  void legacyAlertCarriesTheNoteOfWhatItMisses() {
    assertThat(fx.rules().rulesYaml())
        .contains(
            """
            - name: "srekit-legacy-quantile-alerts"
              rules:
              # The seed alert, kept as written. What it misses: it is equivalent to 'more than 0.01 \
            of the last 5m
              # slower than 0.5s', so a blip pages while burning almost no budget and a slow burn \
            just under
              # that share never pages; it ignores traffic volume and errors; with a 'service' label
              # exported by the app, Prometheus renames one to exported_service and 'by (le, \
            service)' breaks.
              # The LoginLatencyBurnRatePage alerts above replace it.
              - alert: HighUserAuthLatency
            """);
    assertThat(SloRules.of(fx.slos(), RulesOptions.defaults()).rulesYaml())
        .doesNotContain("HighUserAuthLatency")
        .doesNotContain("srekit-legacy-quantile-alerts");
  }

  @Test
  void optionsNameTheBadParameter() {
    assertThatThrownBy(() -> RulesOptions.builder().name("Bad_Name").build())
        .hasMessageStartingWith("name:");
    assertThatThrownBy(() -> RulesOptions.builder().selector("le", "1").build())
        .hasMessageStartingWith("selector:");
    assertThatThrownBy(() -> RulesOptions.builder().aggregateAway("sloth_id").build())
        .hasMessageStartingWith("aggregateAway:");
    assertThatThrownBy(() -> RulesOptions.builder().interval("soon").build())
        .hasMessageStartingWith("duration:");
    assertThatThrownBy(
            () -> SloRules.of(List.of(fx.availability, fx.availability), RulesOptions.defaults()))
        .hasMessageContaining("duplicate SLO name 'login-availability'");
  }
}
