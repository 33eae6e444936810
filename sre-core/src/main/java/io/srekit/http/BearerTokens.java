package io.srekit.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Bearer-token checks with a constant-time compare. */
final class BearerTokens {

  private BearerTokens() {}

  static byte[] expected(String token, String parameter) {
    if (token == null || token.length() < 16) {
      throw new IllegalArgumentException(
          parameter
              + ": must be at least 16 characters, was "
              + (token == null ? "null" : token.length() + " characters"));
    }
    return ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
  }

  static boolean matches(HttpRequest request, byte[] expected) {
    String h = request.header("Authorization");
    return h != null && MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), expected);
  }
}
