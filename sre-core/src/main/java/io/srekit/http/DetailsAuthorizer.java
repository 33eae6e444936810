package io.srekit.http;

/**
 * Decides whether a caller may see details (reasons, exception text, observed values) of health
 * checks. Off by default: {@link #none()}.
 */
@FunctionalInterface
public interface DetailsAuthorizer {

  /** Whether {@code request} may see details. Must not throw. */
  boolean showDetails(HttpRequest request);

  /** Nobody sees details (the default). */
  static DetailsAuthorizer none() {
    return request -> false;
  }

  /**
   * Callers sending {@code Authorization: Bearer <token>} see details (constant-time compare).
   *
   * @throws IllegalArgumentException if the token is shorter than 16 characters
   */
  static DetailsAuthorizer bearerToken(String token) {
    byte[] expected = BearerTokens.expected(token, "token");
    return request -> BearerTokens.matches(request, expected);
  }
}
