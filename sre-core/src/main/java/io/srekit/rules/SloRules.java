package io.srekit.rules;

import io.srekit.sli.LatencySli;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.BurnRateAlert.Severity;
import io.srekit.slo.PromDuration;
import io.srekit.slo.Slo;
import io.srekit.slo.SloKind;
import io.srekit.slo.SloPeriod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prometheus rules for a set of {@link Slo}s, from the same objects the engine runs. Per SLO, one
 * group evaluated in order: Sloth-compatible recording rules ({@code slo:sli_error:ratio_rate<w>}
 * for every alert window and the period, objective, budget, burn rates, budget remaining, {@code
 * sloth_slo_info} with the definition hash), one multiwindow burn-rate alert per pair of the SLO's
 * {@link io.srekit.slo.AlertPolicy}, an {@code absent} alert and a definition-drift alert.
 *
 * <p>Where it differs from Sloth and Pyrra, on purpose: every window, the period included, is a
 * ratio of sums of {@code increase()} (never a mean of 5-minute ratios); division is by {@code
 * (total > 0)}, so a quiet window has no sample instead of NaN; thresholds are the exact {@code
 * BigDecimal} products ({@code 0.0144}); latency reads the exact {@code le} bucket of the
 * threshold; the alert fires when both windows exceed {@code factor × (1 − objective)}, exactly as
 * {@link io.srekit.slo.SloEngine} decides.
 *
 * <pre>{@code
 * SloRules rules = SloRules.of(List.of(availability, latency),
 *     RulesOptions.builder().service("user-auth").build());
 * Files.writeString(Path.of("slos.rules.yml"), rules.rulesYaml());
 * rules.writeTo(Path.of("target/rules"));   // rules, PrometheusRule and promtool tests
 * }</pre>
 */
public final class SloRules {

  /** The info metric the engine exports through {@code SloMeterBinder}. */
  public static final String ENGINE_INFO_METRIC = "srekit_slo_info";

  private final List<Slo> slos;
  private final RulesOptions options;
  private final List<RuleGroup> groups;

  private SloRules(List<Slo> slos, RulesOptions options, List<RuleGroup> groups) {
    this.slos = slos;
    this.options = options;
    this.groups = groups;
  }

