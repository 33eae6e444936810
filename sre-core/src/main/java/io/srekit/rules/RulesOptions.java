package io.srekit.rules;

import io.srekit.slo.PromDuration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How {@link SloRules} renders: the {@code sloth_service} name, which labels the fleet aggregation
 * drops, extra matchers scoping the SLI's series, and the Kubernetes metadata of the {@code
 * PrometheusRule}. Immutable; {@link Builder#build()} validates and names the bad parameter.
 *
 * <pre>{@code
 * RulesOptions options = RulesOptions.builder()
 *     .service("user-auth")
 *     .selector("job", "user-auth")
 *     .build();
 * }</pre>
 */
public final class RulesOptions {

  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern DNS = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern SERVICE =
      Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9_.-]*[a-zA-Z0-9])?");

  private final String service;
  private final List<String> aggregateAway;
  private final Map<String, String> selector;
  private final boolean matchBothLeSpellings;
  private final boolean legacyQuantileAlert;
  private final String runbookUrl;
  private final String name;
  private final String namespace;
  private final Map<String, String> resourceLabels;
  private final String interval;

  private RulesOptions(Builder b) {
    this.service = b.service;
    this.aggregateAway = List.copyOf(b.aggregateAway);
    this.selector = Collections.unmodifiableMap(new LinkedHashMap<>(b.selector));
    this.matchBothLeSpellings = b.matchBothLeSpellings;
    this.legacyQuantileAlert = b.legacyQuantileAlert;
    this.runbookUrl = b.runbookUrl;
    this.name = b.name;
    this.namespace = b.namespace;
    this.resourceLabels = Collections.unmodifiableMap(new LinkedHashMap<>(b.resourceLabels));
    this.interval = b.interval;
  }

  /** The defaults: fleet aggregation without {@code instance, pod}, no selector, no service. */
  public static RulesOptions defaults() {
    return builder().build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code sloth_service} value, or {@code null} to derive it from each SLI's name. */
  public String service() {
    return service;
  }

  /** Labels summed away besides the SLI's own labels, {@code outcome} and {@code le}. */
  public List<String> aggregateAway() {
    return aggregateAway;
  }

  /** Equality matchers added to every SLI selector, e.g. {@code job="user-auth"}. */
  public Map<String, String> selector() {
    return selector;
  }

  /** Whether latency thresholds match both {@code le="1"} and {@code le="1.0"}. */
  public boolean matchBothLeSpellings() {
    return matchBothLeSpellings;
  }

  /** Whether to emit the seed's quantile alert as written, next to the SLO alerts. */
  public boolean legacyQuantileAlert() {
    return legacyQuantileAlert;
  }

  /** The runbook URL template; {@code {slo}} is replaced by the SLO's name. */
  public String runbookUrl() {
    return runbookUrl;
  }

  /** The {@code PrometheusRule}'s name and the generated files' base name. */
  public String name() {
    return name;
  }

  /** The {@code PrometheusRule}'s namespace, or {@code null}. */
  public String namespace() {
    return namespace;
  }

  /** The {@code PrometheusRule}'s labels (what the operator's {@code ruleSelector} matches). */
  public Map<String, String> resourceLabels() {
    return resourceLabels;
  }

  /** The groups' evaluation interval, or {@code null} for Prometheus' global one. */
  public String interval() {
    return interval;
  }

  /** Builds {@link RulesOptions}. */
  public static final class Builder {
    private String service;
    private List<String> aggregateAway = List.of("instance", "pod");
    private final Map<String, String> selector = new LinkedHashMap<>();
    private boolean matchBothLeSpellings;
    private boolean legacyQuantileAlert;
    private String runbookUrl = "https://runbooks.example.com/slo/{slo}";
    private String name = "srekit-slos";
    private String namespace;
    private final Map<String, String> resourceLabels = new LinkedHashMap<>();
    private String interval;

    private Builder() {
      resourceLabels.put("app.kubernetes.io/managed-by", "srekit");
    }

    /** The {@code sloth_service} label value (default: the SLI's name, {@code _} as {@code -}). */
    public Builder service(String service) {
      this.service = service;
      return this;
    }

    /** Labels to sum away besides the SLI's labels (default {@code instance, pod}). */
    public Builder aggregateAway(String... labels) {
      this.aggregateAway = List.of(labels);
      return this;
    }

    /** Adds an equality matcher to every SLI selector, e.g. {@code ("job", "user-auth")}. */
    public Builder selector(String label, String value) {
      this.selector.put(label, value);
      return this;
    }

    /** Match thresholds in both Prometheus 2 and 3 {@code le} spellings (default off). */
    public Builder matchBothLeSpellings(boolean both) {
      this.matchBothLeSpellings = both;
      return this;
    }

    /** Also emit the seed's {@code histogram_quantile} alert per latency SLO (default off). */
    public Builder legacyQuantileAlert(boolean emit) {
      this.legacyQuantileAlert = emit;
      return this;
    }

    /** The runbook URL template; {@code {slo}} becomes the SLO's name. */
    public Builder runbookUrl(String template) {
      this.runbookUrl = template;
      return this;
    }

    /** The resource and file base name (default {@code srekit-slos}). */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** The {@code PrometheusRule}'s namespace (default none). */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** Adds a label to the {@code PrometheusRule}'s metadata. */
    public Builder resourceLabel(String key, String value) {
      this.resourceLabels.put(key, value);
      return this;
    }

    /** The groups' evaluation interval, e.g. {@code 30s} (default: Prometheus' global one). */
    public Builder interval(String interval) {
      this.interval = interval;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public RulesOptions build() {
      if (service != null && !SERVICE.matcher(service).matches()) {
        throw new IllegalArgumentException(
            "service: must be letters, digits, '-', '_' or '.', was '" + service + "'");
      }
      List<String> away = new ArrayList<>();
      for (String l : aggregateAway) {
        if (l == null || !LABEL.matcher(l).matches()) {
          throw new IllegalArgumentException("aggregateAway: not a label name: '" + l + "'");
        }
        if (l.startsWith("sloth_") || away.contains(l)) {
          throw new IllegalArgumentException(
              "aggregateAway: duplicate or reserved label '" + l + "'");
        }
        away.add(l);
      }
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!LABEL.matcher(e.getKey()).matches() || e.getValue() == null) {
          throw new IllegalArgumentException(
              "selector: bad matcher " + e.getKey() + "=\"" + e.getValue() + "\"");
        }
        if (e.getKey().equals("outcome") || e.getKey().equals("le")) {
          throw new IllegalArgumentException(
              "selector: '" + e.getKey() + "' is set by the rules, was " + e.getKey());
        }
      }
      if (runbookUrl == null || runbookUrl.isBlank()) {
        throw new IllegalArgumentException(
            "runbookUrl: must not be blank, was '" + runbookUrl + "'");
      }
      if (name == null || name.length() > 253 || !DNS.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name: must be a DNS subdomain name (lower case, digits, '-', '.'), was '"
                + name
                + "'");
      }
      if (namespace != null && !DNS.matcher(namespace).matches()) {
        throw new IllegalArgumentException(
            "namespace: must be a DNS label, was '" + namespace + "'");
      }
      if (interval != null) {
        PromDuration.parse(interval);
      }
      return new RulesOptions(this);
    }
  }
}
