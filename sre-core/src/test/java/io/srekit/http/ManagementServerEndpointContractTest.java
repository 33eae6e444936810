package io.srekit.http;

import java.net.URI;
import java.time.Duration;

/** The endpoint contract on the JDK-server adapter. */
class ManagementServerEndpointContractTest extends EndpointContract {

  @Override
  protected Served serve(HttpRouter router) throws Exception {
    ManagementServer server =
        ManagementServer.builder(router)
            .host("127.0.0.1")
            .port(0)
            .stopGrace(Duration.ZERO)
            .build()
            .start();
    URI base = URI.create("http://127.0.0.1:" + server.port());
    return new Served() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public void close() {
        server.close();
      }
    };
  }
}
