package io.srekit.servlet;

/** The endpoint contract (the same suite the JDK server passes) on embedded Jetty 12. */
class JettyEndpointContractTest extends ContainerEndpointContract {
  @Override
  Containers.Kind kind() {
    return Containers.Kind.JETTY;
  }
}
