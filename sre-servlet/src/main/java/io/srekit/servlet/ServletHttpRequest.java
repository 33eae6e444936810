package io.srekit.servlet;

import io.srekit.http.HttpRequest;
import jakarta.servlet.http.HttpServletRequest;

/** An {@link HttpRequest} over a servlet request, path relative to the context, no copying. */
record ServletHttpRequest(HttpServletRequest request, String path) implements HttpRequest {

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String query() {
    return request.getQueryString();
  }

  @Override
  public String header(String name) {
    return request.getHeader(name);
  }
}
