package io.srekit.examples.userauth;

import io.srekit.sli.LatencySli;
import io.srekit.sli.QuantileSnapshot;
import io.srekit.slo.BurnRateAlert;
import io.srekit.slo.PromDuration;
import io.srekit.slo.SloEngine;
import io.srekit.slo.SloStatus;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code --demo}: user-auth drives its own traffic (mixed valid and invalid logins from a few
 * closed-loop clients), stays calm, then gets a latency incident injected (half the logins take 700
 * ms), then recovers. Every few seconds it prints one status line — request rate, exact p99, budget
 * left and 5 m / 1 h burn rates per SLO, alert state — so the page alert of the latency SLO can be
 * watched firing and resolving. It stops by itself once the alert has resolved (or after {@code
 * maxDuration}, or on Ctrl-C) and prints a summary.
 */
final class Demo {

  private static final String[][] LOGINS = {
    {"alice", "wonderland"},
    {"bob", "builder"},
    {"carol", "christmas"},
    {"alice", "wrong"},
    {"mallory", "x"}
  };

  /** Logins per second the demo sends. */
  static final int RATE = 200;

  private static final int CLIENTS = 64;

  private static final Duration RAMP = Duration.ofSeconds(5);

  private final int port;
  private final SloEngine engine;
  private final LatencySli sli;
  private final PrintStream out;
  private final Duration calm;
  private final Duration incident;
  private final Duration maxDuration;
  private final Duration statusEvery;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();

  Demo(
      int port,
      SloEngine engine,
      LatencySli sli,
      PrintStream out,
      Duration calm,
      Duration incident,
      Duration maxDuration,
      Duration statusEvery) {
    this.port = port;
    this.engine = engine;
    this.sli = sli;
    this.out = out;
    this.calm = calm;
    this.incident = incident;
    this.maxDuration = maxDuration;
    this.statusEvery = statusEvery;
  }

