package io.srekit.http;

import java.util.Set;

/**
 * One srekit endpoint, e.g. {@code /readyz} or {@code /metrics}: a request in, a response out. Must
 * not throw for any request (a {@link HttpRouter} turns a throw into a 500).
 *
 * <pre>{@code
 * HttpEndpoint hello = request -> HttpResponse.text(200, "hello");
 * HttpRouter router = HttpRouter.builder().endpoint("/hello", hello).build();
 * }</pre>
 */
@FunctionalInterface
public interface HttpEndpoint {

  /** {@code GET} and {@code HEAD}. */
  Set<String> GET_HEAD = Set.of("GET", "HEAD");

  /** Answers a request whose method is in {@link #methods()}. */
  HttpResponse handle(HttpRequest request);

  /** Methods this endpoint accepts; others get 405 with {@code Allow}. Default GET and HEAD. */
  default Set<String> methods() {
    return GET_HEAD;
  }
}
