package io.srekit.http;

import io.srekit.health.HealthMonitor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A monitor served by a {@link ManagementServer} on 127.0.0.1, and a client for it. */
final class ProbeServer implements AutoCloseable {

  final HealthMonitor monitor;
  final ManagementServer server;
  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  ProbeServer(HealthMonitor monitor, HttpRouter router) throws IOException {
    this.monitor = monitor;
    this.server =
        ManagementServer.builder(router)
            .host("127.0.0.1")
            .port(0)
            .stopGrace(Duration.ofSeconds(1))
            .build()
            .start();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  java.net.http.HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, headers);
  }

  java.net.http.HttpResponse<String> send(String method, String pathAndQuery, String... headers) {
    try {
      return sendAsync(method, pathAndQuery, headers).get();
    } catch (Exception e) {
      throw new AssertionError(method + " " + pathAndQuery, e);
    }
  }

  CompletableFuture<java.net.http.HttpResponse<String>> sendAsync(
      String method, String pathAndQuery, String... headers) {
    var b =
        java.net.http.HttpRequest.newBuilder(uri(pathAndQuery))
            .timeout(Duration.ofSeconds(20))
            .method(method, BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.sendAsync(b.build(), BodyHandlers.ofString());
  }

  @Override
  public void close() {
    server.close();
    monitor.close();
  }
}
