package io.srekit.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable response: status, headers and body bytes. Every response carries {@code
 * Cache-Control: no-store} and {@code X-Content-Type-Options: nosniff}. Immutable, so one instance
 * can be precomputed and served to every request; {@link #writeBody} writes the bytes without
 * copying.
 *
 * <pre>{@code
 * HttpResponse r = HttpResponse.builder(200).text("ok").build();
 * }</pre>
 */
public final class HttpResponse {

  /** Content type of plain-text responses. */
  public static final String TEXT = "text/plain; charset=utf-8";

  private final int status;
  private final List<HttpHeader> headers;
  private final byte[] body;

  private HttpResponse(int status, List<HttpHeader> headers, byte[] body) {
    this.status = status;
    this.headers = List.copyOf(headers);
    this.body = body;
  }

  /** Starts a response with {@code status}. */
  public static Builder builder(int status) {
    return new Builder(status);
  }

  /** A plain-text response. */
  public static HttpResponse text(int status, String body) {
    return builder(status).text(body).build();
  }

  /** The status code. */
  public int status() {
    return status;
  }

  /** The headers, in order. */
  public List<HttpHeader> headers() {
    return headers;
  }

  /** The first value of the header (name case-insensitive), or {@code null}. */
  public String header(String name) {
    for (HttpHeader h : headers) {
      if (h.name().equalsIgnoreCase(name)) {
        return h.value();
      }
    }
    return null;
  }

  /** Length of the body in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Writes the body (no copy). */
  public void writeBody(OutputStream out) throws IOException {
    out.write(body);
  }

  /** A copy of the body. */
  public byte[] bodyBytes() {
    return body.clone();
  }

  /** The body decoded as UTF-8. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "HttpResponse[" + status + " " + header("Content-Type") + " " + body.length + " B]";
  }

  /** Builds an {@link HttpResponse}. */
  public static final class Builder {
    private final int status;
    private final List<HttpHeader> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private String contentType;

    private Builder(int status) {
      if (status < 100 || status > 599) {
        throw new IllegalArgumentException("status: must be in [100, 599], was " + status);
      }
      this.status = status;
    }

    /** Adds a header. */
    public Builder header(String name, String value) {
      headers.add(new HttpHeader(name, value));
      return this;
    }

    /** A UTF-8 {@code text/plain} body. */
    public Builder text(String text) {
      return body(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body with its content type (copied). */
    public Builder body(String contentType, byte[] bytes) {
      this.contentType = contentType;
      this.body = Arrays.copyOf(bytes, bytes.length);
      return this;
    }

    /** Builds. */
    public HttpResponse build() {
      List<HttpHeader> all = new ArrayList<>();
      if (contentType != null) {
        all.add(new HttpHeader("Content-Type", contentType));
      }
      all.add(new HttpHeader("Cache-Control", "no-store"));
      all.add(new HttpHeader("X-Content-Type-Options", "nosniff"));
      all.addAll(headers);
      return new HttpResponse(status, all, body);
    }
  }
}
