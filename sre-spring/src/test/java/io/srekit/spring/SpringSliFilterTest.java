package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SpringSliFilterTest {

  private static LatencySli sli(String name, Clock clock) {
    return LatencySli.builder(name).labelNames("method", "route").clock(clock).build();
  }

  @Test
  void readsOneClockPerRequestEndWhenEverySliSharesIt() {
    List<LatencySli> slis = List.of(sli("a", Clock.SYSTEM), sli("b", Clock.SYSTEM));

    SpringSliFilter filter =
        new SpringSliFilter(slis, InFlightRequests.create(), ClientAbortPolicy.INVALID);

    assertThat(filter.clockCount()).isEqualTo(1);
    assertThat(
            new SpringSliFilter(List.of(), InFlightRequests.create(), ClientAbortPolicy.INVALID)
                .clockCount())
        .isEqualTo(1);
  }

  @Test
  void timesARouteOfAnSliItWasNotGivenOnItsFirstClock() throws Exception {
    MockClock known = new MockClock();
    MockClock foreign = new MockClock();
    LatencySli other = sli("other", foreign);
    SpringSliFilter filter =
        new SpringSliFilter(
            List.of(sli("a", known), sli("b", new MockClock())),
            InFlightRequests.create(),
            ClientAbortPolicy.INVALID);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/x");
    request.setAttribute(SpringSliFilter.ROUTE_ATTRIBUTE, RouteSeries.of(other, "/x"));

    filter.doFilter(
        request,
        new MockHttpServletResponse(),
        new MockFilterChain() {
          @Override
          public void doFilter(
              jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
            known.add(Duration.ofMillis(30));
            foreign.add(Duration.ofMillis(900));
          }
        });

    assertThat(other.snapshot().series())
        .singleElement()
        .satisfies(s -> assertThat(s.counts(Outcome.SUCCESS).sumSeconds()).isEqualTo(0.03));
  }
}
