package io.srekit.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The application under test: the same servlets and filter on Jetty and Tomcat. */
final class TestApp implements ServletContainerInitializer {

  /** What the next container's {@link Configurer} hands to srekit. */
  static volatile SreServletSetup setup;

  /** Requests the application's "auth" filter saw. */
  static final AtomicInteger authFilterCalls = new AtomicInteger();

  /** Counted down when {@link SlowServlet} has started writing / is waiting. */
  static volatile CountDownLatch slowEntered = new CountDownLatch(1);

  /** Released to let a waiting {@link HoldServlet} answer. */
  static volatile CountDownLatch holdRelease = new CountDownLatch(1);

  static volatile CountDownLatch holdEntered = new CountDownLatch(1);

  static void reset() {
    authFilterCalls.set(0);
    slowEntered = new CountDownLatch(1);
    holdRelease = new CountDownLatch(1);
    holdEntered = new CountDownLatch(1);
  }

  /** srekit's opt-in, as an application would write it. */
  public static final class Configurer implements SreServletConfigurer {
    public Configurer() {}

    @Override
    public SreServletSetup setup(ServletContext context) {
      return setup;
    }
  }

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext ctx) {
    ctx.addServlet("users", new UsersServlet()).addMapping("/users/*");
    var async = ctx.addServlet("async", new AsyncServlet());
    async.setAsyncSupported(true);
    async.addMapping("/async");
    ctx.addServlet("slow", new SlowServlet()).addMapping("/slow");
    ctx.addServlet("hold", new HoldServlet()).addMapping("/hold");
    ctx.addServlet("plain", new PlainServlet()).addMapping("/plain");
    ctx.addServlet("not-found", new NotFoundServlet()).addMapping("/");
    var auth = ctx.addFilter("auth", new AuthFilter());
    auth.setAsyncSupported(true);
    auth.addMappingForUrlPatterns(null, true, "/*");
  }

  /** Counts and lets everything through: stands for auth, session or tracing filters. */
  static final class AuthFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      authFilterCalls.incrementAndGet();
      chain.doFilter(req, res);
    }
  }

  /** {@code ?status=N} answers N; {@code ?throw} throws. */
  @Sli(value = "app_request", route = "/users/{id}")
  static final class UsersServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      if (req.getParameter("throw") != null) {
        throw new IllegalStateException("secret detail: boom");
      }
      int status =
          Integer.parseInt(req.getParameter("status") == null ? "200" : req.getParameter("status"));
      res.setStatus(status);
      res.setContentType("text/plain");
      res.getWriter().write("user " + status);
    }
  }

  /** {@code ?status=N} completes on another thread with N; {@code ?timeout} never completes. */
  @Sli("app_request")
  static final class AsyncServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) {
      AsyncContext async = req.startAsync();
      if (req.getParameter("timeout") != null) {
        async.setTimeout(200);
        return;
      }
      int status =
          Integer.parseInt(req.getParameter("status") == null ? "200" : req.getParameter("status"));
      async.start(
          () -> {
            try {
              HttpServletResponse r = (HttpServletResponse) async.getResponse();
              r.setStatus(status);
              r.getOutputStream().write(("async " + status).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
              // client gone
            } finally {
              async.complete();
            }
          });
    }
  }

  /** Writes until the client has gone (bounded by 20 s), letting the IOException propagate. */
  @Sli("app_request")
  static final class SlowServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("application/octet-stream");
      OutputStream out = res.getOutputStream();
      byte[] chunk = new byte[8192];
      out.write(chunk);
      out.flush();
      slowEntered.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        out.write(chunk);
        out.flush();
        try {
          Thread.sleep(5); // pacing a stream, not synchronisation
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Waits for {@link #holdRelease} (bounded), then answers 200. */
  @Sli("app_request")
  static final class HoldServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      holdEntered.countDown();
      try {
        holdRelease.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      res.getWriter().write("held");
    }
  }

  /** No annotation: the default SLI, if any. */
  static final class PlainServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write("plain");
    }
  }

  /** The application's fallback for unknown paths. */
  static final class NotFoundServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setStatus(404);
      res.getWriter().write("no such page");
    }
  }
}
