package io.srekit.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an endpoint sees of a request. Adapters implement it over their native request without
 * copying; {@link #of} builds one for tests and benchmarks.
 */
public interface HttpRequest {

  /** The method in upper case, e.g. {@code GET}. */
  String method();

  /** The raw path without the query, e.g. {@code /readyz}. */
  String path();

  /** The raw query string without {@code ?}, or {@code null} when there is none. */
  String query();

  /** The first value of the header (name case-insensitive), or {@code null}. */
  String header(String name);

  /** Every value of the query parameter {@code name} (decoded; a bare {@code name} gives ""). */
  default List<String> queryParameters(String name) {
    String q = query();
    List<String> out = new ArrayList<>();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (k.equals(name)) {
        out.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return out;
  }

  /** Whether the query has the parameter {@code name}, with or without a value. */
  default boolean hasQueryParameter(String name) {
    return !queryParameters(name).isEmpty();
  }

  /** A simple request; header names are matched case-insensitively. */
  static HttpRequest of(String method, String path, String query, Map<String, String> headers) {
    TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    return new SimpleRequest(method.toUpperCase(Locale.ROOT), path, query, h);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }

  /** The request made by {@link #of}. */
  record SimpleRequest(String method, String path, String query, Map<String, String> headers)
      implements HttpRequest {
    @Override
    public String header(String name) {
      return headers.get(name);
    }
  }
}
