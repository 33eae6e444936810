package io.srekit.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds external tools (promtool, prometheus) for tests. Locally a missing tool skips the test with
 * a message saying how to install it; under {@code CI=true} it fails, so a missing install step in
 * {@code .ci/run} cannot hide behind a skip.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /** The path of {@code tool} on PATH; skips (locally) or fails (CI) when it is missing. */
  public static Path require(String tool, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, tool);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String message =
        tool
            + " is not on PATH: install it with 'apt-get install -y --no-install-recommends "
            + debianPackage
            + "' (.ci/run does)";
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(message + "; CI=true, so this is a failure, not a skip");
    }
    Assumptions.abort(message);
    return null;
  }

  /** Result of a finished process. */
  public record Result(int exitCode, String output) {}

  /** Runs a command to completion (bounded by {@code timeoutSeconds}) and returns its output. */
  public static Result run(long timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(command));
    // Output goes to a file, not a pipe: a tool writing more than a pipe buffer would block.
    Path log = Files.createTempFile("srekit-tool", ".log");
    try {
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      assertThat(done).as("%s finished within %d s", cmd, timeoutSeconds).isTrue();
      String out = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(p.exitValue(), out);
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
