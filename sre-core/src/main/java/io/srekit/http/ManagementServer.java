package io.srekit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A zero-dependency management server on the JDK's {@code com.sun.net.httpserver}, serving an
 * {@link HttpRouter} (probes, and later metrics) on its own port for services without a servlet
 * container.
 *
 * <pre>{@code
 * ManagementServer server = ManagementServer.builder(router).port(9090).build().start();
 * // on shutdown: health.drain(); server.close();
 * }</pre>
 *
 * <p>Sets {@code sun.net.httpserver.nodelay=true} (unless already set) before the first JDK server
 * is created: without it the JDK server delays each response on a kept-alive connection by ~40 ms
 * (Nagle's algorithm meeting delayed ACKs). The property is read once per JVM, so a JDK server
 * created earlier by someone else keeps its setting.
 */
public final class ManagementServer implements AutoCloseable {

  /** The JDK server property that disables Nagle's algorithm on accepted connections. */
  public static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  static {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  private final HttpRouter router;
  private final String host;
  private final int port;
  private final int threads;
  private final Duration stopGrace;
  private HttpServer server;
  private ExecutorService executor;

  private ManagementServer(Builder b) {
    this.router = b.router;
    this.host = b.host;
    this.port = b.port;
    this.threads = b.threads;
    this.stopGrace = b.stopGrace;
  }

  /** Starts a builder serving {@code router}. */
  public static Builder builder(HttpRouter router) {
    return new Builder(router);
  }

  /**
   * Binds and starts serving.
   *
   * @throws IOException if the port cannot be bound
   */
  public synchronized ManagementServer start() throws IOException {
    if (server != null) {
      return this;
    }
    HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 128);
    AtomicInteger n = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "srekit-management-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(executor);
    s.createContext("/", handler(router));
    s.start();
    server = s;
    return this;
  }

  /** The bound port (useful with port 0). */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress().getPort();
  }

  /** Stops accepting, lets exchanges in progress finish (up to the stop grace), then stops. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop((int) Math.max(0, stopGrace.toSeconds()));
      executor.shutdownNow();
      server = null;
    }
  }

  /**
   * A JDK-server handler for {@code router}, to mount srekit's endpoints on a server the
   * application already runs: {@code for (String p : router.paths()) server.createContext(p,
   * ManagementServer.handler(router));}. Paths the router does not know get 404.
   */
  public static com.sun.net.httpserver.HttpHandler handler(HttpRouter router) {
    return exchange -> serve(router, exchange);
  }

  private static void serve(HttpRouter router, HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse r = router.handle(new ExchangeRequest(exchange));
      var headers = exchange.getResponseHeaders();
      for (HttpHeader h : r.headers()) {
        headers.add(h.name(), h.value());
      }
      if ("HEAD".equals(exchange.getRequestMethod()) || r.bodyLength() == 0) {
        exchange.sendResponseHeaders(r.status(), -1);
      } else {
        exchange.sendResponseHeaders(r.status(), r.bodyLength());
        OutputStream out = exchange.getResponseBody();
        r.writeBody(out);
        out.flush();
      }
    }
  }

  /** An {@link HttpRequest} over an exchange, without copying. */
  private record ExchangeRequest(HttpExchange exchange) implements HttpRequest {
    @Override
    public String method() {
      return exchange.getRequestMethod();
    }

    @Override
    public String path() {
      return exchange.getRequestURI().getRawPath();
    }

    @Override
    public String query() {
      return exchange.getRequestURI().getRawQuery();
    }

    @Override
    public String header(String name) {
      return exchange.getRequestHeaders().getFirst(name);
    }
  }

  /** Builds a {@link ManagementServer}; {@link #build()} validates. */
  public static final class Builder {
    private final HttpRouter router;
    private String host = "0.0.0.0";
    private int port = 9090;
    private int threads = 4;
    private Duration stopGrace = Duration.ofSeconds(5);

    private Builder(HttpRouter router) {
      this.router = router;
    }

    /** Address to bind (default all interfaces). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Port (default 9090; 0 picks a free one). */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Request threads (default 4; a drain request holds one for the drain delay). */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /** How long {@link #close()} waits for exchanges in progress (default 5 s, whole seconds). */
    public Builder stopGrace(Duration stopGrace) {
      this.stopGrace = stopGrace;
      return this;
    }

    /**
     * Validates and builds (not started).
     *
     * @throws IllegalArgumentException naming the parameter and the bad value
     */
    public ManagementServer build() {
      if (router == null) {
        throw new IllegalArgumentException("router: must not be null");
      }
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("host: must not be blank, was '" + host + "'");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: must be in [0, 65535], was " + port);
      }
      if (threads < 2 || threads > 64) {
        throw new IllegalArgumentException("threads: must be in [2, 64], was " + threads);
      }
      if (stopGrace == null || stopGrace.isNegative()) {
        throw new IllegalArgumentException("stopGrace: must be >= 0, was " + stopGrace);
      }
      return new ManagementServer(this);
    }
  }
}
