package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /slo} document's shape, pinned field by field (every path, in document order, array
 * elements merged as {@code []}). Scripts depend on it: a change here is a change of contract and
 * belongs in docs/slo.md.
 */
class SloJsonContractTest {

  private static final String SLO_FIELDS =
      """
      slos[].name
      slos[].sli
      slos[].metric
      slos[].kind
      slos[].objective
      slos[].thresholdSeconds
      slos[].period
      slos[].description
      slos[].definitionHash
      slos[].at
      slos[].errorRatios.5m
      slos[].errorRatios.30m
      slos[].errorRatios.1h
      slos[].errorRatios.2h
      slos[].errorRatios.6h
      slos[].errorRatios.1d
      slos[].errorRatios.3d
      slos[].errorRatios.30d
      slos[].burnRates.5m
      slos[].burnRates.30m
      slos[].burnRates.1h
      slos[].burnRates.2h
      slos[].burnRates.6h
      slos[].burnRates.1d
      slos[].burnRates.3d
      slos[].burnRates.30d
      slos[].coverage.5m
      slos[].coverage.30m
      slos[].coverage.1h
      slos[].coverage.2h
      slos[].coverage.6h
      slos[].coverage.1d
      slos[].coverage.3d
      slos[].coverage.30d
      slos[].windows.5m.validEvents
      slos[].windows.5m.badEvents
      slos[].windows.5m.from
      slos[].windows.30m.validEvents
      slos[].windows.30m.badEvents
      slos[].windows.30m.from
      slos[].windows.1h.validEvents
      slos[].windows.1h.badEvents
      slos[].windows.1h.from
      slos[].windows.2h.validEvents
      slos[].windows.2h.badEvents
      slos[].windows.2h.from
      slos[].windows.6h.validEvents
      slos[].windows.6h.badEvents
      slos[].windows.6h.from
      slos[].windows.1d.validEvents
      slos[].windows.1d.badEvents
      slos[].windows.1d.from
      slos[].windows.3d.validEvents
      slos[].windows.3d.badEvents
      slos[].windows.3d.from
      slos[].windows.30d.validEvents
      slos[].windows.30d.badEvents
      slos[].windows.30d.from
      slos[].budget.remainingRatio
      slos[].budget.allowedEvents
      slos[].budget.consumedEvents
      slos[].budget.remainingEvents
      slos[].budget.exhausted
      slos[].budget.secondsToExhaustionAt1h
      slos[].budget.secondsToExhaustionAt6h
      """;

  private static final String ALERT_FIELDS =
      """
      slos[].alerts[].severity
      slos[].alerts[].long
      slos[].alerts[].short
      slos[].alerts[].factor
      slos[].alerts[].errorRatioThreshold
      slos[].alerts[].longErrorRatio
      slos[].alerts[].shortErrorRatio
      slos[].alerts[].firing
      slos[].alerts[].since
      slos[].alerts[].longWindowCovered
      """;

  private static final String QUANTILE_FIELDS =
      """
      quantiles.window
      quantiles.coveredSeconds
      quantiles.count
      quantiles.p50
      quantiles.p90
      quantiles.p99
      quantiles.p999
      quantiles.max
      slis.contract_request.1m.window
      slis.contract_request.1m.coveredSeconds
      slis.contract_request.1m.count
      slis.contract_request.1m.p50
      slis.contract_request.1m.p90
      slis.contract_request.1m.p99
      slis.contract_request.1m.p999
      slis.contract_request.1m.max
      slis.contract_request.5m.window
      slis.contract_request.5m.coveredSeconds
      slis.contract_request.5m.count
      slis.contract_request.5m.p50
      slis.contract_request.5m.p90
      slis.contract_request.5m.p99
      slis.contract_request.5m.p999
      slis.contract_request.5m.max
      """;

  private final JsonMapper json = JsonMapper.builder().build();
  private final MockClock clock = new MockClock();
  private final LatencySli sli =
      LatencySli.builder("contract_request").latencyThreshold(0.5).clock(clock).build();

  private JsonNode render(AlertPolicy policy) {
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(
                Slo.availability("contract-availability", sli)
                    .objective("0.999")
                    .alerts(policy)
                    .build())
            .slo(Slo.latency("contract-latency", sli, 0.5).objective("0.99").alerts(policy).build())
            .build();
    SliSeries series = sli.series();
    for (int t = 0; t < 6 * 90; t++) {
      for (int i = 0; i < 20; i++) {
        series.record(
            i == 0 ? 900_000_000L : 20_000_000L, i == 1 ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
    return json.readTree(SloJson.render(engine));
  }

  @Test
  void everyFieldIsPinnedWithTheWorkbookPolicy() {
    JsonNode root = render(AlertPolicy.workbook());
    assertThat(paths(root))
        .containsExactlyElementsOf(
            expected(
                "generatedAt\n" + SLO_FIELDS + ALERT_FIELDS + "slos[].lint[]\n" + QUANTILE_FIELDS));
    assertThat(root.get("slos").get(0).get("alerts")).hasSize(4);
  }

  @Test
  void everyFieldButTheAlertsIsPinnedWithoutAlerts() {
    JsonNode root = render(AlertPolicy.none());
    // No alerts and no lint warnings: the arrays are there, empty; every window is still there.
    assertThat(paths(root))
        .containsExactlyElementsOf(
            expected(
                "generatedAt\n"
                    + SLO_FIELDS
                    + "slos[].alerts[]\nslos[].lint[]\n"
                    + QUANTILE_FIELDS));
    JsonNode slo = root.get("slos").get(0);
    assertThat(slo.get("alerts").isArray()).isTrue();
    assertThat(slo.get("alerts")).isEmpty();
    assertThat(slo.get("lint")).isEmpty();
    // 5 % errors against a 0.1 % budget: burning at 50, with a time to exhaustion at 1 h and 6 h.
    assertThat(slo.get("burnRates").get("1h").asDouble())
        .isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(slo.get("burnRates").get("6h").asDouble())
        .isCloseTo(50.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(slo.get("budget").get("secondsToExhaustionAt1h").isNumber()).isTrue();
    assertThat(slo.get("budget").get("secondsToExhaustionAt6h").isNumber()).isTrue();
  }

  private static List<String> expected(String lines) {
    return lines.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  /**
   * Every leaf path in document order; array elements merged as {@code []}, an empty array is a
   * leaf.
   */
  private static List<String> paths(JsonNode root) {
    Set<String> out = new LinkedHashSet<>();
    collect(root, "", out);
    return new ArrayList<>(out);
  }

  private static void collect(JsonNode node, String path, Set<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else if (node.isArray() && node.isEmpty()) {
      out.add(path + "[]");
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, path + "[]", out);
      }
    } else {
      out.add(path);
    }
  }
}
