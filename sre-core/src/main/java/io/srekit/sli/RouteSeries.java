package io.srekit.sli;

import java.util.List;

/**
 * The series of one route of a {@link LatencySli} labelled {@code method} and {@code route}: one
 * handle per HTTP method slot, resolved on first use and kept, so an adapter that has found the
 * route resolves a request's series with a switch and an array read (no map lookup, no allocation).
 *
 * <pre>{@code
 * RouteSeries users = RouteSeries.of(sli, "/users/{id}");
 * SliSeries s = users.series(request.getMethod());   // "GET" -> the (GET, /users/{id}) series
 * s.recordSince(start, Outcome.SUCCESS);
 * }</pre>
 *
 * <p>The method label is one of {@link #METHODS}, else {@link #OTHER_METHOD} (as OpenTelemetry
 * does), so hostile methods cannot add series. Thread-safe: racing first uses resolve the same
 * handle (the SLI returns its existing series), so the unsynchronised slot write is benign.
 */
public final class RouteSeries {

  /** Method label values with a slot of their own. */
  public static final List<String> METHODS =
      List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  /** Label value of every method outside {@link #METHODS}. */
  public static final String OTHER_METHOD = "_OTHER";

  private final LatencySli sli;
  private final String route;
  private final SliSeries[] series = new SliSeries[METHODS.size() + 1];

  private RouteSeries(LatencySli sli, String route) {
    this.sli = sli;
    this.route = route;
  }

  /**
   * The series of {@code route} on {@code sli}; labels other than {@code method} and {@code route}
   * get {@code route}'s value too, so an adapter should validate the label names first.
   *
   * @throws IllegalArgumentException naming a null parameter
   */
  public static RouteSeries of(LatencySli sli, String route) {
    if (sli == null) {
      throw new IllegalArgumentException("sli: must not be null");
    }
    if (route == null) {
      throw new IllegalArgumentException("route: must not be null");
    }
    return new RouteSeries(sli, route);
  }

  /** The SLI. */
  public LatencySli sli() {
    return sli;
  }

  /** The route label value. */
  public String route() {
    return route;
  }

  /**
   * The series for {@code method} ({@code null} or unknown methods share {@link #OTHER_METHOD}).
   */
  public SliSeries series(String method) {
    return series(methodIndex(method));
  }

  /** The series for a slot from {@link #methodIndex}. */
  public SliSeries series(int methodIndex) {
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

  /** The slot of {@code method}: its index in {@link #METHODS}, else {@code METHODS.size()}. */
  public static int methodIndex(String method) {
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

  /** The method label of a slot. */
  public static String methodLabel(int index) {
    return index >= 0 && index < METHODS.size() ? METHODS.get(index) : OTHER_METHOD;
  }
}
