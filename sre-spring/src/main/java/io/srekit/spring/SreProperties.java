package io.srekit.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * srekit's settings under {@code sre.*}, mapped onto core's builders by {@link SreDefinitions}
 * (which validates them and names the bad property).
 *
 * <pre>{@code
 * sre:
 *   slis:
 *     user_auth_request: { buckets: [0.05, 0.1, 0.25, 1], max-series: 500 }
 *   slos:
 *     - { name: login-availability, sli: user_auth_request, kind: availability, objective: "0.999" }
 *     - { name: login-latency, sli: user_auth_request, kind: latency, objective: "0.99",
 *         threshold: 500ms, period: 28d }
 *   probes: { drain-delay: 5s }
 * }</pre>
 */
@ConfigurationProperties(prefix = "sre")
public class SreProperties {

  /** Whether srekit's auto-configuration is on. */
  private boolean enabled = true;

  /** SLIs by name, labelled method and route. */
  private Map<String, SliProperties> slis = new LinkedHashMap<>();

  /** SLI of handlers without @Sli; unset (the default) leaves them unrecorded. */
  private String defaultSli;

  /** SLOs on the SLIs. */
  private List<SloProperties> slos = new ArrayList<>();

  /** Requests the client aborted: recorded with outcome invalid (the default) or excluded. */
  private io.srekit.sli.ClientAbortPolicy clientAborts = io.srekit.sli.ClientAbortPolicy.INVALID;

  /** Bound on cached (handler, mapping pattern) routes; past it routes are resolved each time. */
  private int maxRoutes = 1024;

  public io.srekit.sli.ClientAbortPolicy getClientAborts() {
    return clientAborts;
  }

  public void setClientAborts(io.srekit.sli.ClientAbortPolicy clientAborts) {
    this.clientAborts = clientAborts;
  }

  public int getMaxRoutes() {
    return maxRoutes;
  }

  public void setMaxRoutes(int maxRoutes) {
    this.maxRoutes = maxRoutes;
  }

  /** Kubernetes probes on the main port. */
  private Probes probes = new Probes();

  /** srekit's own Prometheus endpoint. */
  private Metrics metrics = new Metrics();

  /** The /slo endpoint. */
  private SloEndpoint slo = new SloEndpoint();

  /** srekit's health in Actuator. */
  private Health health = new Health();

  public Health getHealth() {
    return health;
  }

