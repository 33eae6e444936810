package io.srekit.servlet;

import io.srekit.health.InFlightRequests;
import io.srekit.sli.LatencySli;
import io.srekit.sli.SliSeries;
import java.util.List;

/**
 * Resolved routes by (servlet name, mapping pattern): an open-addressing table replaced
 * copy-on-write under a lock, read without one. Keys come from the deployment (servlet names and
 * their mapping patterns), never from the raw URI, so the table stays small; it is bounded all the
 * same, and a miss past the bound is resolved again every time instead of being stored.
 */
final class RouteTable {

  /** Method label values with a slot of their own; every other method is {@link #OTHER_METHOD}. */
  static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  /** Label value of methods outside {@link #METHODS}, so hostile methods cannot add series. */
  static final String OTHER_METHOD = "_OTHER";

  private final int maxRoutes;
  private volatile Route[] table;
  private int size;

  RouteTable(int maxRoutes) {
    this.maxRoutes = maxRoutes;
    this.table = new Route[tableLength(maxRoutes)];
  }

  private static int tableLength(int maxRoutes) {
    return Integer.highestOneBit(Math.max(4, maxRoutes) * 2 - 1) * 2;
  }

  static int methodIndex(String method) {
    if (method == null) {
      return METHODS.size();
    }
    switch (method) {
      case "GET":
        return 0;
      case "HEAD":
        return 1;
      case "POST":
        return 2;
      case "PUT":
        return 3;
      case "DELETE":
        return 4;
      case "PATCH":
        return 5;
      case "OPTIONS":
        return 6;
      case "TRACE":
        return 7;
      default:
        return METHODS.size();
    }
  }

  static String methodLabel(int index) {
    return index < METHODS.size() ? METHODS.get(index) : OTHER_METHOD;
  }

  private static int hash(String servletName, String pattern) {
    int h = servletName.hashCode() * 31 + pattern.hashCode();
    return h ^ (h >>> 16);
  }

  /** The route for the key, or {@code null}. Lock-free, allocation-free. */
  Route find(String servletName, String pattern) {
    Route[] t = table;
    int mask = t.length - 1;
    for (int i = hash(servletName, pattern) & mask; ; i = (i + 1) & mask) {
      Route r = t[i];
      if (r == null) {
        return null;
      }
      if (r.is(servletName, pattern)) {
        return r;
      }
    }
  }

  /** Stores {@code route} unless its key is present (then returns the stored one) or full. */
  synchronized Route add(Route route) {
    Route existing = find(route.servletName, route.pattern);
    if (existing != null) {
      return existing;
    }
    if (size >= maxRoutes) {
      return route;
    }
    Route[] copy = table.clone();
    int mask = copy.length - 1;
    int i = hash(route.servletName, route.pattern) & mask;
    while (copy[i] != null) {
      i = (i + 1) & mask;
    }
    copy[i] = route;
    size++;
    table = copy;
    return route;
  }

  synchronized int size() {
    return size;
  }

  /** One servlet mapping: its SLI (or none), route label and series per method. */
  static final class Route {
    final String servletName;
    final String pattern;
    final LatencySli sli;
    final InFlightRequests.Counter inFlight;
    private final String route;
    private final SliSeries[] series = new SliSeries[METHODS.size() + 1];

    Route(
        String servletName,
        String pattern,
        LatencySli sli,
        InFlightRequests.Counter inFlight,
        String route) {
      this.servletName = servletName;
      this.pattern = pattern;
      this.sli = sli;
      this.inFlight = inFlight;
      this.route = route;
    }

    boolean is(String servletName, String pattern) {
      return (this.servletName == servletName || this.servletName.equals(servletName))
          && (this.pattern == pattern || this.pattern.equals(pattern));
    }

    String route() {
      return route;
    }

    /**
     * The series for a method index, resolved on first use. Racing first uses resolve the same
     * handle (the SLI returns the existing series), so the unsynchronised write is benign; {@link
     * SliSeries} has only final fields and is safe to publish this way.
     */
    SliSeries series(int methodIndex) {
      SliSeries s = series[methodIndex];
      if (s == null) {
        List<String> names = sli.labelNames();
        String[] values = new String[names.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = "method".equals(names.get(i)) ? methodLabel(methodIndex) : route;
        }
        s = sli.series(values);
        series[methodIndex] = s;
      }
      return s;
    }
  }
}
