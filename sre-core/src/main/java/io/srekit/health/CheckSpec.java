package io.srekit.health;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A registered check: the check itself plus how it is run and what it may change.
 *
 * <pre>{@code
 * CheckSpec db = CheckSpec.builder("db", () -> ping())
 *     .kind(CheckKind.DEPENDENCY)
 *     .impact(Impact.READINESS)
 *     .timeout(Duration.ofMillis(500))
 *     .build();
 * }</pre>
 *
 * <p>Defaults: kind {@link CheckKind#LOCAL}, impact {@link Impact#READINESS}, interval 5 s with ±10
 * % jitter, timeout 1 s, failure threshold 2, success threshold 1, results stale after three
 * intervals plus the timeout. Immutable.
 */
public final class CheckSpec {

  /** Names srekit uses for its own probe entries. */
  public static final Set<String> RESERVED_NAMES =
      Set.of("broken", "ready", "scheduler", "shutdown", "startup", "checks");

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  static final String NAME_RULE = "1-63 URL-safe characters [A-Za-z0-9._-], starting alphanumeric";

  /** The shortest slow escalation a dependency check in liveness may opt into. */
  public static final Duration MIN_ESCALATION = Duration.ofMinutes(1);

  private final String name;
  private final HealthCheck check;
  private final CheckKind kind;
  private final Impact impact;
  private final Duration interval;
  private final double jitter;
  private final Duration timeout;
  private final int failureThreshold;
  private final int successThreshold;
  private final Duration staleAfter;
  private final Duration escalateAfter;

  private CheckSpec(Builder b, Duration staleAfter) {
    this.name = b.name;
    this.check = b.check;
    this.kind = b.kind;
    this.impact = b.impact;
    this.interval = b.interval;
    this.jitter = b.jitter;
    this.timeout = b.timeout;
    this.failureThreshold = b.failureThreshold;
    this.successThreshold = b.successThreshold;
    this.staleAfter = staleAfter;
    this.escalateAfter = b.escalateAfter;
  }

  /** Starts a spec for the check called {@code name} (URL-safe: it appears in probe paths). */
  public static Builder builder(String name, HealthCheck check) {
    return new Builder(name, check);
  }

  /** The check's name. */
  public String name() {
    return name;
  }

  /** The check. */
  public HealthCheck check() {
    return check;
  }

  /** Local or dependency. */
  public CheckKind kind() {
    return kind;
  }

  /** The probe this check can change. */
  public Impact impact() {
    return impact;
  }

  /** Time between the starts of two runs, before jitter. */
  public Duration interval() {
    return interval;
  }

  /** Jitter as a fraction of the interval (0.1 means ±10 %). */
  public double jitter() {
    return jitter;
  }

  /** Deadline of one run; past it the run fails and is cancelled. */
  public Duration timeout() {
    return timeout;
  }

  /** Consecutive failures needed to go down. */
  public int failureThreshold() {
    return failureThreshold;
  }

  /** Consecutive successes needed to come (back) up. */
  public int successThreshold() {
    return successThreshold;
  }

  /** Age past which the last result counts as failed for readiness. */
  public Duration staleAfter() {
    return staleAfter;
  }

  /**
   * For a liveness check: how long it must keep failing before it fails liveness; {@code null} when
   * it fails liveness as soon as the damping says down.
   */
  public Duration escalateAfter() {
    return escalateAfter;
  }

  @Override
  public String toString() {
    return "CheckSpec[" + name + " " + kind + " " + impact + " every " + interval + "]";
  }

  /** Builds a {@link CheckSpec}; {@link #build()} validates and names any bad parameter. */
  public static final class Builder {
    private final String name;
    private final HealthCheck check;
    private CheckKind kind = CheckKind.LOCAL;
    private Impact impact = Impact.READINESS;
    private Duration interval = Duration.ofSeconds(5);
    private double jitter = 0.1;
    private Duration timeout = Duration.ofSeconds(1);
    private int failureThreshold = 2;
    private int successThreshold = 1;
    private Duration staleAfter;
    private Duration escalateAfter;

    private Builder(String name, HealthCheck check) {
      this.name = name;
      this.check = check;
    }

    /** Local (default) or dependency. */
    public Builder kind(CheckKind kind) {
      this.kind = kind;
      return this;
    }

    /** Liveness, readiness (default) or info. */
    public Builder impact(Impact impact) {
      this.impact = impact;
      return this;
    }

    /** Time between runs (default 5 s). */
    public Builder interval(Duration interval) {
      this.interval = interval;
      return this;
    }

    /** Jitter fraction in [0, 0.5] (default 0.1, i.e. ±10 %). */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /** Deadline of one run (default 1 s); must be shorter than the interval. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Consecutive failures to go down (default 2). */
    public Builder failureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
      return this;
    }

    /** Consecutive successes to come up (default 1). */
    public Builder successThreshold(int successThreshold) {
      this.successThreshold = successThreshold;
      return this;
    }

    /** Age past which a result is stale (default 3 × interval + timeout). */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = staleAfter;
      return this;
    }

    /**
     * Opts a liveness check into slow escalation: it fails liveness only after failing for this
     * long (at least {@link #MIN_ESCALATION}). Required for a dependency check in liveness.
     */
    public Builder escalateAfter(Duration escalateAfter) {
      this.escalateAfter = escalateAfter;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public CheckSpec build() {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name: must be " + NAME_RULE + ", was '" + name + "'");
      }
      if (RESERVED_NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "name: '" + name + "' is reserved for srekit's own entries " + RESERVED_NAMES);
      }
      if (check == null) {
        throw new IllegalArgumentException("check: must not be null (check '" + name + "')");
      }
      if (kind == null) {
        throw new IllegalArgumentException("kind: must not be null (check '" + name + "')");
      }
      if (impact == null) {
        throw new IllegalArgumentException("impact: must not be null (check '" + name + "')");
      }
      requirePositive("interval", interval);
      requirePositive("timeout", timeout);
      if (timeout.compareTo(interval) >= 0) {
        throw new IllegalArgumentException(
            "timeout: must be shorter than interval ("
                + interval
                + ") of check '"
                + name
                + "', was "
                + timeout);
      }
      if (!(jitter >= 0 && jitter <= 0.5)) {
        throw new IllegalArgumentException(
            "jitter: must be in [0, 0.5] (check '" + name + "'), was " + jitter);
      }
      if (failureThreshold < 1 || failureThreshold > 100) {
        throw new IllegalArgumentException(
            "failureThreshold: must be in [1, 100] (check '"
                + name
                + "'), was "
                + failureThreshold);
      }
      if (successThreshold < 1 || successThreshold > 100) {
        throw new IllegalArgumentException(
            "successThreshold: must be in [1, 100] (check '"
                + name
                + "'), was "
                + successThreshold);
      }
      Duration maxGap =
          interval.plus(interval.multipliedBy(Math.round(jitter * 100)).dividedBy(100));
      Duration stale = staleAfter != null ? staleAfter : interval.multipliedBy(3).plus(timeout);
      requirePositive("staleAfter", stale);
      if (stale.compareTo(maxGap.plus(timeout)) <= 0) {
        throw new IllegalArgumentException(
            "staleAfter: must exceed the longest gap between results, interval + jitter + timeout ("
                + maxGap.plus(timeout)
                + ") of check '"
                + name
                + "', was "
                + stale);
      }
      if (escalateAfter != null) {
        if (impact != Impact.LIVENESS) {
          throw new IllegalArgumentException(
              "escalateAfter: only applies to LIVENESS checks, check '"
                  + name
                  + "' has impact "
                  + impact);
        }
        if (escalateAfter.compareTo(MIN_ESCALATION) < 0) {
          throw new IllegalArgumentException(
              "escalateAfter: must be at least "
                  + MIN_ESCALATION
                  + " (check '"
                  + name
                  + "'), was "
                  + escalateAfter);
        }
      } else if (kind == CheckKind.DEPENDENCY && impact == Impact.LIVENESS) {
        throw new IllegalArgumentException(
            "impact: dependency check '"
                + name
                + "' in LIVENESS would restart every pod when the dependency fails; use"
                + " READINESS, or opt into slow escalation with escalateAfter(>= "
                + MIN_ESCALATION
                + "), was LIVENESS");
      }
      return new CheckSpec(this, stale);
    }

    private void requirePositive(String parameter, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(
            parameter + ": must be positive (check '" + name + "'), was " + d);
      }
    }
  }
}
