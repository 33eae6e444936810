package io.srekit.spring;

import io.srekit.health.HealthMonitor;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * srekit's health on Actuator's {@code /actuator/health} (contributor {@code srekit}), when Spring
 * Boot's health module is present; {@code sre.health.contributor=false} leaves it out.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthIndicator.class)
class SreHealthConfiguration {

  /** Answers opted-in indicators in Actuator from srekit's results instead of running them. */
  @Bean
  static BackgroundHealthIndicators sreBackgroundHealthIndicators(
      BeanFactory beans, Environment environment) {
    return new BackgroundHealthIndicators(beans, environment);
  }

  @Bean
  @ConditionalOnMissingBean(name = SreHealthIndicator.BEAN_NAME)
  @ConditionalOnProperty(
      prefix = "sre.health",
      name = "contributor",
      havingValue = "true",
      matchIfMissing = true)
  SreHealthIndicator srekitHealthIndicator(HealthMonitor monitor) {
    return new SreHealthIndicator(monitor);
  }
}