  /** Runs the demo; returns whether the page alert fired and resolved. */
  boolean run() throws Exception {
    String base = "http://127.0.0.1:" + port;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    for (int i = 0; i < CLIENTS; i++) {
      // Clients join over the first RAMP, so a cold JVM is not hit by all of them at once.
      long delay = RAMP.toNanos() * i / CLIENTS;
      clients.submit(() -> drive(base, delay));
    }
    out.printf(
        "srekit demo: user-auth on %s — /slo in a browser shows the same. Calm %ds, then half the logins"
            + " take 700 ms for %ds, then recovery.%n",
        base, calm.toSeconds(), incident.toSeconds());
    long start = System.nanoTime();
    long lastSent = 0;
    long lastStatus = start;
    boolean injected = false;
    boolean recovered = false;
    boolean fired = false;
    boolean resolved = false;
    try {
      while (running.get()) {
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - start);
        if (!injected && elapsed.compareTo(calm) >= 0) {
          control(client, "POST", base + "/admin/faults?latencyMs=700&fraction=0.5");
          out.println(">>> incident: half the logins now take 700 ms");
          injected = true;
        }
        if (injected && !recovered && elapsed.compareTo(calm.plus(incident)) >= 0) {
          control(client, "DELETE", base + "/admin/faults");
          out.println(">>> recovered: faults cleared");
          recovered = true;
        }
        boolean paging = fastPageFiring();
        fired |= paging;
        if (fired && recovered && !paging) {
          resolved = true;
        }
        if (now - lastStatus >= statusEvery.toNanos()) {
          long total = sent.sum();
          out.println(statusLine(elapsed, (total - lastSent) / ((now - lastStatus) / 1e9)));
          lastSent = total;
          lastStatus = now;
        }
        if (resolved || elapsed.compareTo(maxDuration) >= 0) {
          break;
        }
        LockSupport.parkNanos(200_000_000L);
      }
    } finally {
      running.set(false);
      clients.shutdownNow();
      clients.awaitTermination(5, TimeUnit.SECONDS);
    }
    out.printf(
        "summary: %d requests (%d failed to send) in %ds; the 1h/5m page of user-auth-latency %s"
            + " (slower pairs may still fire: their short windows still hold the incident).%n",
        sent.sum(),
        failed.sum(),
        Duration.ofNanos(System.nanoTime() - start).toSeconds(),
        fired ? (resolved ? "fired and resolved" : "fired, still firing") : "never fired");
    for (SloStatus s : engine.statuses()) {
      out.printf(Locale.ROOT, "  %-24s budget left %s%n", s.slo().name(), percent(s.remaining()));
    }
    return fired && resolved;
  }

  /** Whether the latency SLO's fast page (1h/5m) is firing: the one a newcomer watches. */
  private boolean fastPageFiring() {
    SloStatus s = engine.status("user-auth-latency");
    if (s == null) {
      return false;
    }
    for (SloStatus.AlertState a : s.alerts()) {
      if (a.alert().severity() == BurnRateAlert.Severity.PAGE
          && a.alert().longWindow().equals(Duration.ofHours(1))) {
        return a.firing();
      }
    }
    return false;
  }

  void stop() {
    running.set(false);
  }

  /**
   * One of {@link #CLIENTS} paced clients: a login every {@code CLIENTS / RATE} seconds, or as soon
   * as the previous one returns when the service is slower than that.
   */
  private void drive(String base, long delayNanos) {
    long period = 1_000_000_000L * CLIENTS / RATE;
    long next = System.nanoTime() + delayNanos + ThreadLocalRandom.current().nextLong(period);
    while (running.get() && !Thread.currentThread().isInterrupted()) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      next = Math.max(next + period, System.nanoTime() - period);
      String[] login = LOGINS[ThreadLocalRandom.current().nextInt(LOGINS.length)];
      try {
        post(
            base + "/login",
            "{\"username\":\"" + login[0] + "\",\"password\":\"" + login[1] + "\"}");
        sent.increment();
      } catch (java.io.IOException e) {
        failed.increment();
      }
    }
  }

  /** One POST over the JDK's keep-alive connection pool; the body is read to the end. */
  private static int post(String uri, String body) throws java.io.IOException {
    java.net.HttpURLConnection c =
        (java.net.HttpURLConnection) URI.create(uri).toURL().openConnection();
    c.setRequestMethod("POST");
    c.setDoOutput(true);
    c.setRequestProperty("Content-Type", "application/json");
    c.setConnectTimeout(2000);
    c.setReadTimeout(5000);
    try (java.io.OutputStream o = c.getOutputStream()) {
      o.write(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    int status = c.getResponseCode();
    try (java.io.InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
    return status;
  }

  private static void control(HttpClient client, String method, String uri) throws Exception {
    client.send(
        HttpRequest.newBuilder(URI.create(uri))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private String statusLine(Duration elapsed, double rate) {
    engine.tick();
    QuantileSnapshot q = sli.quantiles(Duration.ofMinutes(1));
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "t=%3ds  %4.0f req/s  p99(1m) %6.1f ms",
            elapsed.toSeconds(),
            rate,
            Double.isNaN(q.p99()) ? 0 : q.p99() * 1000));
    for (SloStatus s : engine.statuses()) {
      sb.append(
          String.format(
              Locale.ROOT,
              " | %s: budget %s burn5m %s burn1h %s",
              s.slo().kind().label(),
              percent(s.remaining()),
              rate(s, "5m"),
              rate(s, "1h")));
      for (SloStatus.AlertState a : s.alerts()) {
        if (a.firing()) {
          sb.append(" ")
              .append(a.alert().severity().label().toUpperCase(Locale.ROOT))
              .append(' ')
              .append(PromDuration.format(a.alert().longWindow()))
              .append('/')
              .append(PromDuration.format(a.alert().shortWindow()))
              .append(" FIRING");
        }
      }
    }
    return sb.toString();
  }

  private static String rate(SloStatus s, String window) {
    double b = s.windows().get(window).burnRate();
    return Double.isNaN(b) ? "  –  " : String.format(Locale.ROOT, "%5.1f", b);
  }

  private static String percent(double r) {
    return Double.isNaN(r) ? "no data" : String.format(Locale.ROOT, "%6.1f%%", r * 100);
  }
}
