package io.srekit.slo;

import io.srekit.sli.LatencySli;
import io.srekit.sli.QuantileSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Renders the engine's last tick as one self-contained HTML page (inline CSS and SVG, no scripts,
 * no external assets): per SLO the objective, the current SLI and the budget left, a chart of the
 * budget burndown across the period and of the burn rate over the last 6 hours, the alert table and
 * the definition spelled out. Refreshes itself every 10 seconds.
 */
public final class SloPage {

  private static final int W = 640;
  private static final int H = 160;

  private SloPage() {}

  /** The page for {@code engine}'s last tick. */
  public static String render(SloEngine engine) {
    StringBuilder sb = new StringBuilder(16_384);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta http-equiv=\"refresh\" content=\"10\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>SLOs</title><style>")
        .append(
            "body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2330;background:#f6f7f9}")
        .append(
            "section{background:#fff;border:1px solid #dde1e7;border-radius:8px;padding:16px 20px;margin:0 0 20px}")
        .append("h1{font-size:20px}h2{font-size:17px;margin:0 0 4px}.sub{color:#5b6472}")
        .append(".nums{display:flex;gap:32px;margin:12px 0}.num b{display:block;font-size:26px}")
        .append(".ok{color:#1a7f37}.warn{color:#b35900}.bad{color:#c62828}")
        .append(
            "table{border-collapse:collapse;margin:8px 0}td,th{padding:3px 10px;border-bottom:1px solid #eceef2;text-align:right}")
        .append(
            "th:first-child,td:first-child{text-align:left}svg{background:#fbfcfd;border:1px solid #eceef2}")
        .append(".firing{color:#c62828;font-weight:600}")
        .append("</style></head><body><h1>Service level objectives</h1>");
    sb.append("<p class=\"sub\">As of ")
        .append(Instant.ofEpochMilli(engine.clock().wallTime()))
        .append(" — refreshed every 10 s. JSON: <code>/slo?format=json</code></p>");
    for (SloStatus s : engine.statuses()) {
      slo(sb, s, engine.history(s.slo().name()));
    }
    for (LatencySli sli : engine.slis()) {
      quantiles(sb, sli);
    }
    sb.append("</body></html>");
    return sb.toString();
  }

  private static void slo(StringBuilder sb, SloStatus s, SloHistory history) {
    Slo slo = s.slo();
    sb.append("<section class=\"slo\" id=\"slo-").append(esc(slo.name())).append("\">");
    sb.append("<h2>").append(esc(slo.name())).append("</h2>");
    if (slo.description() != null) {
      sb.append("<div class=\"sub\">").append(esc(slo.description())).append("</div>");
    }
    double sli = 1 - s.period().errorRatio();
    double remaining = s.remaining();
    String cls =
        Double.isNaN(remaining) ? "" : remaining > 0.5 ? "ok" : remaining > 0 ? "warn" : "bad";
    sb.append("<div class=\"nums\">");
    num(sb, "objective", objectivePercent(slo), "");
    num(sb, "current SLI (" + esc(slo.period().label()) + ")", percent(sli, 3), "");
    num(sb, "error budget left", percent(remaining, 1), cls);
    sb.append("</div>");
    sb.append("<p>").append(definition(slo)).append("</p>");
    if (s.period().coverage() < 1) {
      sb.append("<p class=\"sub\">This process has seen ")
          .append(percent(s.period().coverage(), 1))
          .append(" of the period; the numbers cover what it has seen.</p>");
    }

    sb.append("<h3>Error budget left across the period</h3>");
    chart(sb, "budget", history.budgetRemaining(), List.of(0.0), true);
    sb.append("<h3>Burn rate, 5-minute steps, last 6 hours</h3>");
    List<Double> lines = new java.util.ArrayList<>();
    for (SloStatus.AlertState a : s.alerts()) {
      if (a.alert().severity() == BurnRateAlert.Severity.PAGE) {
        lines.add(a.factor().doubleValue());
      }
    }
    chart(sb, "burn", history.burnRate(), lines, false);

    sb.append(
            "<h3>Alerts</h3><table class=\"alerts\"><tr><th>severity</th><th>long / short window</th>")
        .append(
            "<th>burn-rate factor</th><th>error-ratio threshold</th><th>long</th><th>short</th><th>state</th></tr>");
    for (SloStatus.AlertState a : s.alerts()) {
      sb.append("<tr><td>")
          .append(a.alert().severity().label())
          .append("</td><td>")
          .append(PromDuration.format(a.alert().longWindow()))
          .append(" / ")
          .append(PromDuration.format(a.alert().shortWindow()))
          .append("</td><td>")
          .append(a.factor().toPlainString())
          .append("×</td><td>")
          .append(a.errorRatioThreshold().toPlainString())
          .append("</td><td>")
          .append(percent(a.longErrorRatio(), 2))
          .append("</td><td>")
          .append(percent(a.shortErrorRatio(), 2))
          .append("</td><td")
          .append(
              a.firing()
                  ? " class=\"firing\">firing since " + Instant.ofEpochMilli(a.sinceMillis())
                  : ">ok")
          .append(a.longWindowCovered() ? "" : " (long window not fully seen)")
          .append("</td></tr>");
    }
    sb.append("</table>");
    for (String warning : slo.lintWarnings()) {
      sb.append("<p class=\"warn\">").append(esc(warning)).append("</p>");
    }
    sb.append("</section>");
  }

  private static String definition(Slo slo) {
    String valid =
        slo.includeInvalid()
            ? "all recorded requests"
            : "requests whose outcome is success or error (invalid ones are left out)";
    String good =
        slo.kind() == SloKind.AVAILABILITY
            ? "do not end in an error"
            : "complete in at most " + slo.thresholdSeconds() + " s";
    String period =
        slo.period().isRolling()
            ? "over a rolling " + slo.period().label()
            : "per calendar " + slo.period().label() + " (" + slo.period().zone() + ")";
    return esc(
        objectivePercent(slo)
            + " of "
            + valid
            + " to "
            + slo.sli().metricName()
            + " "
            + good
            + ", "
            + period
            + ". Definition hash "
            + slo.definitionHash()
            + ".");
  }

  /** The objective as a percentage, exactly as defined: 0.999999 is 99.9999 %, never 100 %. */
  static String objectivePercent(Slo slo) {
    return slo.objective().movePointRight(2).stripTrailingZeros().toPlainString() + " %";
  }

  private static void chart(
      StringBuilder sb,
      String kind,
      List<SloHistory.Point> points,
      List<Double> lines,
      boolean budget) {
    sb.append("<svg class=\"chart chart-")
        .append(kind)
        .append("\" width=\"")
        .append(W)
        .append("\" height=\"")
        .append(H)
        .append("\" viewBox=\"0 0 ")
        .append(W)
        .append(' ')
        .append(H)
        .append("\" role=\"img\" aria-label=\"")
        .append(kind)
        .append(" chart\">");
    List<SloHistory.Point> real = points.stream().filter(p -> !Double.isNaN(p.value())).toList();
    if (real.isEmpty()) {
      sb.append("<text x=\"20\" y=\"")
          .append(H / 2)
          .append("\" fill=\"#5b6472\">no data yet</text></svg>");
      return;
    }
    long t0 = real.get(0).atMillis();
    long t1 = Math.max(t0 + 1, real.get(real.size() - 1).atMillis());
    double lo = 0;
    double hi = 1;
    for (SloHistory.Point p : real) {
      lo = Math.min(lo, p.value());
      hi = Math.max(hi, p.value());
    }
    for (double l : lines) {
      hi = Math.max(hi, l * 1.1);
    }
    double span = hi - lo;
    for (double l : lines) {
      double y = y(l, lo, span);
      sb.append(
          String.format(
              Locale.ROOT,
              "<line class=\"threshold\" x1=\"0\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>",
              W,
              y,
              y));
    }
    sb.append("<polyline fill=\"none\" stroke=\"#2f6fde\" stroke-width=\"2\" points=\"");
    StringBuilder circles = new StringBuilder();
    for (SloHistory.Point p : real) {
      double x = 8 + (W - 16) * (double) (p.atMillis() - t0) / (t1 - t0);
      double y = y(p.value(), lo, span);
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      circles.append(
          String.format(
              Locale.ROOT,
              "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"1.5\" fill=\"#2f6fde\"><title>%s: %s</title></circle>",
              x,
              y,
              Instant.ofEpochMilli(p.atMillis()),
              budget ? percent(p.value(), 2) : String.format(Locale.ROOT, "%.2f×", p.value())));
    }
    sb.append("\"/>").append(circles);
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"4\" y=\"12\" font-size=\"11\" fill=\"#5b6472\">%s</text><text x=\"4\" y=\"%d\" font-size=\"11\" fill=\"#5b6472\">%s</text>",
            budget ? percent(hi, 0) : String.format(Locale.ROOT, "%.1f×", hi),
            H - 4,
            budget ? percent(lo, 0) : String.format(Locale.ROOT, "%.1f×", lo)));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#5b6472\" text-anchor=\"end\">%s → %s</text>",
            W - 6,
            H - 4,
            Instant.ofEpochMilli(t0).toString().substring(0, 16).replace('T', ' '),
            Instant.ofEpochMilli(t1).toString().substring(0, 16).replace('T', ' ')));
    sb.append("</svg>");
  }

  private static double y(double v, double lo, double span) {
    return 8 + (H - 16) * (1 - (v - lo) / span);
  }

  private static void quantiles(StringBuilder sb, LatencySli sli) {
    sb.append("<section class=\"quantiles\"><h2>")
        .append(esc(sli.metricName()))
        .append(
            " — exact quantiles</h2><table><tr><th>window</th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th></tr>");
    for (QuantileSnapshot q : sli.quantiles()) {
      sb.append("<tr><td>")
          .append(PromDuration.format(q.window()))
          .append("</td><td>")
          .append(q.count())
          .append("</td><td>")
          .append(seconds(q.p50()))
          .append("</td><td>")
          .append(seconds(q.p90()))
          .append("</td><td>")
          .append(seconds(q.p99()))
          .append("</td><td>")
          .append(seconds(q.p999()))
          .append("</td></tr>");
    }
    sb.append("</table><p class=\"sub\">HdrHistogram, 3 significant digits.</p></section>");
  }

  private static void num(StringBuilder sb, String label, String value, String cls) {
    sb.append("<div class=\"num\"><b class=\"")
        .append(cls)
        .append("\">")
        .append(value)
        .append("</b>")
        .append(label)
        .append("</div>");
  }

  private static String percent(double ratio, int decimals) {
    return Double.isNaN(ratio)
        ? "no data"
        : String.format(Locale.ROOT, "%." + decimals + "f %%", ratio * 100);
  }

  private static String seconds(double s) {
    return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.1f ms", s * 1000);
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
