package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteSeriesTest {

  private final LatencySli sli =
      LatencySli.builder("req").labelNames("method", "route").buckets(0.1, 1).build();

  @Test
  void resolvesOneSeriesPerMethodAndKeepsTheHandle() {
    RouteSeries users = RouteSeries.of(sli, "/users/{id}");

    SliSeries get = users.series("GET");

    assertThat(get.labelValues()).containsExactly("GET", "/users/{id}");
    assertThat(users.series("GET")).isSameAs(get);
    assertThat(users.series("POST").labelValues()).containsExactly("POST", "/users/{id}");
  }

  @Test
  void putsUnknownAndMissingMethodsOnTheOtherSeries() {
    RouteSeries root = RouteSeries.of(sli, "/");

    assertThat(root.series("BREW").labelValues()).containsExactly("_OTHER", "/");
    assertThat(root.series((String) null)).isSameAs(root.series("PROPFIND"));
    assertThat(RouteSeries.methodLabel(RouteSeries.methodIndex("PATCH"))).isEqualTo("PATCH");
  }

  @Test
  void namesTheNullParameter() {
    assertThatThrownBy(() -> RouteSeries.of(null, "/")).hasMessageContaining("sli");
    assertThatThrownBy(() -> RouteSeries.of(sli, null)).hasMessageContaining("route");
  }
}
