package io.srekit.spring;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.srekit.health.DrainCoordinator;
import io.srekit.health.HealthMonitor;
import io.srekit.health.HealthMonitorBuilder;
import io.srekit.health.InFlightRequests;
import io.srekit.http.HttpRouter;
import io.srekit.http.MetricsEndpoint;
import io.srekit.http.ProbeEndpoints;
import io.srekit.http.SloEndpoint;
import io.srekit.metrics.SliMeterBinder;
import io.srekit.metrics.SloMeterBinder;
import io.srekit.servlet.SreEndpointsFilter;
import io.srekit.sli.LatencySli;
import io.srekit.slo.Slo;
import io.srekit.slo.SloEngine;
import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * srekit on a Spring MVC application: SLIs and SLOs from {@code sre.*}, the SLO engine, the health
 * monitor, probes, {@code /slo} and (without Actuator's Prometheus endpoint) {@code /metrics} on
 * the main port, the SLI filter and interceptor, Micrometer binders, and the drain lifecycle. Every
 * bean backs off when the application defines its own; {@code sre.enabled=false} turns it all off;
 * a non-web application gets nothing.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration",
      "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnProperty(
    prefix = "sre",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SreProperties.class)
@Import(SreHealthConfiguration.class)
public class SreAutoConfiguration {

  /** Actuator's own probe paths on the main port, which would shadow or double ours. */
  public static final String ACTUATOR_ADDITIONAL_PATHS =
      "management.endpoint.health.probes.add-additional-paths";

  private static final String HEALTH_INDICATOR =
      "org.springframework.boot.health.contributor.HealthIndicator";

  private static final String PROMETHEUS_SCRAPE_ENDPOINT =
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint";

  /**
   * Fails if Actuator's additional probe paths would be served next to ours.
   *
   * @throws IllegalStateException saying which property to turn off
   */
  public SreAutoConfiguration(Environment environment, SreProperties properties) {
    boolean actuatorPaths =
        environment.getProperty(ACTUATOR_ADDITIONAL_PATHS, Boolean.class, Boolean.FALSE);
    String prefix = properties.getProbes().getPrefix();
    if (actuatorPaths
        && properties.getProbes().isEnabled()
        && (prefix == null || prefix.isEmpty() || prefix.equals("/"))) {
      throw new IllegalStateException(
          "srekit serves /livez and /readyz on the main port, and "
              + ACTUATOR_ADDITIONAL_PATHS
              + "=true makes Actuator serve them too: set "
              + ACTUATOR_ADDITIONAL_PATHS
              + "=false (or move srekit's probes with sre.probes.prefix, or turn them off with"
              + " sre.probes.enabled=false)");
    }
  }

  /** SLIs and SLOs from properties and beans. */
  @Bean
  @ConditionalOnMissingBean
  public SreDefinitions sreDefinitions(
      SreProperties properties, ObjectProvider<LatencySli> slis, ObjectProvider<Slo> slos) {
    return SreDefinitions.of(
        properties, slis.orderedStream().toList(), slos.orderedStream().toList());
  }

  /** The SLO engine, ticking from creation to context close. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public SloEngine sreSloEngine(SreDefinitions definitions, SreProperties properties) {
    SloEngine engine;
    try {
      engine =
          SloEngine.builder().slos(definitions.slos()).tick(properties.getSlo().getTick()).build();
    } catch (IllegalArgumentException e) {
      String m = String.valueOf(e.getMessage());
      throw new IllegalStateException((m.startsWith("tick") ? "sre.slo." : "sre.") + m, e);
    }
    engine.start();
    return engine;
  }

  /** The health monitor, with the startup gate released on {@code ApplicationReadyEvent}. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public HealthMonitor sreHealthMonitor(SreProperties properties, ListableBeanFactory beans) {
    HealthMonitorBuilder builder = HealthMonitor.builder().startupGates(SreLifecycle.STARTUP_GATE);
    Map<String, SreProperties.Indicator> indicators = properties.getProbes().getIndicators();
    if (!indicators.isEmpty()) {
      if (!ClassUtils.isPresent(HEALTH_INDICATOR, SreAutoConfiguration.class.getClassLoader())) {
        throw new IllegalStateException(
            "sre.probes.indicators: needs spring-boot-health (HealthIndicator) on the classpath");
      }
      IndicatorChecks.add(builder, indicators, beans);
    }
    HealthMonitor monitor;
    try {
      monitor = builder.drainDelay(properties.getProbes().getDrainDelay()).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("sre.probes.drain-delay: " + e.getMessage(), e);
    }
    monitor.start();
    return monitor;
  }

  /** Requests in flight, for the drain. */
  @Bean
  @ConditionalOnMissingBean
  public InFlightRequests sreInFlightRequests() {
    return InFlightRequests.create();
  }

  /** The drain: readiness fails, then wait for requests in flight or the drain delay. */
  @Bean
  @ConditionalOnMissingBean
  public DrainCoordinator sreDrainCoordinator(HealthMonitor monitor, InFlightRequests inFlight) {
    return DrainCoordinator.of(monitor, inFlight);
  }

  /** Availability bridge and drain on shutdown. */
  @Bean
  @ConditionalOnMissingBean
  public SreLifecycle sreLifecycle(
      HealthMonitor monitor, DrainCoordinator drain, ApplicationEventPublisher publisher) {
    return new SreLifecycle(monitor, drain, publisher);
  }

