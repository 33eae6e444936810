package io.srekit.slo;

import io.srekit.sli.LatencySli;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A service level objective over a {@link LatencySli}: availability (bad = the {@code error}
 * outcome) or latency (bad = slower than a threshold that is one of the SLI's bucket bounds), an
 * exact decimal objective, a period and burn-rate alerts. One definition drives the engine, {@code
 * /slo}, the Prometheus rules and their tests. Immutable.
 *
 * <p><b>Valid events</b> are the {@code success} and {@code error} outcomes; {@code invalid} ones
 * (e.g. client aborts, or whatever the SLI's classifier marks invalid) are left out by default, for
 * both kinds, so that a client sending garbage neither burns nor pads the budget. {@link
 * Builder#includeInvalid(boolean) includeInvalid(true)} counts them as valid good events (the
 * issue's "valid = all").
 *
 * <pre>{@code
 * Slo availability = Slo.availability("login-availability", sli).objective("0.999").build();
 * Slo latency = Slo.latency("login-latency", sli, 0.5).objective("0.99").build();
 * }</pre>
 */
public final class Slo {

  /**
   * The SRE workbook's windows, reported for every SLO whatever its alert policy ({@code /slo}'s
   * stable keys): 5m, 30m, 1h, 2h, 6h, 1d, 3d.
   */
  public static final List<java.time.Duration> STANDARD_WINDOWS =
      List.of(
          java.time.Duration.ofMinutes(5),
          java.time.Duration.ofMinutes(30),
          java.time.Duration.ofHours(1),
          java.time.Duration.ofHours(2),
          java.time.Duration.ofHours(6),
          java.time.Duration.ofDays(1),
          java.time.Duration.ofDays(3));

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9_-]{0,62}[a-z0-9])?");

  private final String name;
  private final LatencySli sli;
  private final SloKind kind;
  private final BigDecimal objective;
  private final Double thresholdSeconds;
  private final SloPeriod period;
  private final AlertPolicy alerts;
  private final boolean includeInvalid;
  private final String description;
  private final String definitionHash;

  private Slo(Builder b) {
    this.name = b.name;
    this.sli = b.sli;
    this.kind = b.kind;
    this.objective = b.objective.stripTrailingZeros();
    this.thresholdSeconds = b.thresholdSeconds;
    this.period = b.period;
    this.alerts = b.alerts;
    this.includeInvalid = b.includeInvalid;
    this.description = b.description;
    this.definitionHash = hash(canonical());
  }

  /** Starts an availability SLO: good = not {@code error}. */
  public static Builder availability(String name, LatencySli sli) {
    return new Builder(name, sli, SloKind.AVAILABILITY, null);
  }

  /** Starts a latency SLO: good = at most {@code thresholdSeconds}, inclusive. */
  public static Builder latency(String name, LatencySli sli, double thresholdSeconds) {
    return new Builder(name, sli, SloKind.LATENCY, thresholdSeconds);
  }

  /** The SLO's name, URL-safe: {@code login-availability}. */
  public String name() {
    return name;
  }

  /** The SLI it is measured on. */
  public LatencySli sli() {
    return sli;
  }

  /** Availability or latency. */
  public SloKind kind() {
    return kind;
  }

  /** The objective, exact: {@code 0.999}. */
  public BigDecimal objective() {
    return objective;
  }

  /** {@code 1 − objective}, exact: the share of valid events that may be bad. */
  public BigDecimal errorBudget() {
    return BigDecimal.ONE.subtract(objective);
  }

  /** The latency threshold in seconds, or {@code null} for availability. */
  public Double thresholdSeconds() {
    return thresholdSeconds;
  }

  /** The index of the threshold among the SLI's bucket bounds ({@code -1} for availability). */
  public int thresholdBucket() {
    return thresholdSeconds == null ? -1 : sli.bounds().indexOf(thresholdSeconds);
  }

  /** The budget period. */
  public SloPeriod period() {
    return period;
  }

  /** The burn-rate alerts. */
  public AlertPolicy alerts() {
    return alerts;
  }

  /**
   * Whether {@code invalid} outcomes count as valid (good) events. False by default: valid events
   * are then {@code success} + {@code error} only.
   */
  public boolean includeInvalid() {
    return includeInvalid;
  }

  /** A free-text description, or {@code null}. */
  public String description() {
    return description;
  }

  /**
   * A short hash of everything that changes what the SLO measures or alerts on; the rules carry it
   * so that Prometheus can tell when running instances and generated rules disagree.
   */
  public String definitionHash() {
    return definitionHash;
  }

  /**
   * The windows of the alert policy (short and long), shortest first, without the period: the
   * windows the rules record and alert on.
   */
  public List<java.time.Duration> windows() {
    Set<java.time.Duration> set = new java.util.TreeSet<>();
    for (BurnRateAlert a : alerts.alerts()) {
      set.add(a.shortWindow());
      set.add(a.longWindow());
    }
    return List.copyOf(set);
  }

  /**
   * Every window the engine reports, shortest first: the {@link #STANDARD_WINDOWS} whatever the
   * alert policy, plus any other window of the policy. The period comes on top of these.
   */
  public List<java.time.Duration> statusWindows() {
    Set<java.time.Duration> set = new java.util.TreeSet<>(STANDARD_WINDOWS);
    set.addAll(windows());
    return List.copyOf(set);
  }

  /**
   * Warnings about alerts that cannot work: one that needs an error ratio above 100 % never fires
   * (2 % of a 90 % SLO's budget in 1 h needs 144 % errors).
   */
  public List<String> lintWarnings() {
    List<String> out = new ArrayList<>();
    for (BurnRateAlert a : alerts.alerts()) {
      BigDecimal threshold = a.errorRatioThreshold(period, objective);
      if (threshold.compareTo(BigDecimal.ONE) >= 0) {
        out.add(
            "alert "
                + a.severity().label()
                + " "
                + PromDuration.format(a.longWindow())
                + "/"
                + PromDuration.format(a.shortWindow())
                + " of SLO '"
                + name
                + "' can never fire: it needs an error ratio above "
                + threshold.toPlainString()
                + " (factor "
                + a.factor(period).toPlainString()
                + " × budget "
                + errorBudget().toPlainString()
                + ")");
      }
    }
    return out;
  }

  private String canonical() {
    StringBuilder sb = new StringBuilder();
    sb.append("srekit-slo-v1|")
        .append(name)
        .append('|')
        .append(sli.metricName())
        .append('|')
        .append(kind.label())
        .append('|')
        .append(objective.toPlainString())
        .append('|')
        .append(thresholdSeconds == null ? "-" : Double.toString(thresholdSeconds))
        .append('|')
        .append(period)
        .append('|')
        .append(includeInvalid);
    for (BurnRateAlert a : alerts.alerts()) {
      sb.append('|')
          .append(a.severity().label())
          .append(':')
          .append(PromDuration.format(a.longWindow()))
          .append('/')
          .append(PromDuration.format(a.shortWindow()))
          .append('@')
          .append(a.factor(period).toPlainString());
    }
    return sb.toString();
  }

  private static String hash(String canonical) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "Slo["
        + name
        + " "
        + kind.label()
        + " "
        + objective.toPlainString()
        + (thresholdSeconds == null ? "" : " <= " + thresholdSeconds + "s")
        + " over "
        + period
        + "]";
  }

  /** Builds an {@link Slo}; {@link #build()} validates and names any bad parameter. */
  public static final class Builder {
    private final String name;
    private final LatencySli sli;
    private final SloKind kind;
    private final Double thresholdSeconds;
    private BigDecimal objective;
    private String objectiveText;
    private SloPeriod period = SloPeriod.rolling30Days();
    private AlertPolicy alerts = AlertPolicy.workbook();
    private boolean includeInvalid;
    private String description;

    private Builder(String name, LatencySli sli, SloKind kind, Double thresholdSeconds) {
      this.name = name;
      this.sli = sli;
      this.kind = kind;
      this.thresholdSeconds = thresholdSeconds;
    }

    /** The objective as a decimal string, e.g. {@code "0.999"}; rendered exactly. */
    public Builder objective(String objective) {
      this.objectiveText = objective;
      this.objective = null;
      return this;
    }

    /** The objective as an exact decimal. */
    public Builder objective(BigDecimal objective) {
      this.objective = objective;
      this.objectiveText = null;
      return this;
    }

    /** The budget period (default: rolling 30 days). */
    public Builder period(SloPeriod period) {
      this.period = period;
      return this;
    }

    /** The burn-rate alerts (default: {@link AlertPolicy#workbook()}). */
    public Builder alerts(AlertPolicy alerts) {
      this.alerts = alerts;
      return this;
    }

    /**
     * Whether {@code invalid} outcomes are valid events (counted as good). Default false: valid =
     * {@code success} + {@code error}, so invalid requests neither burn nor pad the budget; true
     * gives valid = all recorded requests.
     */
    public Builder includeInvalid(boolean include) {
      this.includeInvalid = include;
      return this;
    }

    /** A free-text description for {@code /slo} and alert annotations. */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public Slo build() {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "name: must be 1-64 of [a-z0-9_-], starting and ending with a letter or digit, was '"
                + name
                + "'");
      }
      Objects.requireNonNull(sli, "sli");
      if (objective == null) {
        if (objectiveText == null) {
          throw new IllegalArgumentException("objective: required, e.g. \"0.999\", was null");
        }
        try {
          objective = new BigDecimal(objectiveText.trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "objective: must be a decimal in (0, 1), was '" + objectiveText + "'");
        }
      }
      if (objective.signum() <= 0 || objective.compareTo(BigDecimal.ONE) >= 0) {
        throw new IllegalArgumentException(
            "objective: must be in (0, 1), was " + objective.toPlainString());
      }
      if (period == null) {
        throw new IllegalArgumentException("period: required, was null");
      }
      if (alerts == null) {
        throw new IllegalArgumentException("alerts: required (AlertPolicy.none() for none)");
      }
      Set<String> pairs = new LinkedHashSet<>();
      for (BurnRateAlert a : alerts.alerts()) {
        if (a.longWindow().compareTo(period.nominalLength()) > 0) {
          throw new IllegalArgumentException(
              "alerts: long window "
                  + PromDuration.format(a.longWindow())
                  + " is longer than the period "
                  + period.label());
        }
        String key =
            PromDuration.format(a.longWindow()) + "/" + PromDuration.format(a.shortWindow());
        if (!pairs.add(key)) {
          throw new IllegalArgumentException("alerts: duplicate window pair " + key);
        }
      }
      if (kind == SloKind.LATENCY) {
        if (thresholdSeconds == null || sli.bounds().indexOf(thresholdSeconds) < 0) {
          throw new IllegalArgumentException(
              "thresholdSeconds: "
                  + thresholdSeconds
                  + " is not a bucket bound of SLI '"
                  + sli.name()
                  + "' "
                  + sli.bounds()
                  + "; register it with LatencySli.builder(...).latencyThreshold("
                  + thresholdSeconds
                  + ")");
        }
      }
      return new Slo(this);
    }
  }
}
