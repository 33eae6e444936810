package io.srekit.servlet;

import io.srekit.http.HttpHeader;
import io.srekit.http.HttpResponse;
import io.srekit.http.HttpRouter;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers srekit's endpoints (an {@link HttpRouter}: probes, {@code /metrics}, {@code /slo}) in the
 * servlet container, and passes every other request down the chain. Map it first, on {@code /*}, so
 * that authentication, session and tracing filters never run for probes; the {@link
 * SreServletInitializer} does.
 *
 * <pre>{@code
 * HttpRouter router = HttpRouter.builder()
 *     .endpoints(ProbeEndpoints.builder(health).build().endpoints())
 *     .endpoint("/metrics", new MetricsEndpoint(registry.getPrometheusRegistry(), List.of(sli)))
 *     .build();
 * context.addFilter("srekit-endpoints", new SreEndpointsFilter(router))
 *     .addMappingForUrlPatterns(null, false, "/*");
 * }</pre>
 *
 * <p>Paths are exact and relative to the context path, taken from the raw request URI (as the JDK
 * server adapter does): {@code /readyz} matches, {@code /readyz/}, {@code /readyz;x} and encoded
 * variants do not and fall through to the application. Responses are written as the router built
 * them (no exception text; {@code HEAD} without a body).
 */
public final class SreEndpointsFilter implements Filter {

  private final HttpRouter router;

  /**
   * Serves {@code router}.
   *
   * @throws IllegalArgumentException if {@code router} is null
   */
  public SreEndpointsFilter(HttpRouter router) {
    if (router == null) {
      throw new IllegalArgumentException("router: must not be null");
    }
    this.router = router;
  }

  /** The router served. */
  public HttpRouter router() {
    return router;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req instanceof HttpServletRequest request && res instanceof HttpServletResponse response) {
      String path = pathInContext(request);
      if (path != null && router.matches(path)) {
        serve(router.handle(new ServletHttpRequest(request, path)), request, response);
        return;
      }
    }
    chain.doFilter(req, res);
  }

  private static String pathInContext(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String ctx = request.getContextPath();
    if (uri == null) {
      return null;
    }
    if (ctx == null || ctx.isEmpty()) {
      return uri;
    }
    return uri.startsWith(ctx) ? uri.substring(ctx.length()) : null;
  }

  private static void serve(
      HttpResponse r, HttpServletRequest request, HttpServletResponse response) {
    try {
      response.setStatus(r.status());
      for (HttpHeader h : r.headers()) {
        if ("Content-Type".equalsIgnoreCase(h.name())) {
          response.setContentType(h.value());
        } else {
          response.addHeader(h.name(), h.value());
        }
      }
      response.setContentLength(r.bodyLength());
      if (!"HEAD".equals(request.getMethod()) && r.bodyLength() > 0) {
        r.writeBody(response.getOutputStream());
      }
      response.flushBuffer();
    } catch (IOException clientGone) {
      // The prober went away; nothing to answer.
    }
  }
}
