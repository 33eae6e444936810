package io.srekit.servlet;

import io.srekit.http.EndpointContract;
import io.srekit.http.HttpRouter;
import jakarta.servlet.ServletContainerInitializer;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** The endpoint contract (the same suite the JDK server passes) on an embedded container. */
abstract class ContainerEndpointContract extends EndpointContract {

  abstract Containers.Kind kind();

  @Override
  protected Served serve(HttpRouter router) throws Exception {
    ServletContainerInitializer app =
        (classes, ctx) -> {
          ctx.addServlet("not-found", new TestApp.NotFoundServlet()).addMapping("/");
          SreServletInitializer.register(SreServletSetup.builder().router(router).build(), ctx);
        };
    Containers.Running running = Containers.start(kind(), Map.of(app, Set.of()));
    URI base = URI.create("http://127.0.0.1:" + running.port());
    return new Served() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() throws Exception {
        running.close();
      }
    };
  }
}
