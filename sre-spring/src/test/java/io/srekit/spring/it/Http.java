package io.srekit.spring.it;

import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SeriesSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;

/** A bounded HTTP/1.1 client on 127.0.0.1 and SLI counting helpers. */
final class Http {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> post(String path, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.noBody());
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return send(b);
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return client.send(b.timeout(Duration.ofSeconds(20)).build(), BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Requests recorded on {@code sli} for (method, route) with {@code outcome}. */
  static long count(LatencySli sli, String method, String route, Outcome outcome) {
    long n = 0;
    for (SeriesSnapshot s : sli.snapshot().series()) {
      if (s.labelValues().equals(List.of(method, route))) {
        n += s.counts(outcome).count();
      }
    }
    return n;
  }

  /** Every recorded request on {@code sli}. */
  static long total(LatencySli sli) {
    long n = 0;
    for (SeriesSnapshot s : sli.snapshot().series()) {
      for (Outcome o : Outcome.values()) {
        n += s.counts(o).count();
      }
    }
    return n;
  }
}
