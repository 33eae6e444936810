package io.srekit.slo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written and read the way Prometheus writes them ({@code 5m}, {@code 1h}, {@code 30d}).
 */
public final class PromDuration {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

  private PromDuration() {}

  /** The shortest Prometheus spelling of {@code d}, in a single unit: 300 s → {@code 5m}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms <= 0) {
      throw new IllegalArgumentException("duration: must be positive, was " + d);
    }
    long[] units = {7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] names = {"w", "d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms % units[i] == 0) {
        // Prometheus people say 30d and 3d rather than weeks, except for whole weeks asked for.
        if (names[i].equals("w")) {
          continue;
        }
        return ms / units[i] + names[i];
      }
    }
    throw new AssertionError("unreachable");
  }

  /**
   * Parses {@code 5m}, {@code 1h}, {@code 30d}, {@code 2w}, {@code 500ms}.
   *
   * @throws IllegalArgumentException naming the value
   */
  public static Duration parse(String s) {
    Matcher m = s == null ? null : SIMPLE.matcher(s.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "duration: expected a Prometheus duration like 5m, 1h or 30d, was '" + s + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
    if (d.isZero()) {
      throw new IllegalArgumentException("duration: must be positive, was '" + s + "'");
    }
    return d;
  }
}
