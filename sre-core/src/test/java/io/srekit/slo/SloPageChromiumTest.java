package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.srekit.testing.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code /slo} page in a real browser: headless Chromium loads it, the DOM it builds has both
 * charts with data points and the alert table, and a screenshot is kept in {@code
 * sre-core/target/slo-page.png}.
 */
class SloPageChromiumTest {

  private static final String[] CHROMIUM_FLAGS = {
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars"
  };

  @Test
  void pageRendersChartsWithDataPointsInChromium(@TempDir Path dir) throws Exception {
    Path chromium = ExternalTools.require("chromium", "chromium");
    SloFixtures f = new SloFixtures();
    f.run(7 * 60, 0.0005, 0.002); // 7 hours of mostly good traffic
    f.run(12, 0.05, 0.5); // an incident: 5 % errors, half the logins slow
    f.run(20, 0.0005, 0.002);
    String html = SloPage.render(f.engine);
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
    Path page = dir.resolve("slo.html");
    Files.writeString(page, html);

    String[] dump = command(chromium, dir, "--dump-dom", page.toUri().toString());
    ExternalTools.Result dom = ExternalTools.run(120, dump);
    assertThat(dom.exitCode()).as(dom.output()).isZero();
    String text = dom.output();
    assertThat(count(text, "<section class=\"slo\"")).isEqualTo(2);
    assertThat(count(text, "class=\"chart chart-budget\"")).isEqualTo(2);
    assertThat(count(text, "class=\"chart chart-burn\"")).isEqualTo(2);
    // Each chart on its own: a budget burndown and a burn-rate chart per SLO, each with dozens of
    // data points (the burn chart: 5-minute steps over the last 6 hours, so 72), so an empty
    // chart fails even if the others are full.
    assertThat(pointsPerChart(text, "budget"))
        .hasSize(2)
        .allSatisfy(n -> assertThat(n).isGreaterThan(30));
    assertThat(pointsPerChart(text, "burn"))
        .hasSize(2)
        .allSatisfy(n -> assertThat(n).isBetween(60, 73));
    assertThat(text)
        .contains("99.9 %")
        .contains("login-latency")
        .contains("firing")
        .contains("p99.9");

    Path target = Path.of("target", "slo-page.png").toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    String[] shot =
        command(
            chromium,
            dir,
            "--screenshot=" + target,
            "--window-size=1000,2200",
            page.toUri().toString());
    ExternalTools.Result screenshot = ExternalTools.run(120, shot);
    assertThat(screenshot.exitCode()).as(screenshot.output()).isZero();
    assertThat(Files.size(target)).isGreaterThan(20_000L);
  }

  private static String[] command(Path chromium, Path dir, String... args) {
    String[] cmd = new String[1 + CHROMIUM_FLAGS.length + 1 + args.length];
    cmd[0] = chromium.toString();
    System.arraycopy(CHROMIUM_FLAGS, 0, cmd, 1, CHROMIUM_FLAGS.length);
    cmd[1 + CHROMIUM_FLAGS.length] = "--user-data-dir=" + dir.resolve("profile");
    System.arraycopy(args, 0, cmd, 2 + CHROMIUM_FLAGS.length, args.length);
    return cmd;
  }

  /** The number of data points in each chart of {@code kind}, in page order. */
  private static java.util.List<Integer> pointsPerChart(String dom, String kind) {
    java.util.List<Integer> out = new java.util.ArrayList<>();
    Matcher m =
        Pattern.compile("<svg class=\"chart chart-" + kind + "\"(.*?)</svg>", Pattern.DOTALL)
            .matcher(dom);
    while (m.find()) {
      out.add(count(m.group(1), "<circle class=\"point\""));
    }
    return out;
  }

  private static int count(String text, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
