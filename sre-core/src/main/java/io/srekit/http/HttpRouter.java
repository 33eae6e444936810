package io.srekit.http;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps exact paths to endpoints. A path matches only itself: no prefixes, no trailing-slash
 * variants, and a query string never changes the match. Unknown paths get 404, methods the endpoint
 * does not accept get 405 with {@code Allow}, and an endpoint that throws gets 500 (logged, no
 * exception text in the body). Immutable and thread-safe; dispatch allocates nothing.
 *
 * <pre>{@code
 * HttpRouter router = HttpRouter.builder()
 *     .endpoints(ProbeEndpoints.builder(health).build().endpoints())
 *     .endpoint("/metrics", metricsEndpoint)
 *     .build();
 * }</pre>
 */
public final class HttpRouter {

  private static final System.Logger LOG = System.getLogger("io.srekit.http");
  private static final HttpResponse NOT_FOUND = HttpResponse.text(404, "not found");
  private static final HttpResponse INTERNAL = HttpResponse.text(500, "internal error");

  private final Map<String, HttpEndpoint> endpoints;
  private final Map<String, HttpResponse> notAllowed;

  private HttpRouter(Map<String, HttpEndpoint> endpoints) {
    this.endpoints = new HashMap<>(endpoints);
    this.notAllowed = new HashMap<>();
    for (Map.Entry<String, HttpEndpoint> e : endpoints.entrySet()) {
      String allow = String.join(", ", new TreeSet<>(e.getValue().methods()));
      notAllowed.put(
          e.getKey(),
          HttpResponse.builder(405).header("Allow", allow).text("method not allowed").build());
    }
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether a request for {@code path} is ours (adapters let other paths fall through). */
  public boolean matches(String path) {
    return endpoints.containsKey(path);
  }

  /** The registered paths. */
  public Set<String> paths() {
    return Collections.unmodifiableSet(endpoints.keySet());
  }

  /** Dispatches {@code request}; never throws. */
  public HttpResponse handle(HttpRequest request) {
    String path = request.path();
    HttpEndpoint e = path == null ? null : endpoints.get(path);
    if (e == null) {
      return NOT_FOUND;
    }
    if (!e.methods().contains(request.method())) {
      return notAllowed.get(path);
    }
    try {
      HttpResponse r = e.handle(request);
      return r != null ? r : INTERNAL;
    } catch (RuntimeException ex) {
      LOG.log(Level.ERROR, "endpoint " + path + " threw", ex);
      return INTERNAL;
    }
  }

  /** Builds an {@link HttpRouter}; rejects bad and duplicate paths. */
  public static final class Builder {
    private final Map<String, HttpEndpoint> endpoints = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Maps {@code path} (starting with {@code /}, no query, no {@code ..}) to {@code endpoint}.
     *
     * @throws IllegalArgumentException if the path is malformed or already mapped
     */
    public Builder endpoint(String path, HttpEndpoint endpoint) {
      if (path == null
          || !path.startsWith("/")
          || path.contains("?")
          || path.contains("#")
          || path.contains("..")
          || path.contains("//")) {
        throw new IllegalArgumentException(
            "path: must start with '/' and have no query, fragment, '..' or '//', was '"
                + path
                + "'");
      }
      if (endpoint == null) {
        throw new IllegalArgumentException("endpoint: must not be null (path '" + path + "')");
      }
      if (endpoint.methods() == null || endpoint.methods().isEmpty()) {
        throw new IllegalArgumentException("endpoint: no methods (path '" + path + "')");
      }
      if (endpoints.putIfAbsent(path, endpoint) != null) {
        throw new IllegalArgumentException("path: duplicate '" + path + "'");
      }
      return this;
    }

    /** Maps every path of {@code group}. */
    public Builder endpoints(Map<String, ? extends HttpEndpoint> group) {
      group.forEach(this::endpoint);
      return this;
    }

    /**
     * Maps every path of {@code group} under {@code prefix}, e.g. {@code "/internal"} puts {@code
     * /readyz} at {@code /internal/readyz}; an empty prefix maps the paths as they are.
     *
     * @throws IllegalArgumentException if the prefix does not start with '/' or ends with one
     */
    public Builder endpoints(String prefix, Map<String, ? extends HttpEndpoint> group) {
      if (prefix == null
          || (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/")))) {
        throw new IllegalArgumentException(
            "prefix: must be empty or start with '/' and not end with '/', was '" + prefix + "'");
      }
      group.forEach((path, endpoint) -> endpoint(prefix + path, endpoint));
      return this;
    }

    /** Builds. */
    public HttpRouter build() {
      return new HttpRouter(endpoints);
    }
  }
}
