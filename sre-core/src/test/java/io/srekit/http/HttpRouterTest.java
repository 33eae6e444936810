package io.srekit.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpRouterTest {

  private static HttpRequest get(String path) {
    return HttpRequest.of("GET", path, null, Map.of());
  }

  @Test
  void addingAnEndpointIsOneCallAndMatchingIsExact() {
    HttpRouter r =
        HttpRouter.builder().endpoint("/metrics", req -> HttpResponse.text(200, "m")).build();
    assertThat(r.handle(get("/metrics")).bodyText()).isEqualTo("m");
    assertThat(r.handle(get("/metrics/")).status()).isEqualTo(404);
    assertThat(r.handle(get("/METRICS")).status()).isEqualTo(404);
    assertThat(r.matches("/metrics")).isTrue();
    assertThat(r.matches("/metric")).isFalse();
  }

  @Test
  void otherMethodsGet405WithAllowListingTheEndpointsMethods() {
    HttpEndpoint drain =
        new HttpEndpoint() {
          @Override
          public HttpResponse handle(HttpRequest request) {
            return HttpResponse.text(200, "x");
          }

          @Override
          public Set<String> methods() {
            return Set.of("POST");
          }
        };
    HttpRouter r = HttpRouter.builder().endpoint("/drain", drain).build();
    HttpResponse res = r.handle(get("/drain"));
    assertThat(res.status()).isEqualTo(405);
    assertThat(res.header("Allow")).isEqualTo("POST");
    assertThat(res.header("Cache-Control")).isEqualTo("no-store");
  }

  @Test
  void throwingEndpointGets500WithoutExceptionText() {
    HttpRouter r =
        HttpRouter.builder()
            .endpoint(
                "/boom",
                req -> {
                  throw new IllegalStateException("secret host db.internal");
                })
            .build();
    HttpResponse res = r.handle(get("/boom"));
    assertThat(res.status()).isEqualTo(500);
    assertThat(res.bodyText()).isEqualTo("internal error");
  }

  @Test
  void badOrDuplicatePathsAreRejectedAtBuild() {
    HttpEndpoint e = req -> HttpResponse.text(200, "");
    assertThatThrownBy(() -> HttpRouter.builder().endpoint("livez", e))
        .hasMessage(
            "path: must start with '/' and have no query, fragment, '..' or '//', was 'livez'");
    assertThatThrownBy(() -> HttpRouter.builder().endpoint("/a?b", e))
        .hasMessageEndingWith("was '/a?b'");
    assertThatThrownBy(() -> HttpRouter.builder().endpoint("/a", e).endpoint("/a", e))
        .hasMessage("path: duplicate '/a'");
  }

  @Test
  void queryParametersAreDecodedAndRepeatable() {
    HttpRequest r = HttpRequest.of("GET", "/readyz", "verbose&exclude=db&exclude=a%2Db", Map.of());
    assertThat(r.queryParameters("exclude")).containsExactly("db", "a-b");
    assertThat(r.hasQueryParameter("verbose")).isTrue();
    assertThat(r.hasQueryParameter("x")).isFalse();
  }

  @Test
  void aGroupCanBeMountedUnderAPrefix() {
    HttpRouter r =
        HttpRouter.builder()
            .endpoints(
                "/internal", java.util.Map.of("/readyz", req -> HttpResponse.text(200, "ok")))
            .build();
    assertThat(r.matches("/internal/readyz")).isTrue();
    assertThat(r.matches("/readyz")).isFalse();
    assertThatThrownBy(() -> HttpRouter.builder().endpoints("internal/", java.util.Map.of()))
        .hasMessageStartingWith("prefix:");
  }
}
