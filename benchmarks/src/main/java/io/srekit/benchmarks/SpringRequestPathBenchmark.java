package io.srekit.benchmarks;

import io.srekit.health.InFlightRequests;
import io.srekit.http.HttpEndpoint;
import io.srekit.http.HttpResponse;
import io.srekit.http.HttpRouter;
import io.srekit.servlet.SreEndpointsFilter;
import io.srekit.spring.Sli;
import io.srekit.spring.SliHandlerInterceptor;
import io.srekit.spring.SpringSliFilter;
import io.srekit.spring.SreDefinitions;
import io.srekit.spring.SreProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What sre-spring adds to one request, on Tomcat's own request and response objects (the attribute
 * map, URI and method conversions of {@code org.apache.catalina.connector.Request}), no network:
 * {@code plain} runs a stand-in for Spring MVC (the handler mapping sets the best-matching pattern,
 * a fresh {@code HandlerMethod} per request as for a controller bean resolved by name, status 200,
 * then Tomcat's recycle); {@code srekit} runs the same behind srekit's endpoints filter and SLI
 * filter, with the SLI interceptor called where Spring calls interceptors. srekit's cost per
 * request is {@code srekit − plain}, in ns/op and, with {@code -prof gc}, in B/op.
 *
 * <pre>{@code
 * java -jar benchmarks/target/benchmarks.jar SpringRequestPathBenchmark -prof gc
 * }</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SpringRequestPathBenchmark {

  private static final String PATTERN = "/hello";

  /** The controller of the benchmark app. */
  public static class Hello {
    /** The handler. */
    @Sli("bench_request")
    public String hello() {
      return "hello";
    }
  }

  private final StandardContext context = new StandardContext();
  private Request request;
  private HttpServletRequest facade;
  private HttpServletResponse response;
  private HandlerMethod registered;
  private SliHandlerInterceptor interceptor;
  private SreEndpointsFilter endpoints;
  private SpringSliFilter sliFilter;
  private FilterChain plainApp;
  private FilterChain srekitApp;
  private FilterChain behindEndpoints;

  /** Builds Tomcat's request for {@code GET /hello} and srekit's filters as auto-configured. */
  @Setup
  public void setUp() throws Exception {
    org.apache.coyote.Request coyoteRequest = new org.apache.coyote.Request();
    org.apache.coyote.Response coyoteResponse = new org.apache.coyote.Response();
    coyoteRequest.setResponse(coyoteResponse);
    coyoteRequest.method().setString("GET");
    coyoteRequest.requestURI().setString(PATTERN);
    Connector connector = new Connector();
    connector.setDiscardFacades(
        false); // recycle() keeps the facade, as Tomcat does without a SecurityManager
    request = new Request(connector, coyoteRequest);
    Response res = new Response(coyoteResponse);
    request.setResponse(res);
    res.setRequest(request);
    facade = request.getRequest();
    response = res.getResponse();
    request.getMappingData().context = context;

    SreProperties properties = new SreProperties();
    SreProperties.SliProperties sli = new SreProperties.SliProperties();
    properties.getSlis().put("bench_request", sli);
    SreDefinitions definitions = SreDefinitions.of(properties, List.of(), List.of());
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    beans.addBean("hello", new Hello());
    registered = new HandlerMethod("hello", beans, Hello.class.getMethod("hello"));
    interceptor = new SliHandlerInterceptor(definitions, 256);
    interceptor.validate(List.of(registered));

    HttpEndpoint ok = r -> HttpResponse.text(200, "ok");
    endpoints =
        new SreEndpointsFilter(
            HttpRouter.builder()
                .endpoint("/livez", ok)
                .endpoint("/readyz", ok)
                .endpoint("/healthz", ok)
                .endpoint("/slo", ok)
                .endpoint("/metrics", ok)
                .build());
    sliFilter =
        new SpringSliFilter(
            definitions.slis().values(), InFlightRequests.create(), properties.getClientAborts());

    plainApp = (req, res2) -> dispatch((HttpServletRequest) req, false);
    srekitApp = (req, res2) -> dispatch((HttpServletRequest) req, true);
    behindEndpoints = (req, res2) -> sliFilter.doFilter(req, res2, srekitApp);
  }

  private void dispatch(HttpServletRequest req, boolean withInterceptor) {
    // What Spring's handler mapping leaves for interceptors: the pattern attribute and a handler
    // method resolved from the bean name (a new HandlerMethod per request).
    req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, PATTERN);
    HandlerMethod handler = registered.createWithResolvedBean();
    if (withInterceptor) {
      interceptor.preHandle(req, response, handler);
    }
    response.setStatus(200);
  }

  /** The stand-in for Spring MVC alone. */
  @Benchmark
  public int plain() throws IOException, ServletException {
    plainApp.doFilter(facade, response);
    return recycle();
  }

  private int recycle() {
    int status = response.getStatus();
    request.recycle();
    // What the mapper sets per request; attribute writes notify the context's listeners.
    request.getMappingData().context = context;
    return status;
  }

  /** What sre-spring adds as auto-configured: endpoints filter, SLI filter, interceptor. */
  @Benchmark
  public int srekit() throws IOException, ServletException {
    endpoints.doFilter(facade, response, behindEndpoints);
    return recycle();
  }

  /** Part of {@code srekit}: the SLI filter and the interceptor, without the endpoints filter. */
  @Benchmark
  public int sliFilterAndInterceptor() throws IOException, ServletException {
    behindEndpoints.doFilter(facade, response);
    return recycle();
  }
}
