package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SliSeries;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code /slo} document's shape, pinned field by field: every path, in document order, array
 * elements merged as {@code []}, with its JSON type ({@code number}, {@code boolean}, {@code
 * string}, {@code null}, {@code object}, {@code array}; {@code null|number} when the merged
 * elements differ). Scripts depend on it: a change here is a change of contract and belongs in
 * docs/slo.md.
 */
class SloJsonContractTest {

  private static final String SLO_FIELDS =
      """
      slos[].name string
      slos[].sli string
      slos[].metric string
      slos[].kind string
      slos[].objective number
      slos[].thresholdSeconds null|number
      slos[].period string
      slos[].description null
      slos[].definitionHash string
      slos[].at string
      slos[].errorRatios.5m number
      slos[].errorRatios.30m number
      slos[].errorRatios.1h number
      slos[].errorRatios.2h number
      slos[].errorRatios.6h number
      slos[].errorRatios.1d number
      slos[].errorRatios.3d number
      slos[].errorRatios.30d number
      slos[].burnRates.5m number
      slos[].burnRates.30m number
      slos[].burnRates.1h number
      slos[].burnRates.2h number
      slos[].burnRates.6h number
      slos[].burnRates.1d number
      slos[].burnRates.3d number
      slos[].burnRates.30d number
      slos[].coverage.5m number
      slos[].coverage.30m number
      slos[].coverage.1h number
      slos[].coverage.2h number
      slos[].coverage.6h number
      slos[].coverage.1d number
      slos[].coverage.3d number
      slos[].coverage.30d number
      slos[].windows.5m.validEvents number
      slos[].windows.5m.badEvents number
      slos[].windows.5m.from string
      slos[].windows.30m.validEvents number
      slos[].windows.30m.badEvents number
      slos[].windows.30m.from string
      slos[].windows.1h.validEvents number
      slos[].windows.1h.badEvents number
      slos[].windows.1h.from string
      slos[].windows.2h.validEvents number
      slos[].windows.2h.badEvents number
      slos[].windows.2h.from string
      slos[].windows.6h.validEvents number
      slos[].windows.6h.badEvents number
      slos[].windows.6h.from string
      slos[].windows.1d.validEvents number
      slos[].windows.1d.badEvents number
      slos[].windows.1d.from string
      slos[].windows.3d.validEvents number
      slos[].windows.3d.badEvents number
      slos[].windows.3d.from string
      slos[].windows.30d.validEvents number
      slos[].windows.30d.badEvents number
      slos[].windows.30d.from string
      slos[].budget.remainingRatio number
      slos[].budget.allowedEvents number
      slos[].budget.consumedEvents number
      slos[].budget.remainingEvents number
      slos[].budget.exhausted boolean
      slos[].budget.secondsToExhaustionAt1h number
      slos[].budget.secondsToExhaustionAt6h number
      """;

  private static final String ALERT_FIELDS =
      """
      slos[].alerts[].severity string
      slos[].alerts[].long string
      slos[].alerts[].short string
      slos[].alerts[].factor number
      slos[].alerts[].errorRatioThreshold number
      slos[].alerts[].longErrorRatio number
      slos[].alerts[].shortErrorRatio number
      slos[].alerts[].firing boolean
      slos[].alerts[].since null|string
      slos[].alerts[].longWindowCovered boolean
      """;

  private static final String QUANTILE_FIELDS =
      """
      quantiles.window string
      quantiles.coveredSeconds number
      quantiles.count number
      quantiles.p50 number
      quantiles.p90 number
      quantiles.p99 number
      quantiles.p999 number
      quantiles.max number
      slis.contract_request.1m.window string
      slis.contract_request.1m.coveredSeconds number
      slis.contract_request.1m.count number
      slis.contract_request.1m.p50 number
      slis.contract_request.1m.p90 number
      slis.contract_request.1m.p99 number
      slis.contract_request.1m.p999 number
      slis.contract_request.1m.max number
      slis.contract_request.5m.window string
      slis.contract_request.5m.coveredSeconds number
      slis.contract_request.5m.count number
      slis.contract_request.5m.p50 number
      slis.contract_request.5m.p90 number
      slis.contract_request.5m.p99 number
      slis.contract_request.5m.p999 number
      slis.contract_request.5m.max number
      """;

  /** Decimals as {@code BigDecimal}, so an objective's exact value can be compared. */
  private final JsonMapper json =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private String text;
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
    text = SloJson.render(engine);
    return json.readTree(text);
  }

  @Test
  void everyFieldIsPinnedWithTheWorkbookPolicy() {
    JsonNode root = render(AlertPolicy.workbook());
    assertThat(paths(root))
        .containsExactlyElementsOf(
            expected(
                "generatedAt string\n"
                    + SLO_FIELDS
                    + ALERT_FIELDS
                    + "slos[].lint[] array\n"
                    + QUANTILE_FIELDS));
    assertThat(root.get("slos").get(0).get("alerts")).hasSize(4);
    // Exact decimals are JSON numbers, not strings, written as the decimal.
    JsonNode availability = root.get("slos").get(0);
    assertThat(availability.get("objective").isNumber()).isTrue();
    assertThat(availability.get("objective").decimalValue()).isEqualTo(new BigDecimal("0.999"));
    assertThat(root.get("slos").get(1).get("objective").decimalValue())
        .isEqualTo(new BigDecimal("0.99"));
    assertThat(text).contains("\"objective\":0.999,").contains("\"objective\":0.99,");
    JsonNode page = availability.get("alerts").get(0);
    assertThat(page.get("factor").decimalValue()).isEqualTo(new BigDecimal("14.4"));
    assertThat(page.get("errorRatioThreshold").decimalValue()).isEqualTo(new BigDecimal("0.0144"));
    // 5 % errors against 0.0144: the 1h/5m page fires; firing is a JSON boolean, since a string.
    assertThat(page.get("firing").isBoolean()).isTrue();
    assertThat(page.get("firing").booleanValue()).isTrue();
    assertThat(page.get("since").isString()).isTrue();
    assertThat(availability.get("budget").get("exhausted").isBoolean()).isTrue();
  }

  @Test
  void everyFieldButTheAlertsIsPinnedWithoutAlerts() {
    JsonNode root = render(AlertPolicy.none());
    // No alerts and no lint warnings: the arrays are there, empty; every window is still there.
    assertThat(paths(root))
        .containsExactlyElementsOf(
            expected(
                "generatedAt string\n"
                    + SLO_FIELDS
                    + "slos[].alerts[] array\nslos[].lint[] array\n"
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
   * Every leaf path in document order with its JSON type; array elements merged as {@code []}, an
   * empty array is a leaf of type {@code array}; the types of merged elements joined with {@code
   * |}, sorted.
   */
  private static List<String> paths(JsonNode root) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    collect(root, "", out);
    List<String> lines = new ArrayList<>();
    out.forEach((path, types) -> lines.add(path + " " + String.join("|", new TreeSet<>(types))));
    return lines;
  }

  private static void collect(JsonNode node, String path, Map<String, Set<String>> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
      }
    } else if (node.isArray() && node.isEmpty()) {
      out.computeIfAbsent(path + "[]", k -> new LinkedHashSet<>()).add("array");
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        collect(element, path + "[]", out);
      }
    } else {
      out.computeIfAbsent(path, k -> new LinkedHashSet<>())
          .add(node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
  }
}
