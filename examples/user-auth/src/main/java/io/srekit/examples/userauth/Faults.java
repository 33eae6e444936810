package io.srekit.examples.userauth;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Injected faults for demos and tests: extra latency on a fraction of logins, an error rate, and
 * the user store's health (up, down, or hanging). Only reachable when the service is started with
 * {@code --demo} or {@code --faults}, and only from loopback. Immutable; the service swaps whole
 * instances.
 *
 * @param latencyMs extra latency added to a login, in [0, 60000]
 * @param fraction share of logins that get the extra latency, in [0, 1]
 * @param errorRate share of logins that fail with 500, in [0, 1]
 * @param dependency the user store: up, down or hang
 */
record Faults(int latencyMs, double fraction, double errorRate, Dependency dependency) {

  /** The user store's injected state. */
  enum Dependency {
    UP,
    DOWN,
    HANG
  }

  static final Faults NONE = new Faults(0, 0, 0, Dependency.UP);

  /**
   * Parses {@code latencyMs=700&fraction=0.5&errorRate=0.02&dependency=up|down|hang}; missing
   * parameters keep their defaults (no fault).
   *
   * @throws IllegalArgumentException naming the parameter and the bad value
   */
  static Faults parse(String query) {
    Map<String, String> p = new HashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          p.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    for (String k : p.keySet()) {
      if (!k.equals("latencyMs")
          && !k.equals("fraction")
          && !k.equals("errorRate")
          && !k.equals("dependency")) {
        throw new IllegalArgumentException("unknown parameter '" + k + "'");
      }
    }
    int latency = (int) number(p, "latencyMs", 0, 0, 60_000);
    double fraction = number(p, "fraction", latency > 0 ? 1 : 0, 0, 1);
    double errorRate = number(p, "errorRate", 0, 0, 1);
    String dep = p.getOrDefault("dependency", "up");
    Dependency dependency;
    try {
      dependency = Dependency.valueOf(dep.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dependency: must be up, down or hang, was '" + dep + "'");
    }
    return new Faults(latency, fraction, errorRate, dependency);
  }

  private static double number(
      Map<String, String> p, String name, double dflt, double min, double max) {
    String v = p.get(name);
    if (v == null) {
      return dflt;
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": must be a number, was '" + v + "'");
    }
    if (!(d >= min && d <= max)) {
      throw new IllegalArgumentException(
          name + ": must be in [" + min + ", " + max + "], was " + v);
    }
    return d;
  }

  /** The extra latency for one login, in milliseconds (0 for most). */
  int latencyFor() {
    return latencyMs > 0 && ThreadLocalRandom.current().nextDouble() < fraction ? latencyMs : 0;
  }

  /** Whether one login fails. */
  boolean fails() {
    return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
  }

  /** As JSON, for {@code GET /admin/faults}. */
  String toJson() {
    return String.format(
        java.util.Locale.ROOT,
        "{\"latencyMs\":%d,\"fraction\":%s,\"errorRate\":%s,\"dependency\":\"%s\"}%n",
        latencyMs,
        fraction,
        errorRate,
        dependency.name().toLowerCase(java.util.Locale.ROOT));
  }
}
