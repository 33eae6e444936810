package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.srekit.sli.Outcome;
import io.srekit.sli.RouteSeries;
import io.srekit.sli.SliSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

class SliHandlerInterceptorTest {

  @Sli("user_auth_request")
  static class Annotated {
    public String user() {
      return "u";
    }

    @Sli(value = "user_auth_request", route = "/login")
    public String login() {
      return "l";
    }
  }

  static class Plain {
    public String any() {
      return "a";
    }
  }

  static class Unknown {
    @Sli("nope")
    public String x() {
      return "x";
    }
  }

  private final SreDefinitions definitions = definitions();

  private static SreDefinitions definitions() {
    SreProperties p = new SreProperties();
    p.getSlis().put("user_auth_request", new SreProperties.SliProperties());
    return SreDefinitions.of(p, List.of(), List.of());
  }

  private static RouteSeries preHandle(
      SliHandlerInterceptor interceptor, Object handler, String method, String pattern) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/ignored/raw/uri");
    request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
    assertThat(interceptor.preHandle(request, new MockHttpServletResponse(), handler)).isTrue();
    return (RouteSeries) request.getAttribute(SpringSliFilter.ROUTE_ATTRIBUTE);
  }

  @Test
  void resolvesTheClassAnnotationAndThePatternOnceAndReusesTheHandle() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod user = new HandlerMethod(new Annotated(), Annotated.class.getMethod("user"));

    RouteSeries first = preHandle(interceptor, user, "GET", "/users/{id}");
    RouteSeries again = preHandle(interceptor, user, "GET", new String("/users/{id}"));

    assertThat(first.route()).isEqualTo("/users/{id}");
    assertThat(again).isSameAs(first);
    assertThat(first.series("GET").labelValues()).containsExactly("GET", "/users/{id}");
    assertThat(interceptor.routeCount()).isEqualTo(1);
  }

  @Test
  void preparesTheSeriesOfAnnotatedRoutesAtZeroBeforeAnyRequest() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    Annotated bean = new Annotated();
    Map<RequestMappingInfo, HandlerMethod> mappings = new LinkedHashMap<>();
    HandlerMethod user = new HandlerMethod(bean, Annotated.class.getMethod("user"));
    mappings.put(
        RequestMappingInfo.paths("/users/{id}", "/v2/users/{id}")
            .methods(RequestMethod.GET, RequestMethod.HEAD)
            .build(),
        user);
    mappings.put(
        RequestMappingInfo.paths("/v1/login").methods(RequestMethod.POST).build(),
        new HandlerMethod(bean, Annotated.class.getMethod("login")));
    mappings.put(
        RequestMappingInfo.paths("/any").build(),
        new HandlerMethod(new Plain(), Plain.class.getMethod("any")));

    interceptor.prepare(mappings);

    SliSnapshot snap = definitions.sli("user_auth_request").snapshot();
    assertThat(snap.series())
        .extracting(sr -> String.join(" ", sr.labelValues()))
        .containsExactlyInAnyOrder(
            "GET /users/{id}",
            "HEAD /users/{id}",
            "GET /v2/users/{id}",
            "HEAD /v2/users/{id}",
            "POST /login");
    assertThat(snap.series())
        .allSatisfy(sr -> assertThat(sr.counts(Outcome.SUCCESS).count()).isZero());
    // a request later (the same handler method, as Spring's registry hands it out) finds it
    assertThat(preHandle(interceptor, user, "GET", "/users/{id}").series("GET"))
        .isSameAs(definitions.sli("user_auth_request").series("GET", "/users/{id}"));
    assertThat(interceptor.routeCount()).isEqualTo(3);
  }

  @Test
  void letsTheMethodAnnotationsRouteOverrideThePattern() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod login = new HandlerMethod(new Annotated(), Annotated.class.getMethod("login"));

    assertThat(preHandle(interceptor, login, "POST", "/v1/login").route()).isEqualTo("/login");
  }

  @Test
  void staysWithinItsBoundAndStillResolvesPastIt() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 3);
    HandlerMethod user = new HandlerMethod(new Annotated(), Annotated.class.getMethod("user"));

    for (int i = 0; i < 100; i++) {
      RouteSeries r = preHandle(interceptor, user, "GET", "/p" + i);
      assertThat(r.route()).isEqualTo("/p" + i);
    }

    assertThat(interceptor.routeCount()).isEqualTo(3);
  }

  @Test
  void leavesUnannotatedHandlersUnrecordedWithoutADefaultSli() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod plain = new HandlerMethod(new Object(), Object.class.getMethod("toString"));

    assertThat(preHandle(interceptor, plain, "GET", "/plain")).isNull();
    assertThat(preHandle(interceptor, new Object(), "GET", "/**")).isNull();
  }

  @Test
  void rejectsAnAnnotationNamingAnUnknownSli() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod x = new HandlerMethod(new Unknown(), Unknown.class.getMethod("x"));

    assertThatThrownBy(() -> interceptor.validate(List.of(x)))
        .hasMessageContaining("'nope'")
        .hasMessageContaining("sre.slis.nope");
  }

  @Test
  void resolvesHandlersGivenAtStartupWithoutReadingAnnotationsAgain() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod registered =
        new HandlerMethod(new Annotated(), Annotated.class.getMethod("user"));
    interceptor.validate(List.of(registered));
    // What Spring hands the interceptor per request: a copy of the registered handler method,
    // same Method object.
    HandlerMethod perRequest = new HandlerMethod(registered) {};

    RouteSeries r = preHandle(interceptor, perRequest, "GET", "/users/{id}");

    assertThat(r.series("GET").labelValues()).containsExactly("GET", "/users/{id}");
    assertThat(interceptor.routeCount()).isEqualTo(1);
  }

  @Test
  void givesAMethodWithAnSliRouteOneSeriesWhateverPatternMatched() throws Exception {
    SliHandlerInterceptor interceptor = new SliHandlerInterceptor(definitions, 16);
    HandlerMethod login = new HandlerMethod(new Annotated(), Annotated.class.getMethod("login"));
    interceptor.validate(List.of(login));

    RouteSeries first = preHandle(interceptor, login, "POST", "/v1/login");
    RouteSeries second = preHandle(interceptor, login, "POST", "/v2/login");
    RouteSeries noPattern = preHandle(interceptor, login, "POST", null);

    assertThat(second).isSameAs(first);
    assertThat(noPattern).isSameAs(first);
    assertThat(first.route()).isEqualTo("/login");
    assertThat(interceptor.routeCount()).isEqualTo(1);
  }
}
