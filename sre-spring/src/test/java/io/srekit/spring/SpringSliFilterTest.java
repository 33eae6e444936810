package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MockClock;
import io.srekit.health.InFlightRequests;
import io.srekit.sli.ClientAbortPolicy;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.RouteSeries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SpringSliFilterTest {

  private static LatencySli sli(String name, Clock clock) {
    return LatencySli.builder(name).labelNames("method", "route").clock(clock).build();
  }

  @Test
  void timesOnTheClockEverySliShares() throws Exception {
    MockClock clock = new MockClock();
    LatencySli a = sli("a", clock);
    SpringSliFilter filter =
        new SpringSliFilter(
            List.of(a, sli("b", clock)), InFlightRequests.create(), ClientAbortPolicy.INVALID);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
    request.setAttribute(SpringSliFilter.ROUTE_ATTRIBUTE, RouteSeries.of(a, "/x"));

    filter.doFilter(
        request,
        new MockHttpServletResponse(),
        new MockFilterChain() {
          @Override
          public void doFilter(
              jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
            clock.add(Duration.ofMillis(30));
          }
        });

    assertThat(a.snapshot().series())
        .singleElement()
        .satisfies(s -> assertThat(s.counts(Outcome.SUCCESS).sumSeconds()).isEqualTo(0.03));
  }

  @Test
  void rejectsSlisOnDifferentClocksNamingThem() {
    List<LatencySli> slis = List.of(sli("a", new MockClock()), sli("b", Clock.SYSTEM));
    assertThatThrownBy(
            () -> new SpringSliFilter(slis, InFlightRequests.create(), ClientAbortPolicy.INVALID))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("every SLI must use the same clock; 'a' and 'b' differ");
  }

  @Test
  void failsStartupOnSliBeansWithDifferentClocksNamingTheProperty() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SreAutoConfiguration.class))
        .withBean("a", LatencySli.class, () -> sli("a", new MockClock()))
        .withBean("b", LatencySli.class, () -> sli("b", Clock.SYSTEM))
        .run(
            ctx -> {
              assertThat(ctx).hasFailed();
              StringBuilder m = new StringBuilder();
              for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                m.append(t.getMessage()).append('\n');
              }
              assertThat(m.toString()).contains("sre.slis: slis: requests are timed before");
            });
  }
}
