package io.srekit.examples.userauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code target/user-auth.jar}, the artifact users run, as a process: a command run to completion,
 * or the service on a free port of 127.0.0.1 (stopped with SIGTERM, as Kubernetes would).
 */
final class UserAuthJar implements AutoCloseable {

  /** Built by {@code package}; integration tests run after it. */
  static final Path JAR = Path.of("target", "user-auth.jar");

  private final Process process;
  private final Path log;
  private final int port;

  private UserAuthJar(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** What a finished command printed. */
  record Result(int exitCode, String stdout, String stderr) {}

  private static List<String> command(String... args) {
    assertThat(JAR).as("%s is built by mvn package", JAR).exists();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs {@code java -jar user-auth.jar args} to completion (at most 60 s). */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    Process p =
        new ProcessBuilder(command(args))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("java -jar user-auth.jar %s finished within 60 s", List.of(args)).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Starts the service on a free port of 127.0.0.1 and waits until {@code /readyz} is 200. */
  static UserAuthJar start(Path dir, String... args) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server.port=" + port);
    all.add("--server.address=127.0.0.1");
    Path log = dir.resolve("user-auth.log");
    Process p =
        new ProcessBuilder(command(all.toArray(String[]::new)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    UserAuthJar jar = new UserAuthJar(p, log, port);
    try {
      Await.eventually(
          Duration.ofSeconds(90), "user-auth ready on " + port, () -> jar.readyz(), s -> s == 200);
    } catch (AssertionError e) {
      jar.close();
      throw new AssertionError(e.getMessage() + "\nuser-auth log:\n" + jar.log(), e);
    }
    return jar;
  }

  private int readyz() {
    assertThat(process.isAlive()).as("user-auth is running; log:\n%s", log()).isTrue();
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(base() + "/readyz"))
                  .timeout(Duration.ofSeconds(1))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  int port() {
    return port;
  }

  String base() {
    return "http://127.0.0.1:" + port;
  }

  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Sends SIGTERM (what the kubelet sends), without waiting. */
  void signalTerm() {
    process.destroy();
  }

  /** Waits (at most 40 s) for the process to exit; returns its exit code. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(40, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      signalTerm();
      awaitExit();
    }
  }
}
