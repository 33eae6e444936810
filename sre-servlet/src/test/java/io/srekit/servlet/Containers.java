package io.srekit.servlet;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 (ee10) and Tomcat 11 on 127.0.0.1 with a free port, configured only through
 * servlet container initializers, so that every test application is the same code on both.
 */
final class Containers {

  private Containers() {}

  /** The two containers. */
  enum Kind {
    JETTY,
    TOMCAT
  }

  /** A started container. */
  interface Running extends AutoCloseable {
    int port();

    /** Stops the container (waits for it). */
    @Override
    void close() throws Exception;
  }

  /** Starts {@code kind} with the initializers, each with its handled classes. */
  static Running start(Kind kind, Map<ServletContainerInitializer, Set<Class<?>>> initializers)
      throws Exception {
    return start(kind, 0, initializers);
  }

  /** Starts {@code kind} on {@code port} (0: a free one) with the initializers. */
  static Running start(
      Kind kind, int port, Map<ServletContainerInitializer, Set<Class<?>>> initializers)
      throws Exception {
    return kind == Kind.JETTY ? jetty(port, initializers) : tomcat(port, initializers);
  }

  private static Running jetty(
      int port, Map<ServletContainerInitializer, Set<Class<?>>> initializers) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    ServletContextHandler ctx = new ServletContextHandler("/");
    initializers.forEach(
        (sci, classes) ->
            ctx.addServletContainerInitializer(sci, classes.toArray(new Class<?>[0])));
    server.setHandler(ctx);
    try {
      server.start();
    } catch (Exception e) {
      server.stop();
      throw e;
    }
    if (!ctx.isAvailable()) {
      server.stop();
      throw new IllegalStateException("jetty context unavailable");
    }
    return new Running() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        server.stop();
      }
    };
  }

  private static Running tomcat(
      int port, Map<ServletContainerInitializer, Set<Class<?>>> initializers) throws Exception {
    Path base = Files.createTempDirectory("srekit-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector("HTTP/1.1");
    connector.setPort(port);
    connector.setProperty("address", "127.0.0.1");
    tomcat.getService().addConnector(connector);
    tomcat.setConnector(connector);
    Context ctx = tomcat.addContext("", base.toString());
    initializers.forEach(ctx::addServletContainerInitializer);
    tomcat.start();
    if (ctx.getState() != LifecycleState.STARTED) {
      tomcat.stop();
      tomcat.destroy();
      throw new IllegalStateException("tomcat context not started: " + ctx.getState());
    }
    return new Running() {
      @Override
      public int port() {
        return connector.getLocalPort();
      }

      @Override
      public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }
}
