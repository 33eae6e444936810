package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import io.srekit.testing.PrometheusText;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code /slo} and {@code /metrics} over real HTTP on the JDK management server. */
class SloAndMetricsEndpointsHttpTest {

  private final MockClock clock = new MockClock();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LatencySli sli;
  private SloEngine engine;
  private PrometheusMeterRegistry registry;
  private ManagementServer server;

  @BeforeEach
  void start() throws Exception {
    sli =
        LatencySli.builder("user_auth_request")
            .labelNames("route")
            .latencyThreshold(0.5)
            .clock(clock)
            .build();
    engine =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("login-availability", sli).objective("0.999").build())
            .slo(Slo.latency("login-latency", sli, 0.5).objective("0.99").build())
            .build();
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    Counter.builder("logins.total").register(registry).increment(3);
    HttpRouter router =
        HttpRouter.builder()
            .endpoint("/slo", new SloEndpoint(engine))
            .endpoint(
                "/metrics", new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(sli)))
            .build();
    server =
        ManagementServer.builder(router)
            .host("127.0.0.1")
            .port(0)
            .stopGrace(Duration.ofMillis(200))
            .build()
            .start();
    for (int t = 0; t < 60; t++) {
      for (int i = 0; i < 10; i++) {
        sli.series("/login")
            .record(20_000_000L, i == 0 && t > 50 ? Outcome.ERROR : Outcome.SUCCESS);
      }
      clock.add(10, TimeUnit.SECONDS);
      engine.tick();
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void sloIsJsonByDefaultAndAPageForBrowsers() throws Exception {
    HttpResponse<String> json = get("/slo");
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode root = JsonMapper.builder().build().readTree(json.body());
    assertThat(root.get("slos").get(0).get("errorRatios").get("5m").asDouble()).isEqualTo(0.03);
    assertThat(root.get("slos").get(1).get("name").asString()).isEqualTo("login-latency");

    HttpResponse<String> page =
        get("/slo", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("login-availability");
    assertThat(get("/slo?format=html").body()).startsWith("<!DOCTYPE html>");
    assertThat(get("/slo?format=json", "Accept", "text/html").body()).startsWith("{");
    assertThat(get("/slo?format=html").headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; style-src 'unsafe-inline'");
  }

  @Test
  void sloRefusesStateChangingMethods() throws Exception {
    HttpResponse<String> post =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/slo"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void metricsNegotiatesTheFormatAndCarriesSliFamiliesOnceNextToOtherMeters() throws Exception {
    HttpResponse<String> text = get("/metrics");
    assertThat(text.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    String body = text.body();
    assertThat(body.split("# TYPE user_auth_request_duration_seconds histogram", -1)).hasSize(2);
    assertThat(body.split("# TYPE user_auth_request_rejected_total counter", -1)).hasSize(2);
    assertThat(body).contains("logins_total 3.0");
    double count =
        PrometheusText.parse(body).stream()
            .filter(s -> s.name().equals("user_auth_request_duration_seconds_count"))
            .mapToDouble(PrometheusText.Sample::value)
            .sum();
    assertThat(count).isEqualTo(600);

    HttpResponse<String> om =
        get("/metrics", "Accept", "application/openmetrics-text;version=1.0.0,text/plain;q=0.5");
    assertThat(om.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(om.body())
        .contains("# UNIT user_auth_request_duration_seconds seconds")
        .endsWith("# EOF\n");
    assertThat(om.body().split("# EOF", -1)).hasSize(2);
  }
}
