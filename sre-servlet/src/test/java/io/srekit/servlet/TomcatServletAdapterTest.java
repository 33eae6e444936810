package io.srekit.servlet;

/** The servlet adapter on embedded Tomcat 11. */
class TomcatServletAdapterTest extends ServletAdapterContract {
  @Override
  Containers.Kind kind() {
    return Containers.Kind.TOMCAT;
  }
}
