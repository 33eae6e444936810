package io.srekit.spring.bench;

import io.srekit.spring.Sli;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application {@code benchmarks/spring-overhead.sh} loads with wrk: one trivial controller,
 * started as {@code plain} (no srekit, no {@code http.server.requests} observation), {@code srekit}
 * (sre-spring on, observation off) or {@code micrometer} (srekit off, Boot's {@code
 * http.server.requests} observation with a percentile histogram).
 *
 * <pre>{@code java -cp … io.srekit.spring.bench.OverheadApp srekit 18081}</pre>
 */
@SpringBootApplication
public class OverheadApp {

  @RestController
  static class Hello {
    @Sli("bench_request")
    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }

  /** Starts one variant: {@code <plain|srekit|micrometer> <port>}. */
  public static void main(String[] args) {
    String mode = args[0];
    List<String> props = new ArrayList<>();
    props.add("server.port=" + args[1]);
    props.add("server.address=127.0.0.1");
    props.add("spring.main.banner-mode=off");
    props.add("logging.level.root=warn");
    props.add("management.endpoints.web.exposure.include=prometheus");
    props.add("sre.slis.bench_request.buckets=0.001,0.005,0.01,0.05,0.1,0.5,1");
    switch (mode) {
      case "plain" -> {
        props.add("sre.enabled=false");
        props.add("management.observations.enable.http.server.requests=false");
      }
      case "srekit" -> props.add("management.observations.enable.http.server.requests=false");
      case "micrometer" -> {
        props.add("sre.enabled=false");
        props.add(
            "management.metrics.distribution.percentiles-histogram.http.server.requests=true");
      }
      default ->
          throw new IllegalArgumentException("mode: plain, srekit or micrometer, was " + mode);
    }
    new SpringApplicationBuilder(OverheadApp.class).properties(props.toArray(String[]::new)).run();
    System.out.println("ready " + mode);
  }
}
