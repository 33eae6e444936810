package io.srekit.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus}) on 127.0.0.1 for tests: 1 s scrape and rule
 * evaluation, one scrape target, one rules file, a temporary data directory; stopped by {@link
 * #close()}. Locally it skips when Prometheus is missing; under {@code CI=true} it fails.
 */
public final class PrometheusProcess implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final String base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private PrometheusProcess(Process process, String base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /**
   * Starts Prometheus scraping {@code target} ({@code host:port}, path {@code /metrics}) with
   * {@code rulesYaml} loaded, and waits until it is ready.
   */
  public static PrometheusProcess start(Path dir, String target, String rulesYaml)
      throws Exception {
    Path prometheus = ExternalTools.require("prometheus", "prometheus");
    Files.writeString(dir.resolve("rules.yml"), rulesYaml);
    Files.writeString(
        dir.resolve("prometheus.yml"),
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        rule_files: [rules.yml]
        scrape_configs:
          - job_name: user-auth
            metrics_path: /metrics
            static_configs:
              - targets: ['%s']
        """
            .formatted(target));
    int port = freePort();
    Path log = dir.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                prometheus.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess prom = new PrometheusProcess(p, "http://127.0.0.1:" + port, log);
    Await.eventually(Duration.ofSeconds(60), "Prometheus ready", prom::ready, r -> r);
    return prom;
  }

  private boolean ready() {
    try {
      return http.send(
                  HttpRequest.newBuilder(URI.create(base + "/-/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The first value of an instant query, or {@code NaN} when it returns no sample. */
  public double query(String promql) {
    JsonNode result =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8))
            .get("data")
            .get("result");
    return result.isEmpty()
        ? Double.NaN
        : Double.parseDouble(result.get(0).get("value").get(1).asString());
  }

  /** The alerts Prometheus currently holds (pending and firing), from {@code /api/v1/alerts}. */
  public List<JsonNode> alerts() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode a : get("/api/v1/alerts").get("data").get("alerts")) {
      out.add(a);
    }
    return out;
  }

  /** Whether an alert named {@code name} is firing. */
  public boolean firing(String name) {
    for (JsonNode a : alerts()) {
      if (a.get("labels").get("alertname").asString().equals(name)
          && a.get("state").asString().equals("firing")) {
        return true;
      }
    }
    return false;
  }

  private JsonNode get(String path) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new IllegalStateException("Prometheus " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Prometheus' own log, for failure messages. */
  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
