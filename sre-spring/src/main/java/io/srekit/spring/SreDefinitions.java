package io.srekit.spring;

import io.srekit.sli.LatencySli;
import io.srekit.slo.AlertPolicy;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.Slo;
import io.srekit.slo.SloPeriod;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SLIs and SLOs of the application: those of {@code sre.*} properties, built with core's
 * builders, plus {@link LatencySli} and {@link Slo} beans. Every latency SLO's threshold is a
 * bucket bound of its SLI. Invalid properties fail with an {@link IllegalStateException} naming the
 * property, e.g. {@code "sre.slos[0].objective: objective must be in (0, 1), was 1.5"}.
 *
 * <pre>{@code
 * SreDefinitions defs = SreDefinitions.of(properties, List.of(), List.of());
 * LatencySli login = defs.sli("user_auth_request");
 * }</pre>
 */
public final class SreDefinitions {

  private static final Set<String> LABELS = Set.of("method", "route");

  private final Map<String, LatencySli> slis;
  private final List<Slo> slos;
  private final LatencySli defaultSli;

  private SreDefinitions(Map<String, LatencySli> slis, List<Slo> slos, LatencySli defaultSli) {
    this.slis = slis;
    this.slos = slos;
    this.defaultSli = defaultSli;
  }

  /**
   * Builds the definitions.
   *
   * @throws IllegalStateException naming the invalid property
   */
  public static SreDefinitions of(
      SreProperties properties, List<LatencySli> sliBeans, List<Slo> sloBeans) {
    Map<String, List<Double>> thresholds = new LinkedHashMap<>();
    List<SreProperties.SloProperties> sloProps = properties.getSlos();
    for (int i = 0; i < sloProps.size(); i++) {
      SreProperties.SloProperties s = sloProps.get(i);
      String at = "sre.slos[" + i + "]";
      require(s.getName() != null && !s.getName().isBlank(), at + ".name", "must be set");
      require(s.getSli() != null && !s.getSli().isBlank(), at + ".sli", "must be set");
      if (s.getKind() == SreProperties.Kind.LATENCY) {
        Duration t = s.getThreshold();
        require(
            t != null && !t.isNegative() && !t.isZero(),
            at + ".threshold",
            "a latency SLO needs a positive threshold, was " + t);
        thresholds.computeIfAbsent(s.getSli(), k -> new ArrayList<>()).add(seconds(t));
      } else {
        require(
            s.getThreshold() == null,
            at + ".threshold",
            "only latency SLOs have a threshold, was " + s.getThreshold());
      }
    }

    Map<String, LatencySli> slis = new LinkedHashMap<>();
    for (LatencySli bean : sliBeans) {
      slis.put(bean.name(), bean);
    }
    for (Map.Entry<String, SreProperties.SliProperties> e : properties.getSlis().entrySet()) {
      String at = "sre.slis." + e.getKey();
      require(!slis.containsKey(e.getKey()), at, "an SLI bean has the same name");
      slis.put(e.getKey(), sli(e.getKey(), e.getValue(), thresholds.get(e.getKey()), at));
    }
    for (LatencySli s : slis.values()) {
      for (String label : s.labelNames()) {
        require(
            LABELS.contains(label),
            "sre.slis." + s.name(),
            "the Spring adapter fills the labels method and route, SLI has label '" + label + "'");
      }
    }

    List<Slo> slos = new ArrayList<>(sloBeans);
    for (int i = 0; i < sloProps.size(); i++) {
      SreProperties.SloProperties s = sloProps.get(i);
      String at = "sre.slos[" + i + "]";
      LatencySli sli = slis.get(s.getSli());
      require(
          sli != null, at + ".sli", "no SLI named '" + s.getSli() + "'; known: " + slis.keySet());
      slos.add(slo(s, sli, at));
    }

    LatencySli defaultSli = null;
    String d = properties.getDefaultSli();
    if (d != null && !d.isBlank()) {
      defaultSli = slis.get(d);
      require(defaultSli != null, "sre.default-sli", "no SLI named '" + d + "'");
    }
    return new SreDefinitions(Map.copyOf(slis), List.copyOf(slos), defaultSli);
  }

