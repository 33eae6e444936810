package io.srekit.slo;

import io.srekit.sli.LatencySli;
import io.srekit.sli.QuantileSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Renders an engine's last tick as the {@code /slo} JSON document. The shape is a contract other
 * tools script against: every field below is stable (pinned by {@code SloJsonContractTest}); fields
 * are only ever added, never renamed, removed or retyped. docs/slo.md describes each field.
 *
 * <pre>{@code
 * {"generatedAt": "2026-11-27T18:00:00Z",
 *  "slos": [{"name", "sli", "metric", "kind": "availability|latency", "objective": 0.999,
 *            "thresholdSeconds": 0.5|null, "period": "30d|28d|month|week|…", "description"|null,
 *            "definitionHash", "at": "…",
 *            "errorRatios": {"5m", "30m", "1h", "2h", "6h", "1d", "3d", <other alert windows>, <period>},
 *            "burnRates": {same keys}, "coverage": {same keys},
 *            "windows": {<same keys>: {"validEvents", "badEvents", "from": "…"}},
 *            "budget": {"remainingRatio", "allowedEvents", "consumedEvents", "remainingEvents",
 *                       "exhausted", "secondsToExhaustionAt1h", "secondsToExhaustionAt6h"},
 *            "alerts": [{"severity": "page|ticket", "long": "1h", "short": "5m", "factor": 14.4,
 *                        "errorRatioThreshold": 0.0144, "longErrorRatio", "shortErrorRatio",
 *                        "firing": true|false, "since": "…"|null, "longWindowCovered"}],
 *            "lint": ["…"]}],
 *  "quantiles": {"window": "5m", "coveredSeconds", "count", "p50", "p90", "p99", "p999", "max"}|null,
 *  "slis": {"user_auth_request": {"1m": {same fields as quantiles}, "5m": {…}}}}
 * }</pre>
 *
 * The window keys are the same in {@code errorRatios}, {@code burnRates}, {@code coverage} and
 * {@code windows}, whatever the alert policy: the SRE workbook's 5m, 30m, 1h, 2h, 6h, 1d and 3d,
 * then any other window of the SLO's alert policy, then the period's label ({@code 30d}, {@code
 * month}, …). {@code alerts} and {@code lint} are arrays, empty when there are none. Windows are
 * named as Prometheus durations, times are RFC 3339 UTC, durations and quantiles are in seconds,
 * objectives, factors and thresholds are exact decimals, and a ratio without data is {@code null}
 * ("no data" is not 100 %), as is any number that is not finite. The top-level {@code quantiles}
 * are the first SLI's over 5 minutes ({@code null} if its quantiles are off).
 */
public final class SloJson {

  private SloJson() {}

  /** The document for {@code engine}'s last tick. */
  public static String render(SloEngine engine) {
    StringBuilder sb = new StringBuilder(4096);
    List<SloStatus> statuses = engine.statuses();
    sb.append("{\"generatedAt\":");
    string(sb, Instant.ofEpochMilli(engine.clock().wallTime()).toString());
    sb.append(",\"slos\":[");
    for (int i = 0; i < statuses.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      slo(sb, statuses.get(i));
    }
    sb.append("],\"quantiles\":");
    List<LatencySli> slis = engine.slis();
    QuantileSnapshot top =
        slis.isEmpty() ? null : slis.get(0).quantiles(java.time.Duration.ofMinutes(5));
    if (top == null) {
      sb.append("null");
    } else {
      quantiles(sb, top, "5m");
    }
    sb.append(",\"slis\":{");
    for (int i = 0; i < slis.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      string(sb, slis.get(i).name());
      sb.append(":{");
      List<QuantileSnapshot> qs = slis.get(i).quantiles();
      for (int q = 0; q < qs.size(); q++) {
        if (q > 0) {
          sb.append(',');
        }
        String w = PromDuration.format(qs.get(q).window());
        string(sb, w);
        sb.append(':');
        quantiles(sb, qs.get(q), w);
      }
      sb.append('}');
    }
    sb.append("}}");
    return sb.toString();
  }

