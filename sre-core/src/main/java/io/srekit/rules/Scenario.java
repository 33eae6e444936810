package io.srekit.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Traffic minute by minute: how many valid requests, how many of them ended in the {@code error}
 * outcome, how many were slow (successes slower than every latency threshold). One scenario drives
 * both the in-process engine ({@link ScenarioRun}) and the generated promtool tests, so the two can
 * be compared. Immutable.
 *
 * <pre>{@code
 * Scenario s = Scenario.builder()
 *     .minutes(360, 100, 0, 0)     // six quiet hours
 *     .minutes(30, 100, 0, 50)     // half of the requests slow for 30 minutes
 *     .minutes(40, 100, 0, 0)      // recovery
 *     .build();
 * }</pre>
 */
public final class Scenario {

  /** The longest scenario: 3 days. */
  public static final int MAX_MINUTES = 4320;

  /**
   * One minute of traffic.
   *
   * @param valid requests (success + error)
   * @param errors of which ended in {@code error} (fast)
   * @param slow of which succeeded slowly
   */
  public record Minute(long valid, long errors, long slow) {

    /** Validates. */
    public Minute {
      if (valid < 0 || errors < 0 || slow < 0 || errors + slow > valid) {
        throw new IllegalArgumentException(
            "minute: need 0 <= errors + slow <= valid, was valid="
                + valid
                + " errors="
                + errors
                + " slow="
                + slow);
      }
    }
  }

  private final List<Minute> minutes;

  private Scenario(List<Minute> minutes) {
    this.minutes = Collections.unmodifiableList(new ArrayList<>(minutes));
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The minutes, first to last; minute {@code i} ends at {@code (i + 1)} minutes. */
  public List<Minute> minutes() {
    return minutes;
  }

  /** The number of minutes. */
  public int length() {
    return minutes.size();
  }

  /**
   * This scenario's and {@code other}'s traffic together, minute by minute (two instances of a
   * fleet as one); the shorter one counts as quiet past its end.
   */
  public Scenario plus(Scenario other) {
    List<Minute> sum = new ArrayList<>();
    for (int i = 0; i < Math.max(length(), other.length()); i++) {
      Minute a = i < length() ? minutes.get(i) : new Minute(0, 0, 0);
      Minute b = i < other.length() ? other.minutes.get(i) : new Minute(0, 0, 0);
      sum.add(new Minute(a.valid() + b.valid(), a.errors() + b.errors(), a.slow() + b.slow()));
    }
    return new Scenario(sum);
  }

  /** Builds a {@link Scenario}. */
  public static final class Builder {
    private final List<Minute> minutes = new ArrayList<>();

    private Builder() {}

    /** {@code count} minutes with these per-minute counts. */
    public Builder minutes(int count, long valid, long errors, long slow) {
      if (count < 1) {
        throw new IllegalArgumentException("count: must be positive, was " + count);
      }
      Minute m = new Minute(valid, errors, slow);
      for (int i = 0; i < count; i++) {
        minutes.add(m);
      }
      return this;
    }

    /** {@code count} minutes without traffic. */
    public Builder quiet(int count) {
      return minutes(count, 0, 0, 0);
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalArgumentException if empty or longer than 3 days. Past a day the engine's 1d
     *     window steps by 5 minutes (Prometheus' does not), so the generated tests compare the
     *     engine and Prometheus past minute 1440 only at multiples of 5 minutes; past 3 days the 3d
     *     window would too.
     */
    public Scenario build() {
      if (minutes.isEmpty() || minutes.size() > MAX_MINUTES) {
        throw new IllegalArgumentException(
            "minutes: a scenario lasts 1 to " + MAX_MINUTES + " minutes, was " + minutes.size());
      }
      return new Scenario(minutes);
    }
  }
}
