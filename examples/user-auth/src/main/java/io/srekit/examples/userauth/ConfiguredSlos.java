package io.srekit.examples.userauth;

import io.srekit.spring.SreDefinitions;
import io.srekit.spring.SreProperties;
import java.util.List;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The SLIs and SLOs the service would run with, read without starting it: {@code application.yml},
 * profiles and {@code --spring.config.additional-location} are resolved by Spring Boot's own config
 * data loading, {@code sre.*} is bound to {@link SreProperties} and built by {@link
 * SreDefinitions}, exactly as the auto-configuration does. So {@code rules} and {@code k8s} print
 * rules for the same definitions the running service evaluates.
 */
public final class ConfiguredSlos {

  private ConfiguredSlos() {}

  /** The definitions under {@code args} ({@code --key=value} options; others are ignored). */
  public static SreDefinitions load(String... args) {
    return SreDefinitions.of(properties(args), List.of(), List.of());
  }

  /** The {@code sre.*} properties under {@code args}. */
  public static SreProperties properties(String... args) {
    StandardEnvironment env = new StandardEnvironment();
    if (args.length > 0) {
      env.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
    }
    ConfigDataEnvironmentPostProcessor.applyTo(env);
    return Binder.get(env).bind("sre", SreProperties.class).orElseGet(SreProperties::new);
  }
}
