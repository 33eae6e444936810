package io.srekit.servlet;

/** The endpoint contract (the same suite the JDK server passes) on embedded Tomcat 11. */
class TomcatEndpointContractTest extends ContainerEndpointContract {
  @Override
  Containers.Kind kind() {
    return Containers.Kind.TOMCAT;
  }
}