  /**
   * Rules for {@code slos}.
   *
   * @throws IllegalArgumentException if two SLOs share a name or none is given
   */
  public static SloRules of(List<Slo> slos, RulesOptions options) {
    if (slos == null || slos.isEmpty()) {
      throw new IllegalArgumentException("slos: at least one SLO is required, was " + slos);
    }
    Set<String> names = new LinkedHashSet<>();
    for (Slo s : slos) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("slos: duplicate SLO name '" + s.name() + "'");
      }
    }
    List<Slo> copy = List.copyOf(slos);
    SloRules partial = new SloRules(copy, options, List.of());
    List<RuleGroup> groups = new ArrayList<>();
    for (Slo s : copy) {
      groups.add(
          new RuleGroup(
              "srekit-slo-" + partial.slothId(s), options.interval(), partial.rulesFor(s)));
    }
    List<Rule> legacy = new ArrayList<>();
    if (options.legacyQuantileAlert()) {
      for (Slo s : copy) {
        if (s.kind() == SloKind.LATENCY) {
          legacy.add(partial.legacyQuantileAlert(s));
        }
      }
    }
    if (!legacy.isEmpty()) {
      groups.add(new RuleGroup("srekit-legacy-quantile-alerts", options.interval(), legacy));
    }
    return new SloRules(copy, options, List.copyOf(groups));
  }

  /** Rules for {@code slos} with {@link RulesOptions#defaults()}. */
  public static SloRules of(Slo... slos) {
    return of(List.of(slos), RulesOptions.defaults());
  }

  /** This rule set with every rule passed through {@code change} (tests build mutants with it). */
  public SloRules mapRules(java.util.function.UnaryOperator<Rule> change) {
    List<RuleGroup> out = new ArrayList<>();
    for (RuleGroup g : groups) {
      out.add(new RuleGroup(g.name(), g.interval(), g.rules().stream().map(change).toList()));
    }
    return new SloRules(slos, options, List.copyOf(out));
  }

  /** The SLOs, in order. */
  public List<Slo> slos() {
    return slos;
  }

  /** The options. */
  public RulesOptions options() {
    return options;
  }

  /** The rule groups, in order. */
  public List<RuleGroup> groups() {
    return groups;
  }

  /** The {@code sloth_service} of {@code slo}: the configured service, or the SLI's name. */
  public String slothService(Slo slo) {
    return options.service() != null ? options.service() : slo.sli().name().replace('_', '-');
  }

  /** The {@code sloth_id} of {@code slo}: {@code <service>-<slo>}. */
  public String slothId(Slo slo) {
    return slothService(slo) + "-" + slo.name();
  }

  /** The labels every series of {@code slo} carries: {@code sloth_id, sloth_service, sloth_slo}. */
  public Map<String, String> sloLabels(Slo slo) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("sloth_id", slothId(slo));
    m.put("sloth_service", slothService(slo));
    m.put("sloth_slo", slo.name());
    return m;
  }

  /** The burn-rate alert's name for a severity: {@code LoginAvailabilityBurnRatePage}. */
  public String alertName(Slo slo, Severity severity) {
    return camel(slo.name()) + "BurnRate" + camel(severity.label());
  }

  /** The labels the burn-rate alert of {@code alert} adds (besides those of its expression). */
  public Map<String, String> alertLabels(Slo slo, BurnRateAlert alert) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("severity", alert.severity().label());
    m.put("sloth_severity", alert.severity().label());
    m.put("slo", slo.name());
    m.put("long_window", PromDuration.format(alert.longWindow()));
    m.put("short_window", PromDuration.format(alert.shortWindow()));
    return m;
  }

  /** The burn-rate alert's annotations (static text: no templates, so tests can match them). */
  public Map<String, String> alertAnnotations(Slo slo, BurnRateAlert alert) {
    String lw = PromDuration.format(alert.longWindow());
    String sw = PromDuration.format(alert.shortWindow());
    BigDecimal factor = alert.factor(slo.period());
    BigDecimal threshold = alert.errorRatioThreshold(slo.period(), slo.objective());
    BigDecimal spent =
        factor
            .multiply(BigDecimal.valueOf(alert.longWindow().toMillis()))
            .divide(
                BigDecimal.valueOf(slo.period().nominalLength().toMillis()), MathContext.DECIMAL64)
            .movePointRight(2)
            .round(new MathContext(4))
            .stripTrailingZeros();
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "summary",
        "SLO "
            + slo.name()
            + " of "
            + slothService(slo)
            + " burns its error budget "
            + factor.toPlainString()
            + "x too fast ("
            + alert.severity().label()
            + ")");
    m.put(
        "description",
        "SLO "
            + slo.name()
            + " ("
            + describe(slo)
            + "): the error ratio over both "
            + lw
            + " and "
            + sw
            + " is above "
            + threshold.toPlainString()
            + ", a burn rate above "
            + factor.toPlainString()
            + "; at this rate "
            + lw
            + " spends "
            + spent.toPlainString()
            + " % of the "
            + PromDuration.format(slo.period().nominalLength())
            + " budget.");
    m.put("runbook_url", runbook(slo));
    return m;
  }

  /** A plain Prometheus rules file. */
  public String rulesYaml() {
    StringBuilder sb = new StringBuilder();
    header(sb);
    Yaml.groups(sb, "", groups);
    return sb.toString();
  }

  /** A {@code monitoring.coreos.com/v1} {@code PrometheusRule} with the same groups. */
  public String prometheusRuleYaml() {
    StringBuilder sb = new StringBuilder();
    header(sb);
    sb.append("apiVersion: monitoring.coreos.com/v1\n");
    sb.append("kind: PrometheusRule\n");
    sb.append("metadata:\n");
    sb.append("  name: ").append(Yaml.quoted(options.name())).append('\n');
    if (options.namespace() != null) {
      sb.append("  namespace: ").append(Yaml.quoted(options.namespace())).append('\n');
    }
    Yaml.map(sb, "  ", "labels", options.resourceLabels());
    sb.append("spec:\n");
    Yaml.groups(sb, "  ", groups);
    return sb.toString();
  }

  /**
   * A {@code promtool test rules} file for the rules file named {@code rulesFileName} (relative to
   * the test file), with scenarios replayed through the engine: see {@link PromtoolTests}.
   */
  public String promtoolTestsYaml(String rulesFileName) {
    return PromtoolTests.standard(this).render(rulesFileName);
  }

  /** The rules file's name in {@link #writeTo}: {@code <name>.rules.yml}. */
  public String rulesFileName() {
    return options.name() + ".rules.yml";
  }

  /**
   * Writes {@code <name>.rules.yml}, {@code <name>.prometheusrule.yaml} and {@code
   * <name>.rules.test.yml} (the promtool tests) into {@code dir}, creating it.
   *
   * @return the three files, in that order
   */
  public List<Path> writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Path rules = dir.resolve(rulesFileName());
      Path crd = dir.resolve(options.name() + ".prometheusrule.yaml");
      Path tests = dir.resolve(options.name() + ".rules.test.yml");
      Files.writeString(rules, rulesYaml(), StandardCharsets.UTF_8);
      Files.writeString(crd, prometheusRuleYaml(), StandardCharsets.UTF_8);
      Files.writeString(
          tests, promtoolTestsYaml(rules.getFileName().toString()), StandardCharsets.UTF_8);
      return List.of(rules, crd, tests);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private void header(StringBuilder sb) {
    sb.append("# Generated by srekit from ").append(slos.size()).append(" SLO definition(s);");
    sb.append(" do not edit, regenerate.\n");
    for (Slo s : slos) {
      sb.append("# ").append(s.name()).append(": ").append(describe(s));
      sb.append(" (definition_hash ").append(s.definitionHash()).append(")\n");
    }
  }

  private List<Rule> rulesFor(Slo slo) {
    List<Rule> rules = new ArrayList<>();
    Map<String, String> base = sloLabels(slo);
    List<String> windows = recordedWindows(slo);
    String period = periodWindow(slo);
    for (String w : windows) {
      Map<String, String> labels = new LinkedHashMap<>(base);
      labels.put("sloth_window", w);
      Rule r = Rule.recording(errorRatioRecord(w), errorRatioExpr(slo, w), labels);
      if (w.equals(windows.get(0))) {
        r =
            r.withComment(
                "Error ratio per window: a ratio of sums of increase(), NaN-safe (no traffic, no"
                    + " sample).");
      }
      if (w.equals(period) && !slo.period().isRolling()) {
        String note = calendarNote(slo);
        r = r.withComment(r.comment() == null ? note : r.comment() + "\n" + note);
      }
      rules.add(r);
    }
    String budget = slo.errorBudget().toPlainString();
    String id = "{sloth_id=\"" + slothId(slo) + "\"}";
    rules.add(
        Rule.recording(
                "slo:objective:ratio", "vector(" + slo.objective().toPlainString() + ")", base)
            .withComment("Metadata and budget (Sloth-compatible names)."));
    rules.add(Rule.recording("slo:error_budget:ratio", "vector(" + budget + ")", base));
    BigDecimal days =
        BigDecimal.valueOf(slo.period().nominalLength().toHours())
            .divide(BigDecimal.valueOf(24), MathContext.DECIMAL64)
            .stripTrailingZeros();
    rules.add(Rule.recording("slo:time_period:days", "vector(" + days.toPlainString() + ")", base));
    rules.add(
        Rule.recording(
            "slo:current_burn_rate:ratio",
            "sum without (sloth_window) ("
                + errorRatioRecord(windows.get(0))
                + id
                + ")\n/ "
                + budget,
            base));
    rules.add(
        Rule.recording(
            "slo:period_burn_rate:ratio",
            "sum without (sloth_window) (" + errorRatioRecord(period) + id + ")\n/ " + budget,
            base));
    rules.add(
        Rule.recording(
            "slo:period_error_budget_remaining:ratio",
            "1 - slo:period_burn_rate:ratio" + id,
            base));
    Map<String, String> info = new LinkedHashMap<>(base);
    info.put("sloth_mode", "srekit");
    info.put(
        "sloth_objective", slo.objective().movePointRight(2).stripTrailingZeros().toPlainString());
    info.put("definition_hash", slo.definitionHash());
    rules.add(Rule.recording("sloth_slo_info", "vector(1)", info));

    boolean first = true;
    for (BurnRateAlert a : slo.alerts().alerts()) {
      Map<String, String> labels = alertLabels(slo, a);
      Rule r =
          Rule.alerting(
              alertName(slo, a.severity()),
              burnRateExpr(slo, a),
              null,
              labels,
              alertAnnotations(slo, a));
      if (first) {
        r =
            r.withComment(
                "Multiwindow multi-burn-rate alerts, as SloEngine evaluates them: both windows"
                    + " above\nfactor x (1 - objective), no 'for'.");
        first = false;
      }
      rules.add(r);
    }
    rules.add(absentAlert(slo));
    rules.add(driftAlert(slo));
    return rules;
  }

  /** The alert windows and the period, shortest first, in Prometheus spelling. */
  List<String> recordedWindows(Slo slo) {
    Set<Duration> set = new java.util.TreeSet<>(slo.windows());
    set.add(slo.period().nominalLength());
    List<String> out = new ArrayList<>();
    for (Duration d : set) {
      out.add(PromDuration.format(d));
    }
    return out;
  }

  /**
   * The comment above a calendar period's ratio: Prometheus evaluates the period as a rolling
   * window of its nominal length, while {@code /slo} and the engine count the calendar period.
   */
  static String calendarNote(Slo slo) {
    SloPeriod p = slo.period();
    String window = periodWindow(slo);
    String start =
        p.label().equals("week") ? "Monday 00:00 " + p.zone() : "the 1st, 00:00 " + p.zone();
    return "Calendar "
        + p.label()
        + " in "
        + p.zone()
        + ": Prometheus evaluates the period as a rolling "
        + window
        + " window (PromQL has no\ncalendar ranges); /slo and the engine count the calendar "
        + p.label()
        + " from its start ("
        + start
        + "),\nso the period's ratio, burn rate and budget remaining here can differ from /slo's.";
  }

  /** The window that stands for the period: its nominal length ({@code 30d} for months). */
  static String periodWindow(Slo slo) {
    return PromDuration.format(slo.period().nominalLength());
  }

  /** {@code slo:sli_error:ratio_rate<w>}. */
  public static String errorRatioRecord(String window) {
    return "slo:sli_error:ratio_rate" + window;
  }

  /** The PromQL of {@code slo}'s error ratio over {@code window}. */
  public String errorRatioExpr(Slo slo, String window) {
    LatencySli sli = slo.sli();
    String outcomes = slo.includeInvalid() ? "success|error|invalid" : "success|error";
    String sum = "sum without (" + String.join(", ", aggregated(slo)) + ")";
    String total =
        sum
            + " (increase("
            + sli.metricName()
            + "_count"
            + selector("outcome=~\"" + outcomes + "\"")
            + "["
            + window
            + "]))";
    if (slo.kind() == SloKind.AVAILABILITY) {
      String bad =
          sum
              + " (increase("
              + sli.metricName()
              + "_count"
              + selector("outcome=\"error\"")
              + "["
              + window
              + "]))";
      return bad + "\n/\n(" + total + " > 0)";
    }
    String good =
        sum
            + " (increase("
            + sli.metricName()
            + "_bucket"
            + selector(leMatcher(slo.thresholdSeconds()) + ",outcome=~\"" + outcomes + "\"")
            + "["
            + window
            + "]))";
    return "(\n  " + total + "\n  -\n  " + good + "\n)\n/\n(" + total + " > 0)";
  }

  /** The {@code le} matcher of a threshold: the exact label value the SLI exposes. */
  String leMatcher(double threshold) {
    String exposed = Double.toString(threshold); // as SliTextFormat and client_java write it
    String shortest = new BigDecimal(exposed).stripTrailingZeros().toPlainString();
    if (!options.matchBothLeSpellings() || shortest.equals(exposed)) {
      return "le=\"" + exposed + "\"";
    }
    return "le=~\"" + exposed.replace(".", "\\\\.") + "|" + shortest.replace(".", "\\\\.") + "\"";
  }

  private List<String> aggregated(Slo slo) {
    Set<String> labels = new LinkedHashSet<>(options.aggregateAway());
    labels.addAll(slo.sli().labelNames());
    labels.add("outcome");
    labels.add("le");
    return List.copyOf(labels);
  }

  private String selector(String extra) {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<String, String> e : options.selector().entrySet()) {
      sb.append(e.getKey()).append("=\"").append(promString(e.getValue())).append("\",");
    }
    sb.append(extra);
    return sb.append('}').toString();
  }

  private static String promString(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** The alert expression of one pair: both windows above the exact threshold. */
  public String burnRateExpr(Slo slo, BurnRateAlert a) {
    String threshold = a.errorRatioThreshold(slo.period(), slo.objective()).toPlainString();
    String id = "{sloth_id=\"" + slothId(slo) + "\"}";
    return "(\n  "
        + errorRatioRecord(PromDuration.format(a.longWindow()))
        + id
        + " > "
        + threshold
        + "\n)\nand ignoring (sloth_window)\n(\n  "
        + errorRatioRecord(PromDuration.format(a.shortWindow()))
        + id
        + " > "
        + threshold
        + "\n)";
  }

  private Rule absentAlert(Slo slo) {
    Map<String, String> labels = new LinkedHashMap<>(sloLabels(slo));
    labels.put("severity", "ticket");
    labels.put("slo", slo.name());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", "SLI " + slo.sli().metricName() + " of SLO " + slo.name() + " is missing");
    ann.put(
        "description",
        "No "
            + slo.sli().metricName()
            + "_count series for 10m: SLO "
            + slo.name()
            + " cannot be measured and its burn-rate alerts cannot fire.");
    ann.put("runbook_url", runbook(slo));
    return Rule.alerting(
            camel(slo.name()) + "SliMissing",
            "absent(" + slo.sli().metricName() + "_count" + selector("outcome=\"success\"") + ")",
            "10m",
            labels,
            ann)
        .withComment("The SLI is not scraped at all: the alerts above would stay silent.");
  }

  private Rule driftAlert(Slo slo) {
    Map<String, String> labels = new LinkedHashMap<>(sloLabels(slo));
    labels.put("severity", "ticket");
    labels.put("slo", slo.name());
    labels.put("expected_definition_hash", slo.definitionHash());
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put(
        "summary", "Running instances measure SLO " + slo.name() + " differently than the rules");
    ann.put(
        "description",
        "An instance exports "
            + ENGINE_INFO_METRIC
            + " for SLO "
            + slo.name()
            + " with a definition hash other than "
            + slo.definitionHash()
            + ", the one these rules were generated from: regenerate and deploy the rules.");
    ann.put("runbook_url", runbook(slo));
    return Rule.alerting(
            camel(slo.name()) + "DefinitionDrift",
            ENGINE_INFO_METRIC
                + selector(
                    "slo=\"" + slo.name() + "\",definition_hash!=\"" + slo.definitionHash() + "\""),
            "15m",
            labels,
            ann)
        .withComment("The instances' in-process engine (srekit_slo_info) runs another definition.");
  }

  /** The seed's alert, as written, for one latency SLO. */
  Rule legacyQuantileAlert(Slo slo) {
    String q = slo.objective().toPlainString();
    String threshold = seconds(slo.thresholdSeconds());
    String pct = slo.objective().movePointRight(2).stripTrailingZeros().toPlainString();
    String service = slothService(slo);
    Map<String, String> ann = new LinkedHashMap<>();
    ann.put("summary", "High " + ordinal(pct) + " percentile latency for " + service);
    ann.put(
        "description",
        "The "
            + ordinal(pct)
            + " percentile latency for "
            + service
            + " requests has been over "
            + threshold
            + "s for 5 minutes.");
    return Rule.alerting(
            "High" + camel(service) + "Latency",
            "histogram_quantile("
                + q
                + ", sum(rate("
                + slo.sli().metricName()
                + "_bucket[5m])) by (le, service)) > "
                + threshold,
            "5m",
            Map.of("severity", "critical"),
            ann)
        .withComment(
            "The seed alert, kept as written. What it misses: it is equivalent to 'more than "
                + new BigDecimal(1).subtract(slo.objective()).toPlainString()
                + " of the last 5m\nslower than "
                + threshold
                + "s', so a blip pages while burning almost no budget and a slow burn just"
                + " under\nthat share never pages; it ignores traffic volume and errors; with a"
                + " 'service' label\nexported by the app, Prometheus renames one to"
                + " exported_service and 'by (le, service)' breaks.\nThe "
                + alertName(slo, Severity.PAGE)
                + " alerts above replace it.");
  }

  private String runbook(Slo slo) {
    return options.runbookUrl().replace("{slo}", slo.name());
  }

  private String describe(Slo slo) {
    String what =
        slo.kind() == SloKind.AVAILABILITY
            ? "without error"
            : "at most " + seconds(slo.thresholdSeconds()) + "s";
    return slo.kind().label()
        + ", "
        + slo.objective().movePointRight(2).stripTrailingZeros().toPlainString()
        + " % of "
        + slo.sli().metricName()
        + " events "
        + what
        + " over "
        + slo.period().label();
  }

  static String seconds(double s) {
    return new BigDecimal(Double.toString(s)).stripTrailingZeros().toPlainString();
  }

  private static String ordinal(String pct) {
    return pct + "th";
  }

  static String camel(String name) {
    StringBuilder sb = new StringBuilder();
    boolean up = true;
    for (char c : name.toCharArray()) {
      if (c == '-' || c == '_' || c == '.') {
        up = true;
      } else {
        sb.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return sb.toString();
  }
}
