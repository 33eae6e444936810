package io.srekit.spring;

import io.srekit.http.EndpointContract;
import io.srekit.http.HttpRouter;
import io.srekit.spring.it.TestApp;
import java.net.URI;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The endpoint contract (the same suite the JDK server and the servlet adapter pass) on Boot. */
class SpringEndpointContractTest extends EndpointContract {

  @Override
  protected Served serve(HttpRouter router) {
    ConfigurableApplicationContext ctx =
        new SpringApplicationBuilder(TestApp.class)
            .properties(
                "server.port=0",
                "server.address=127.0.0.1",
                "sre.slis.user_auth_request.buckets=0.1,1",
                "sre.slis.search_request.max-series=50",
                "sre.probes.drain-delay=0s")
            .initializers(c -> c.getBeanFactory().registerSingleton("contractRouter", router))
            .run();
    int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
    URI base = URI.create("http://127.0.0.1:" + port);
    return new Served() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        ctx.close();
      }
    };
  }
}