  public void setHealth(Health health) {
    this.health = health;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Map<String, SliProperties> getSlis() {
    return slis;
  }

  public void setSlis(Map<String, SliProperties> slis) {
    this.slis = slis;
  }

  public String getDefaultSli() {
    return defaultSli;
  }

  public void setDefaultSli(String defaultSli) {
    this.defaultSli = defaultSli;
  }

  public List<SloProperties> getSlos() {
    return slos;
  }

  public void setSlos(List<SloProperties> slos) {
    this.slos = slos;
  }

  public Probes getProbes() {
    return probes;
  }

  public void setProbes(Probes probes) {
    this.probes = probes;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public void setMetrics(Metrics metrics) {
    this.metrics = metrics;
  }

  public SloEndpoint getSlo() {
    return slo;
  }

  public void setSlo(SloEndpoint slo) {
    this.slo = slo;
  }

  /** One SLI. */
  public static class SliProperties {

    /**
     * Bucket upper bounds in seconds; empty uses srekit's defaults. Every latency SLO threshold on
     * the SLI is added as a bound.
     */
    private List<Double> buckets = new ArrayList<>();

    /**
     * Bound on label combinations (method, route); past it, requests go to one overflow series.
     * Unset uses srekit's default.
     */
    private Integer maxSeries;

    /** Help text of the histogram; unset uses srekit's default. */
    private String help;

    public List<Double> getBuckets() {
      return buckets;
    }

    public void setBuckets(List<Double> buckets) {
      this.buckets = buckets;
    }

    public Integer getMaxSeries() {
      return maxSeries;
    }

    public void setMaxSeries(Integer maxSeries) {
      this.maxSeries = maxSeries;
    }

    public String getHelp() {
      return help;
    }

    public void setHelp(String help) {
      this.help = help;
    }
  }

  /** SLO kind. */
  public enum Kind {
    /** Share of requests that do not fail. */
    AVAILABILITY,
    /** Share of requests at or under the threshold. */
    LATENCY
  }

  /** One SLO. */
  public static class SloProperties {

    /** Name of the SLO, e.g. login-availability. */
    private String name;

    /** Name of the SLI it is measured on: a key of sre.slis or a LatencySli bean. */
    private String sli;

    /**
     * Kind: availability (share of requests that do not fail) or latency (share of requests at or
     * under the threshold).
     */
    private Kind kind = Kind.AVAILABILITY;

    /** Objective as a decimal string in (0, 1), e.g. "0.999". */
    private String objective;

    /** Latency threshold, latency SLOs only, e.g. 250ms; added to the SLI's bucket bounds. */
    private Duration threshold;

    /** Rolling period: 30d (the default) or 28d. */
    private String period = "30d";

    /** Description, shown on /slo. */
    private String description;

    /**
     * Burn-rate alerts; empty (the default) means the SRE workbook's four (page 1h/5m at 2 % of the
     * budget, 6h/30m at 5 %; ticket 1d/2h and 3d/6h at 10 %).
     */
    private List<AlertProperties> alerts = new ArrayList<>();

    public List<AlertProperties> getAlerts() {
      return alerts;
    }

    public void setAlerts(List<AlertProperties> alerts) {
      this.alerts = alerts;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getSli() {
      return sli;
    }

    public void setSli(String sli) {
      this.sli = sli;
    }

    public Kind getKind() {
      return kind;
    }

    public void setKind(Kind kind) {
      this.kind = kind;
    }

    public String getObjective() {
      return objective;
    }

    public void setObjective(String objective) {
      this.objective = objective;
    }

    public Duration getThreshold() {
      return threshold;
    }

    public void setThreshold(Duration threshold) {
      this.threshold = threshold;
    }

    public String getPeriod() {
      return period;
    }

    public void setPeriod(String period) {
      this.period = period;
    }

    public String getDescription() {
      return description;
    }

    public void setDescription(String description) {
      this.description = description;
    }
  }

  /** What {@code /healthz} answers. */
  public enum HealthzMode {
    /** Same as {@code /livez}. */
    LIVENESS,
    /** Liveness and readiness together. */
    AGGREGATE
  }

  /** Probes. */
  public static class Probes {

    /** Whether /livez, /healthz, /readyz and /startupz are served on the main port. */
    private boolean enabled = true;

    /** Prefix of every probe path, e.g. /sre for /sre/livez; empty (the default) = at the root. */
    private String prefix = "";

    /**
     * How long the application keeps serving after readiness fails on shutdown or /drainz (so load
     * balancers stop sending first), and the longest wait after that for requests in flight.
     */
    private Duration drainDelay = Duration.ofSeconds(5);

    /** What /healthz answers: liveness (the default) or aggregate (liveness and readiness). */
    private HealthzMode healthz = HealthzMode.LIVENESS;

    /** Bearer secret that enables POST on the drain endpoint; unset = no drain endpoint. */
    private String drainSecret;

    /** Path of the drain endpoint on the main port. */
    private String drainPath = "/drainz";

    /**
     * Existing HealthIndicator beans, by bean name, to run as background srekit checks with a
     * deadline (opt-in per indicator); Actuator then answers them from srekit's latest result.
     */
    private Map<String, Indicator> indicators = new LinkedHashMap<>();

    public Map<String, Indicator> getIndicators() {
      return indicators;
    }

    public void setIndicators(Map<String, Indicator> indicators) {
      this.indicators = indicators;
    }

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPrefix() {
      return prefix;
    }

    public void setPrefix(String prefix) {
      this.prefix = prefix;
    }

    public Duration getDrainDelay() {
      return drainDelay;
    }

    public void setDrainDelay(Duration drainDelay) {
      this.drainDelay = drainDelay;
    }

    public HealthzMode getHealthz() {
      return healthz;
    }

    public void setHealthz(HealthzMode healthz) {
      this.healthz = healthz;
    }

    public String getDrainSecret() {
      return drainSecret;
    }

    public void setDrainSecret(String drainSecret) {
      this.drainSecret = drainSecret;
    }

    public String getDrainPath() {
      return drainPath;
    }

    public void setDrainPath(String drainPath) {
      this.drainPath = drainPath;
    }
  }

  /** A Spring {@code HealthIndicator} run as a srekit check. */
  public static class Indicator {

    /** Which probe a failure fails: readiness (the default), liveness or info (none). */
    private io.srekit.health.Impact impact = io.srekit.health.Impact.READINESS;

    /** Local (process state) or dependency (the default: a remote system). */
    private io.srekit.health.CheckKind kind = io.srekit.health.CheckKind.DEPENDENCY;

    /** How often the indicator runs. */
    private Duration interval = Duration.ofSeconds(5);

    /** Deadline of one run; past it the run counts as failed. */
    private Duration timeout = Duration.ofSeconds(1);

    public io.srekit.health.Impact getImpact() {
      return impact;
    }

    public void setImpact(io.srekit.health.Impact impact) {
      this.impact = impact;
    }

    public io.srekit.health.CheckKind getKind() {
      return kind;
    }

    public void setKind(io.srekit.health.CheckKind kind) {
      this.kind = kind;
    }

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }

    public Duration getTimeout() {
      return timeout;
    }

    public void setTimeout(Duration timeout) {
      this.timeout = timeout;
    }
  }

  /** srekit's {@code /metrics}. */
  public static class Metrics {

    /**
     * Whether srekit serves its own Prometheus endpoint; unset (the default) serves it only when
     * Actuator's Prometheus endpoint is not available.
     */
    private Boolean enabled;

    /** Path of srekit's Prometheus endpoint on the main port. */
    private String path = "/metrics";

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }

  /** srekit's health in Actuator. */
  public static class Health {

    /** Whether /actuator/health shows srekit's health (contributor srekit). */
    private boolean contributor = true;

    public boolean isContributor() {
      return contributor;
    }

    public void setContributor(boolean contributor) {
      this.contributor = contributor;
    }
  }

  /** Severity of a burn-rate alert. */
  public enum Severity {
    /** Wake someone up. */
    PAGE,
    /** Look at it during working hours. */
    TICKET
  }

  /**
   * One multiwindow burn-rate alert of an SLO: fires when the error ratio over both windows exceeds
   * {@code factor × (1 − objective)}. Give exactly one of {@code budget-fraction} and {@code
   * factor}.
   */
  public static class AlertProperties {

    /** Who is told: page or ticket. */
    private Severity severity = Severity.PAGE;

    /** The window that measures how much budget burned, for example 1h. */
    private Duration longWindow;

    /** The window that makes the alert reset soon after recovery, for example 5m. */
    private Duration shortWindow;

    /** Share of the period's budget the long window may consume, for example "0.02". */
    private String budgetFraction;

    /** An explicit burn-rate factor instead, for example "14.4". */
    private String factor;

    public Severity getSeverity() {
      return severity;
    }

    public void setSeverity(Severity severity) {
      this.severity = severity;
    }

    public Duration getLongWindow() {
      return longWindow;
    }

    public void setLongWindow(Duration longWindow) {
      this.longWindow = longWindow;
    }

    public Duration getShortWindow() {
      return shortWindow;
    }

    public void setShortWindow(Duration shortWindow) {
      this.shortWindow = shortWindow;
    }

    public String getBudgetFraction() {
      return budgetFraction;
    }

    public void setBudgetFraction(String budgetFraction) {
      this.budgetFraction = budgetFraction;
    }

    public String getFactor() {
      return factor;
    }

    public void setFactor(String factor) {
      this.factor = factor;
    }
  }

  /** The {@code /slo} endpoint and the SLO engine. */
  public static class SloEndpoint {

    /** Whether to serve the SLO status (JSON, or a page for browsers). */
    private boolean enabled = true;

    /**
     * How often the SLO engine snapshots the SLIs' counters and evaluates budgets and alerts (how
     * fresh statuses and alert state changes are; window bases resolve to 10 s, or to the tick if
     * coarser).
     */
    private Duration tick = Duration.ofSeconds(10);

    public Duration getTick() {
      return tick;
    }

    public void setTick(Duration tick) {
      this.tick = tick;
    }

    /** Path of the SLO status on the main port. */
    private String path = "/slo";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }
}
