package io.srekit.spring.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MockClock;
import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SeriesSnapshot;
import io.srekit.testing.Await;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Two SLIs on one fake clock: every request, sync and async, records exactly the time that passed
 * on the SLIs' clock while it was handled, in the SLI its handler names.
 */
@SpringBootTest(
    classes = {TestApp.class, SliClockHttpTest.Clocks.class},
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class SliClockHttpTest {

  static final Duration WAIT = Duration.ofSeconds(20);

  @LocalServerPort int port;

  @Autowired
  @Qualifier("usersSli")
  LatencySli users;

  @Autowired
  @Qualifier("searchSli")
  LatencySli search;

  /**
   * Lite configuration (no {@code @Configuration}), so {@link TestApp}'s component scan never picks
   * it up in the other tests; registered here through {@code classes}.
   */
  static class Clocks {

    final MockClock clock = new MockClock();

    @Bean
    LatencySli usersSli() {
      return LatencySli.builder("user_auth_request")
          .labelNames("method", "route")
          .buckets(0.05, 0.1, 0.25, 1)
          .clock(clock)
          .build();
    }

    @Bean
    LatencySli searchSli() {
      return LatencySli.builder("search_request")
          .labelNames("method", "route")
          .buckets(0.05, 0.1, 0.25, 1)
          .clock(clock)
          .build();
    }

    /**
     * Runs inside the SLI filter: lets a different amount of time pass per route while the request
     * is handled, so a request timed wrongly or recorded in the wrong SLI shows.
     */
    @Bean
    FilterRegistrationBean<Filter> clockAdvancingFilter() {
      Filter f =
          (req, res, chain) -> {
            String path = ((HttpServletRequest) req).getRequestURI();
            clock.add(Duration.ofMillis(path.equals("/search") ? 40 : 120));
            chain.doFilter(req, res);
          };
      FilterRegistrationBean<Filter> r = new FilterRegistrationBean<>(f);
      r.setOrder(0);
      r.addUrlPatterns("/search", "/users/*", "/callable/*");
      r.setDispatcherTypes(DispatcherType.REQUEST);
      r.setAsyncSupported(true);
      return r;
    }
  }

  @Test
  void timesEachRequestOnTheSlisClockIntoTheSliItsHandlerNames() throws Exception {
    Http http = new Http(port);

    assertThat(http.get("/users/1").statusCode()).isEqualTo(200);
    assertThat(http.get("/search").statusCode()).isEqualTo(200);
    assertThat(http.get("/callable/2").statusCode()).isEqualTo(200);

    Await.until(
        "three requests recorded",
        WAIT,
        () ->
            Http.count(users, "GET", "/users/{id}", Outcome.SUCCESS) == 1
                && Http.count(search, "GET", "/search", Outcome.SUCCESS) == 1
                && Http.count(users, "GET", "/callable/{id}", Outcome.SUCCESS) == 1);
    // exactly the time that passed on the clock: 120 ms, 40 ms, 120 ms (async)
    assertThat(success(users, "/users/{id}").sumSeconds()).isEqualTo(0.12);
    assertThat(success(search, "/search").sumSeconds()).isEqualTo(0.04);
    assertThat(success(users, "/callable/{id}").sumSeconds()).isEqualTo(0.12);
    // bounds 0.05, 0.1, 0.25, 1, +Inf: 120 ms in (0.1, 0.25], 40 ms in [0, 0.05]
    assertThat(success(users, "/users/{id}").cumulativeCounts()).containsExactly(0, 0, 1, 1, 1);
    assertThat(success(search, "/search").cumulativeCounts()).containsExactly(1, 1, 1, 1, 1);
    assertThat(users.snapshot().rejectedNegative()).isZero();
    assertThat(search.snapshot().rejectedNegative()).isZero();
  }

  private static HistogramCounts success(LatencySli sli, String route) {
    for (SeriesSnapshot s : sli.snapshot().series()) {
      if (s.labelValues().equals(List.of("GET", route))) {
        return s.counts(Outcome.SUCCESS);
      }
    }
    throw new AssertionError("no series (GET, " + route + ") on " + sli.name());
  }
}
