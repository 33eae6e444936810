package io.srekit.benchmarks;

import io.srekit.health.CheckResult;
import io.srekit.health.CheckSpec;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthStatus;
import io.srekit.http.HttpRequest;
import io.srekit.http.HttpResponse;
import io.srekit.http.HttpRouter;
import io.srekit.http.ProbeEndpoints;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;

/**
 * Answering one readiness probe, no network: srekit reads the snapshot and returns the precomputed
 * response through the framework-neutral router ({@code router.handle} + {@code writeBody}), next
 * to Spring Boot's {@code HealthEndpoint} running one trivial {@code HealthIndicator} inline and
 * mapping the status to an HTTP code, in the same run. Spring's web layer (JSON serialisation, MVC)
 * is not included, which favours Spring.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ProbeBenchmark {

  private HealthMonitor monitor;
  private HttpRouter router;
  private HttpRequest readyz;
  private HttpRequest readyzVerbose;
  private HttpRequest readyzJson;
  private final CountingStream sink = new CountingStream();

  private HealthEndpoint springEndpoint;
  private HttpCodeStatusMapper springMapper;

  /** Discards bytes, keeping a count so the write cannot be removed. */
  static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  @Setup(Level.Trial)
  public void setup() {
    monitor =
        HealthMonitor.builder()
            .check(
                CheckSpec.builder("ping", CheckResult::pass)
                    // one result, then quiet: the run measures probes, not snapshot churn
                    .interval(Duration.ofHours(1))
                    .build())
            .build();
    monitor.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (monitor.snapshot().readiness().status() != HealthStatus.PASS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("srekit readiness never passed");
      }
      LockSupport.parkNanos(1_000_000);
    }
    router =
        HttpRouter.builder().endpoints(ProbeEndpoints.builder(monitor).build().endpoints()).build();
    readyz = HttpRequest.of("GET", "/readyz", null, Map.of());
    readyzVerbose = HttpRequest.of("GET", "/readyz", "verbose", Map.of());
    readyzJson =
        HttpRequest.of("GET", "/readyz", null, Map.of("Accept", "application/health+json"));

    HealthIndicator ping = () -> Health.up().build();
    DefaultHealthContributorRegistry registry = new DefaultHealthContributorRegistry();
    registry.registerContributor("ping", ping);
    StatusAggregator aggregator = new SimpleStatusAggregator();
    springMapper = new SimpleHttpCodeStatusMapper();
    HealthEndpointGroup primary =
        new HealthEndpointGroup() {
          @Override
          public boolean isMember(String name) {
            return true;
          }

          @Override
          public boolean showComponents(SecurityContext securityContext) {
            return true;
          }

          @Override
          public boolean showDetails(SecurityContext securityContext) {
            return false;
          }

          @Override
          public StatusAggregator getStatusAggregator() {
            return aggregator;
          }

          @Override
          public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return springMapper;
          }

          @Override
          public AdditionalHealthEndpointPath getAdditionalPath() {
            return null;
          }
        };
    springEndpoint =
        new HealthEndpoint(
            registry, null, HealthEndpointGroups.of(primary, Map.of()), Duration.ofSeconds(10));
    if (springReadyz() != 200 || srekitReadyz() != 200) {
      throw new IllegalStateException("both sides must answer 200");
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    monitor.close();
  }

  /** srekit: snapshot read, precomputed {@code ok} response, body written. */
  @Benchmark
  public int srekitReadyz() {
    return write(router.handle(readyz));
  }

  /** srekit {@code ?verbose} (Kubernetes format), precomputed per snapshot. */
  @Benchmark
  public int srekitReadyzVerbose() {
    return write(router.handle(readyzVerbose));
  }

  /** srekit {@code Accept: application/health+json}, precomputed per snapshot. */
  @Benchmark
  public int srekitReadyzHealthJson() {
    return write(router.handle(readyzJson));
  }

  /** Spring Boot 4 {@code HealthEndpoint.health()} with one trivial indicator, status mapped. */
  @Benchmark
  public int springReadyz() {
    HealthDescriptor d = springEndpoint.health();
    return springMapper.getStatusCode(d.getStatus());
  }

  private int write(HttpResponse r) {
    try {
      r.writeBody(sink);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return r.status();
  }
}