  private static void slo(StringBuilder sb, SloStatus s) {
    Slo slo = s.slo();
    sb.append("{\"name\":");
    string(sb, slo.name());
    sb.append(",\"sli\":");
    string(sb, slo.sli().name());
    sb.append(",\"metric\":");
    string(sb, slo.sli().metricName());
    sb.append(",\"kind\":");
    string(sb, slo.kind().label());
    sb.append(",\"objective\":").append(slo.objective().toPlainString());
    sb.append(",\"thresholdSeconds\":");
    sb.append(slo.thresholdSeconds() == null ? "null" : slo.thresholdSeconds().toString());
    sb.append(",\"period\":");
    string(sb, slo.period().label());
    sb.append(",\"description\":");
    if (slo.description() == null) {
      sb.append("null");
    } else {
      string(sb, slo.description());
    }
    sb.append(",\"definitionHash\":");
    string(sb, slo.definitionHash());
    sb.append(",\"at\":");
    string(sb, Instant.ofEpochMilli(s.atMillis()).toString());
    windowMap(sb, "errorRatios", s, 0);
    windowMap(sb, "burnRates", s, 1);
    windowMap(sb, "coverage", s, 2);
    sb.append(",\"windows\":{");
    boolean first = true;
    for (SloStatus.WindowStatus w : s.windows().values()) {
      sb.append(first ? "" : ",");
      first = false;
      string(sb, w.name());
      sb.append(":{\"validEvents\":").append(w.validEvents());
      sb.append(",\"badEvents\":").append(w.badEvents());
      sb.append(",\"from\":");
      string(sb, Instant.ofEpochMilli(w.fromMillis()).toString());
      sb.append('}');
    }
    sb.append("},\"budget\":{\"remainingRatio\":");
    number(sb, s.budget().remainingRatio());
    sb.append(",\"allowedEvents\":");
    number(sb, s.budget().allowedEvents());
    sb.append(",\"consumedEvents\":").append(s.budget().consumedEvents());
    sb.append(",\"remainingEvents\":");
    number(sb, s.budget().remainingEvents());
    sb.append(",\"exhausted\":").append(s.isExhausted());
    sb.append(",\"secondsToExhaustionAt1h\":");
    number(sb, s.secondsToExhaustionAt1h());
    sb.append(",\"secondsToExhaustionAt6h\":");
    number(sb, s.secondsToExhaustionAt6h());
    sb.append("},\"alerts\":[");
    for (int i = 0; i < s.alerts().size(); i++) {
      SloStatus.AlertState a = s.alerts().get(i);
      sb.append(i > 0 ? "," : "").append("{\"severity\":");
      string(sb, a.alert().severity().label());
      sb.append(",\"long\":");
      string(sb, PromDuration.format(a.alert().longWindow()));
      sb.append(",\"short\":");
      string(sb, PromDuration.format(a.alert().shortWindow()));
      sb.append(",\"factor\":").append(plain(a.factor()));
      sb.append(",\"errorRatioThreshold\":").append(plain(a.errorRatioThreshold()));
      sb.append(",\"longErrorRatio\":");
      number(sb, a.longErrorRatio());
      sb.append(",\"shortErrorRatio\":");
      number(sb, a.shortErrorRatio());
      sb.append(",\"firing\":").append(a.firing());
      sb.append(",\"since\":");
      if (a.sinceMillis() < 0) {
        sb.append("null");
      } else {
        string(sb, Instant.ofEpochMilli(a.sinceMillis()).toString());
      }
      sb.append(",\"longWindowCovered\":").append(a.longWindowCovered()).append('}');
    }
    sb.append("],\"lint\":[");
    List<String> lint = slo.lintWarnings();
    for (int i = 0; i < lint.size(); i++) {
      sb.append(i > 0 ? "," : "");
      string(sb, lint.get(i));
    }
    sb.append("]}");
  }

  private static void windowMap(StringBuilder sb, String field, SloStatus s, int which) {
    sb.append(",\"").append(field).append("\":{");
    boolean first = true;
    for (SloStatus.WindowStatus w : s.windows().values()) {
      sb.append(first ? "" : ",");
      first = false;
      string(sb, w.name());
      sb.append(':');
      number(sb, which == 0 ? w.errorRatio() : which == 1 ? w.burnRate() : w.coverage());
    }
    sb.append('}');
  }

  private static void quantiles(StringBuilder sb, QuantileSnapshot q, String window) {
    sb.append("{\"window\":");
    string(sb, window);
    sb.append(",\"coveredSeconds\":");
    number(sb, q.coveredSeconds());
    sb.append(",\"count\":").append(q.count());
    sb.append(",\"p50\":");
    number(sb, q.p50());
    sb.append(",\"p90\":");
    number(sb, q.p90());
    sb.append(",\"p99\":");
    number(sb, q.p99());
    sb.append(",\"p999\":");
    number(sb, q.p999());
    sb.append(",\"max\":");
    number(sb, q.max());
    sb.append('}');
  }

  private static String plain(BigDecimal d) {
    return d.stripTrailingZeros().toPlainString();
  }

  static void number(StringBuilder sb, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      sb.append("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      sb.append((long) v);
    } else {
      sb.append(v);
    }
  }

  static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '<' -> sb.append("\\u003c"); // safe to embed in HTML
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