  private static LatencySli sli(
      String name, SreProperties.SliProperties p, List<Double> thresholds, String at) {
    try {
      LatencySli.Builder b = LatencySli.builder(name).labelNames("method", "route");
      if (p.getBuckets() != null && !p.getBuckets().isEmpty()) {
        double[] bounds = new double[p.getBuckets().size()];
        for (int i = 0; i < bounds.length; i++) {
          Double v = p.getBuckets().get(i);
          require(v != null, at + ".buckets[" + i + "]", "must be a number");
          bounds[i] = v;
        }
        b.buckets(bounds);
      }
      if (p.getMaxSeries() != null) {
        b.maxSeries(p.getMaxSeries());
      }
      if (p.getHelp() != null) {
        b.help(p.getHelp());
      }
      if (thresholds != null) {
        for (double t : thresholds) {
          b.latencyThreshold(t);
        }
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(at + ": " + e.getMessage(), e);
    }
  }

  private static Slo slo(SreProperties.SloProperties s, LatencySli sli, String at) {
    String field = "objective";
    try {
      require(s.getObjective() != null, at + ".objective", "must be set, e.g. \"0.999\"");
      BigDecimal objective;
      try {
        objective = new BigDecimal(s.getObjective().trim());
      } catch (NumberFormatException e) {
        throw new IllegalStateException(
            at + ".objective: must be a decimal like \"0.999\", was '" + s.getObjective() + "'");
      }
      Slo.Builder b =
          s.getKind() == SreProperties.Kind.LATENCY
              ? Slo.latency(s.getName(), sli, seconds(s.getThreshold()))
              : Slo.availability(s.getName(), sli);
      b.objective(objective);
      field = "period";
      b.period(period(s.getPeriod(), at + ".period"));
      if (s.getDescription() != null) {
        b.description(s.getDescription());
      }
      if (s.getAlerts() != null && !s.getAlerts().isEmpty()) {
        b.alerts(alerts(s.getAlerts(), at));
      }
      field = "name";
      return b.build();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      String prop = m.startsWith("objective") ? "objective" : m.startsWith("name") ? "name" : field;
      throw new IllegalStateException(at + "." + prop + ": " + m, e);
    }
  }

  private static AlertPolicy alerts(List<SreProperties.AlertProperties> list, String at) {
    List<BurnRateAlert> alerts = new ArrayList<>();
    for (int j = 0; j < list.size(); j++) {
      SreProperties.AlertProperties a = list.get(j);
      String here = at + ".alerts[" + j + "]";
      require(a.getLongWindow() != null, here + ".long-window", "must be set, e.g. 1h");
      require(a.getShortWindow() != null, here + ".short-window", "must be set, e.g. 5m");
      BigDecimal fraction = decimal(a.getBudgetFraction(), here + ".budget-fraction");
      BigDecimal factor = decimal(a.getFactor(), here + ".factor");
      try {
        alerts.add(
            new BurnRateAlert(
                BurnRateAlert.Severity.valueOf(a.getSeverity().name()),
                a.getLongWindow(),
                a.getShortWindow(),
                fraction,
                factor));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(here + ": " + e.getMessage(), e);
      }
    }
    return new AlertPolicy(alerts);
  }

  private static BigDecimal decimal(String value, String property) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          property + ": must be a decimal like \"0.02\", was '" + value + "'", e);
    }
  }

  private static SloPeriod period(String p, String at) {
    if (p == null || p.equals("30d")) {
      return SloPeriod.rolling30Days();
    }
    if (p.equals("28d")) {
      return SloPeriod.rolling28Days();
    }
    throw new IllegalStateException(at + ": must be 30d or 28d, was '" + p + "'");
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }

  private static void require(boolean ok, String property, String message) {
    if (!ok) {
      throw new IllegalStateException(property + ": " + message);
    }
  }

  /** Every SLI by name. */
  public Map<String, LatencySli> slis() {
    return slis;
  }

  /** The SLI called {@code name}, or {@code null}. */
  public LatencySli sli(String name) {
    return slis.get(name);
  }

  /** Every SLO. */
  public List<Slo> slos() {
    return slos;
  }

  /** The SLI of handlers without {@link Sli} ({@code sre.default-sli}), or {@code null}. */
  public LatencySli defaultSli() {
    return defaultSli;
  }
}
