package io.srekit.servlet;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.srekit.http.HttpRouter;
import io.srekit.http.MetricsEndpoint;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.sli.LatencySli;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The server side of {@code benchmarks/servlet-overhead.sh}: one JVM, one container kind, two
 * servers of the same trivial servlet, without srekit on the first port and with srekit's
 * initializer-registered filters (endpoints, then SLI) on the second, so both variants share the
 * JIT and the machine. Usage: {@code OverheadServer jetty|tomcat <plainPort> <srekitPort>}; runs
 * until killed.
 */
public final class OverheadServer {

  private static final byte[] OK = "ok".getBytes(StandardCharsets.US_ASCII);

  private OverheadServer() {}

  /** The trivial servlet: 200 and two bytes. */
  @Sli("bench_request")
  public static final class HelloServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("text/plain");
      res.setContentLength(OK.length);
      res.getOutputStream().write(OK);
    }
  }

  public static void main(String[] args) throws Exception {
    Containers.Kind kind = Containers.Kind.valueOf(args[0].toUpperCase(java.util.Locale.ROOT));
    int plainPort = Integer.parseInt(args[1]);
    int srekitPort = Integer.parseInt(args[2]);

    // A servlet at "/" in both: Tomcat runs filters only for requests mapped to a servlet, so
    // without one /metrics would never reach the endpoints filter there.
    ServletContainerInitializer plain =
        (classes, ctx) -> {
          ctx.addServlet("hello", new HelloServlet()).addMapping("/hello");
          ctx.addServlet("not-found", new TestApp.NotFoundServlet()).addMapping("/");
        };

    LatencySli sli = LatencySli.builder("bench_request").labelNames("method", "route").build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new SliMeterBinder(sli).bindTo(registry);
    HttpRouter router =
        HttpRouter.builder()
            .endpoint(
                "/metrics", new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(sli)))
            .build();
    SreServletSetup setup =
        SreServletSetup.builder()
            .router(router)
            .sliFilter(SliFilter.builder().sli(sli).build())
            .build();
    ServletContainerInitializer withSrekit =
        (classes, ctx) -> {
          ctx.addServlet("hello", new HelloServlet()).addMapping("/hello");
          ctx.addServlet("not-found", new TestApp.NotFoundServlet()).addMapping("/");
          SreServletInitializer.register(setup, ctx);
        };

    Containers.Running a = Containers.start(kind, plainPort, Map.of(plain, Set.of()));
    Containers.Running b = Containers.start(kind, srekitPort, Map.of(withSrekit, Set.of()));
    System.out.println(
        kind + " ready: plain on " + a.port() + ", srekit on " + b.port() + " (GET /hello)");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    a.close();
                    b.close();
                  } catch (Exception ignored) {
                    // exiting anyway
                  }
                }));
    new CountDownLatch(1).await();
  }
}
