package io.srekit.servlet;

import io.srekit.health.InFlightRequests;
import io.srekit.sli.LatencySli;
import io.srekit.sli.RouteSeries;
import io.srekit.sli.SliSeries;

/**
 * Resolved routes by (servlet name, mapping pattern): an open-addressing table replaced
 * copy-on-write under a lock, read without one. Keys come from the deployment (servlet names and
 * their mapping patterns), never from the raw URI, so the table stays small; it is bounded all the
 * same, and a miss past the bound is resolved again every time instead of being stored.
 */
final class RouteTable {

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
    return RouteSeries.methodIndex(method);
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
    private final RouteSeries series;

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
      this.series = sli == null ? null : RouteSeries.of(sli, route);
    }

    boolean is(String servletName, String pattern) {
      return (this.servletName == servletName || this.servletName.equals(servletName))
          && (this.pattern == pattern || this.pattern.equals(pattern));
    }

    String route() {
      return route;
    }

    /** The series for a method index, resolved on first use (see {@link RouteSeries}). */
    SliSeries series(int methodIndex) {
      return series.series(methodIndex);
    }
  }
}
