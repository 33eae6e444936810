package io.srekit.examples.userauth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Real HTTP to the service under test on 127.0.0.1. */
abstract class ServiceHttp {

  static final String ALICE = "{\"username\":\"alice\",\"password\":\"wonderland\"}";

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @LocalServerPort int port;

  HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws Exception {
    return call("GET", path, "");
  }

  /** The status of {@code GET path}, or -1 when the request failed. */
  int status(String path) {
    try {
      return get(path).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
