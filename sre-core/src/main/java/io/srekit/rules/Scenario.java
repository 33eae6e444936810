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
     * @throws IllegalArgumentException if empty or longer than a day (the engine's day-long windows
     *     step by 5 minutes past a day, Prometheus' do not)
     */
    public Scenario build() {
      if (minutes.isEmpty() || minutes.size() > 1440) {
        throw new IllegalArgumentException(
            "minutes: a scenario lasts 1 to 1440 minutes, was " + minutes.size());
      }
      return new Scenario(minutes);
    }
  }
}
