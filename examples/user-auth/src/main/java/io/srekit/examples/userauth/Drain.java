package io.srekit.examples.userauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The preStop hook: asks the running service to drain ({@code POST /drainz} with the bearer secret
 * from {@code SREKIT_DRAIN_SECRET}), then waits the drain delay so that SIGTERM arrives after the
 * endpoints have stopped sending traffic.
 */
final class Drain {

  private Drain() {}

  static int run(Map<String, String> env, Duration drainDelay) {
    String secret = env.get("SREKIT_DRAIN_SECRET");
    if (secret == null || secret.isBlank()) {
      System.err.println("drain: SREKIT_DRAIN_SECRET is not set; nothing to call");
      return 2;
    }
    String port = env.getOrDefault("PORT", "8080");
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(2))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/drainz"))
                      .timeout(Duration.ofSeconds(5))
                      .header("Authorization", "Bearer " + secret)
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      System.out.println("drain: " + r.statusCode() + " " + r.body().strip());
      if (r.statusCode() / 100 != 2) {
        return 1;
      }
    } catch (Exception e) {
      System.err.println("drain: " + e);
      return 1;
    }
    // The drain delay in which readiness is down but requests are still served.
    LockSupport.parkNanos(drainDelay.toNanos());
    return 0;
  }
}
