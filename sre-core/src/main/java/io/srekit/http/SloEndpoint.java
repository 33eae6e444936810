package io.srekit.http;

import io.srekit.slo.SloEngine;
import io.srekit.slo.SloJson;
import io.srekit.slo.SloPage;
import java.nio.charset.StandardCharsets;

/**
 * {@code /slo}: the error-budget engine's last tick as JSON ({@link SloJson}), or as a page ({@link
 * SloPage}) when a browser asks ({@code Accept: text/html} without {@code application/json}) or
 * with {@code ?format=html}; {@code ?format=json} forces JSON. Read-only: it never changes the
 * engine's state. Shows SLO definitions and numbers, never exception text, hosts or versions.
 */
public final class SloEndpoint implements HttpEndpoint {

  /** The JSON media type. */
  public static final String JSON = "application/json";

  /** The HTML media type. */
  public static final String HTML = "text/html; charset=utf-8";

  private final SloEngine engine;

  /** Serves {@code engine}. */
  public SloEndpoint(SloEngine engine) {
    this.engine = engine;
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    boolean html = wantsHtml(request);
    String body = html ? SloPage.render(engine) : SloJson.render(engine);
    return HttpResponse.builder(200)
        .header("Vary", "Accept")
        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
        .body(html ? HTML : JSON, body.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  static boolean wantsHtml(HttpRequest request) {
    for (String format : request.queryParameters("format")) {
      if (format.equalsIgnoreCase("html")) {
        return true;
      }
      if (format.equalsIgnoreCase("json")) {
        return false;
      }
    }
    String accept = request.header("Accept");
    return accept != null && accept.contains("text/html") && !accept.contains(JSON);
  }
}
