package io.srekit.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.LatencySli;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SloPageTest {

  private final MockClock clock = new MockClock();
  private final LatencySli sli =
      LatencySli.builder("page").latencyThreshold(0.5).quantiles(false).clock(clock).build();

  @Test
  void objectivesRenderExactlyFromTheirDecimal() {
    SloEngine engine =
        SloEngine.builder()
            .clock(clock)
            .slo(Slo.availability("six-nines", sli).objective("0.999999").build())
            .slo(Slo.availability("two-nines", sli).objective("0.990").build())
            .slo(Slo.latency("odd", sli, 0.5).objective("0.98765").build())
            .build();
    clock.add(10, TimeUnit.SECONDS);
    engine.tick();
    String html = SloPage.render(engine);
    assertThat(html)
        .contains("<b class=\"\">99.9999 %</b>objective")
        .contains("<b class=\"\">99 %</b>objective")
        .contains("<b class=\"\">98.765 %</b>objective")
        .contains("99.9999 % of requests")
        .doesNotContain("100.000 %")
        .doesNotContain("99.000 %");
  }
}
