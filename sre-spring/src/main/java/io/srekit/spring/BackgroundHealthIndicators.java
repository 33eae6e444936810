package io.srekit.spring;

import io.srekit.health.CheckSnapshot;
import io.srekit.health.HealthMonitor;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.core.env.Environment;

/**
 * Replaces each {@code HealthIndicator} bean named in {@code sre.probes.indicators} by a {@link
 * Background} indicator that answers {@code /actuator/health} from srekit's latest check result
 * (never running the slow indicator inline); srekit's check runs the original on its schedule with
 * its deadline.
 */
final class BackgroundHealthIndicators implements BeanPostProcessor {

  private final BeanFactory beans;
  private final Set<String> names;

  BackgroundHealthIndicators(BeanFactory beans, Environment environment) {
    this.beans = beans;
    this.names =
        Binder.get(environment)
            .bind("sre.probes.indicators", Bindable.mapOf(String.class, Object.class))
            .map(m -> Set.copyOf(m.keySet()))
            .orElse(Set.of());
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof HealthIndicator indicator
        && names.contains(beanName)
        && !(bean instanceof SreHealthIndicator)) {
      return new Background(beanName, indicator, beans);
    }
    return bean;
  }

  /** An indicator answered from srekit's snapshot; {@link #delegate()} is the original. */
  static final class Background implements HealthIndicator {
    private final String name;
    private final HealthIndicator delegate;
    private final BeanFactory beans;
    private volatile HealthMonitor monitor;

    Background(String name, HealthIndicator delegate, BeanFactory beans) {
      this.name = name;
      this.delegate = delegate;
      this.beans = beans;
    }

    HealthIndicator delegate() {
      return delegate;
    }

    @Override
    public Health health() {
      HealthMonitor m = monitor;
      if (m == null) {
        m = beans.getBean(HealthMonitor.class);
        monitor = m;
      }
      CheckSnapshot c = m.snapshot().check(name);
      if (c == null) {
        return Health.unknown().build();
      }
      Health.Builder b =
          switch (c.status()) {
            case PASS -> Health.up();
            case WARN -> Health.status(Status.UNKNOWN);
            case FAIL -> Health.down();
          };
      return b.withDetail("source", "srekit background check").build();
    }
  }
}