  /** Probes, {@code /slo} and maybe {@code /metrics}. */
  @Bean
  @ConditionalOnMissingBean
  public HttpRouter sreHttpRouter(
      SreProperties properties,
      SreDefinitions definitions,
      HealthMonitor monitor,
      SloEngine engine,
      ObjectProvider<PrometheusMeterRegistry> prometheus,
      ListableBeanFactory beans) {
    HttpRouter.Builder router = HttpRouter.builder();
    SreProperties.Probes probes = properties.getProbes();
    if (probes.isEnabled()) {
      ProbeEndpoints endpoints;
      try {
        endpoints =
            ProbeEndpoints.builder(monitor)
                .healthz(ProbeEndpoints.Healthz.valueOf(probes.getHealthz().name()))
                // Blank (e.g. "${DRAIN_SECRET:}" with the variable unset) = no drain endpoint.
                .drainSecret(
                    probes.getDrainSecret() == null || probes.getDrainSecret().isBlank()
                        ? null
                        : probes.getDrainSecret())
                .drainPath(probes.getDrainPath())
                .build();
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("sre.probes: " + e.getMessage(), e);
      }
      String prefix = probes.getPrefix();
      if (prefix == null || prefix.isEmpty()) {
        router.endpoints(endpoints.endpoints());
      } else {
        router.endpoints(prefix, endpoints.endpoints());
      }
    }
    if (properties.getSlo().isEnabled()) {
      router.endpoint(properties.getSlo().getPath(), new SloEndpoint(engine));
    }
    Boolean metrics = properties.getMetrics().getEnabled();
    if (metrics != null ? metrics : !actuatorPrometheusEndpoint(beans)) {
      PrometheusMeterRegistry registry = prometheus.getIfAvailable();
      PrometheusRegistry source =
          registry != null ? registry.getPrometheusRegistry() : new PrometheusRegistry();
      router.endpoint(
          properties.getMetrics().getPath(),
          new MetricsEndpoint(source, new ArrayList<>(definitions.slis().values())));
    }
    try {
      return router.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("sre.*.path: " + e.getMessage(), e);
    }
  }

  private static boolean actuatorPrometheusEndpoint(ListableBeanFactory beans) {
    ClassLoader loader = SreAutoConfiguration.class.getClassLoader();
    if (!ClassUtils.isPresent(PROMETHEUS_SCRAPE_ENDPOINT, loader)) {
      return false;
    }
    Class<?> type = ClassUtils.resolveClassName(PROMETHEUS_SCRAPE_ENDPOINT, loader);
    return beans.getBeanNamesForType(type, true, false).length > 0;
  }

  /** srekit's endpoints, answered first, before any other filter. */
  @Bean
  @ConditionalOnMissingBean(name = "sreEndpointsFilter")
  public FilterRegistrationBean<SreEndpointsFilter> sreEndpointsFilter(HttpRouter router) {
    FilterRegistrationBean<SreEndpointsFilter> r =
        new FilterRegistrationBean<>(new SreEndpointsFilter(router));
    r.setName("srekit-endpoints");
    r.setOrder(Ordered.HIGHEST_PRECEDENCE);
    r.addUrlPatterns("/*");
    r.setDispatcherTypes(DispatcherType.REQUEST);
    r.setAsyncSupported(true);
    return r;
  }

  /** The interceptor that tells the SLI filter each handler's SLI and route. */
  @Bean
  @ConditionalOnMissingBean
  public SliHandlerInterceptor sreSliHandlerInterceptor(
      SreDefinitions definitions, SreProperties properties) {
    try {
      return new SliHandlerInterceptor(definitions, properties.getMaxRoutes());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("sre.max-routes: " + e.getMessage(), e);
    }
  }

  /** The filter that times requests, right after the endpoints filter, each on its SLI's clock. */
  @Bean
  @ConditionalOnMissingBean(name = "sreSliFilter")
  public FilterRegistrationBean<SpringSliFilter> sreSliFilter(
      SreDefinitions definitions, SreProperties properties, InFlightRequests inFlight) {
    SpringSliFilter filter;
    try {
      filter =
          new SpringSliFilter(definitions.slis().values(), inFlight, properties.getClientAborts());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("sre.slis: " + e.getMessage(), e);
    }
    FilterRegistrationBean<SpringSliFilter> r = new FilterRegistrationBean<>(filter);
    r.setName("srekit-sli");
    r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    r.addUrlPatterns("/*");
    r.setDispatcherTypes(DispatcherType.REQUEST);
    r.setAsyncSupported(true);
    return r;
  }

  /** Registers the interceptor with Spring MVC. */
  @Bean
  public WebMvcConfigurer sreWebMvcConfigurer(SliHandlerInterceptor interceptor) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
      }
    };
  }

  /**
   * Fails startup if an {@code @Sli} names an unknown SLI; creates the annotated routes' series.
   */
  @Bean
  public SmartInitializingSingleton sreSliAnnotationCheck(
      SliHandlerInterceptor interceptor, ObjectProvider<RequestMappingHandlerMapping> mappings) {
    return () ->
        mappings
            .orderedStream()
            .forEach(
                m -> {
                  interceptor.validate(m.getHandlerMethods().values());
                  interceptor.prepare(m.getHandlerMethods());
                });
  }

  /** The SLI histograms on Micrometer's registries (Actuator's {@code PrometheusMeterRegistry}). */
  @Bean
  @ConditionalOnMissingBean
  public SliMeterBinder sreSliMeterBinder(SreDefinitions definitions) {
    return new SliMeterBinder(List.copyOf(definitions.slis().values()));
  }

  /** SLO gauges on Micrometer's registries. */
  @Bean
  @ConditionalOnMissingBean
  public SloMeterBinder sreSloMeterBinder(SloEngine engine) {
    return new SloMeterBinder(engine);
  }
}
