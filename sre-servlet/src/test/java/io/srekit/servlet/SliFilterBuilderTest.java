package io.srekit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.health.HealthMonitor;
import io.srekit.sli.LatencySli;
import org.junit.jupiter.api.Test;

class SliFilterBuilderTest {

  private final LatencySli sli = LatencySli.builder("a").labelNames("method", "route").build();

  @Test
  void badParametersAreNamed() {
    assertThatThrownBy(() -> SliFilter.builder().build()).hasMessageStartingWith("sli:");
    assertThatThrownBy(() -> SliFilter.builder().sli(null).build())
        .hasMessageStartingWith("sli: must not be null");
    assertThatThrownBy(
            () ->
                SliFilter.builder()
                    .sli(sli)
                    .sli(LatencySli.builder("a").labelNames("route").build())
                    .build())
        .hasMessage("sli: two different SLIs named 'a'");
    assertThatThrownBy(
            () ->
                SliFilter.builder().sli(LatencySli.builder("b").labelNames("user").build()).build())
        .hasMessageStartingWith("sli:")
        .hasMessageEndingWith("has label 'user'");
    assertThatThrownBy(() -> SliFilter.builder().sli(sli).maxRoutes(0).build())
        .hasMessage("maxRoutes: must be in [1, 10000], was 0");
    assertThatThrownBy(() -> SliFilter.builder().sli(sli).clientAborts(null).build())
        .hasMessageStartingWith("clientAborts:");
  }

  @Test
  void theSameSliTwiceAndRouteOnlyLabelsAreFine() {
    SliFilter f =
        SliFilter.builder()
            .sli(sli)
            .sli(sli)
            .defaultSli(LatencySli.builder("c").labelNames("route").build())
            .build();
    assertThat(f.inFlight().counts()).containsOnlyKeys("unrecorded", "a", "c");
  }

  @Test
  void setupRejectsAGateTheMonitorDoesNotHave() {
    HealthMonitor m = HealthMonitor.builder().startupGates("servlet-context").build();
    assertThatThrownBy(() -> SreServletSetup.builder().build())
        .hasMessageStartingWith("router, sliFilter, health:");
    assertThatThrownBy(() -> SreServletSetup.builder().health(m).startupGate("nope").build())
        .hasMessageStartingWith("startupGate: not a gate")
        .hasMessageEndingWith("was 'nope'");
    assertThatThrownBy(
            () ->
                SreServletSetup.builder()
                    .router(null)
                    .startupGate("x")
                    .sliFilter(SliFilter.builder().sli(sli).build())
                    .build())
        .hasMessageStartingWith("startupGate: needs health");
    assertThat(
            SreServletSetup.builder()
                .health(m)
                .startupGate("servlet-context")
                .build()
                .startupGate())
        .isEqualTo("servlet-context");
  }
}
