package io.srekit.servlet;

/** The servlet adapter on embedded Jetty 12 (ee10). */
class JettyServletAdapterTest extends ServletAdapterContract {
  @Override
  Containers.Kind kind() {
    return Containers.Kind.JETTY;
  }
}
