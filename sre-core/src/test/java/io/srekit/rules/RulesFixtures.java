package io.srekit.rules;

import io.srekit.sli.LatencySli;
import io.srekit.slo.Slo;
import java.util.List;

/** user-auth's SLI and its two SLOs: 99.9 % without error, 99 % within 0.5 s, over 30 days. */
final class RulesFixtures {

  final LatencySli sli =
      LatencySli.builder("user_auth_request")
          .labelNames("route")
          .latencyThreshold(0.5)
          .quantiles(false)
          .build();
  final Slo availability = Slo.availability("login-availability", sli).objective("0.999").build();
  final Slo latency = Slo.latency("login-latency", sli, 0.5).objective("0.99").build();

  /** A fleet mixing Prometheus 2 and 3 clients: a 1 s threshold, exposed as "1" and "1.0". */
  final LatencySli apiSli =
      LatencySli.builder("api_request").latencyThreshold(1.0).quantiles(false).build();

  final Slo apiAvailability =
      Slo.availability("api-availability", apiSli).objective("0.999").build();
  final Slo apiLatency = Slo.latency("api-latency", apiSli, 1.0).objective("0.99").build();

  List<Slo> slos() {
    return List.of(availability, latency);
  }

  SloRules rules() {
    return SloRules.of(
        slos(), RulesOptions.builder().service("user-auth").legacyQuantileAlert(true).build());
  }

  /** user-auth's rules as the command line renders them without {@code --legacy-quantile-alert}. */
  SloRules rulesWithoutLegacyAlert() {
    return SloRules.of(slos(), RulesOptions.builder().service("user-auth").build());
  }

  /** The api SLOs' rules, matching both {@code le} spellings or not. */
  SloRules mixedFleetRules(boolean bothLeSpellings) {
    return SloRules.of(
        List.of(apiAvailability, apiLatency),
        RulesOptions.builder().service("api").matchBothLeSpellings(bothLeSpellings).build());
  }
}
