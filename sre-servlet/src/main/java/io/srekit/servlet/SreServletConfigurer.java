package io.srekit.servlet;

import jakarta.servlet.ServletContext;

/**
 * The opt-in for {@link SreServletInitializer}: an application class implementing this (public,
 * with a public no-argument constructor) is found by the container and asked for the setup.
 *
 * <pre>{@code
 * public class Reliability implements SreServletConfigurer {
 *   public SreServletSetup setup(ServletContext context) {
 *     return SreServletSetup.builder().health(App.HEALTH).router(App.ROUTER)
 *         .sliFilter(App.SLI_FILTER).startupGate("servlet-context").build();
 *   }
 * }
 * }</pre>
 */
public interface SreServletConfigurer {

  /** The setup for this context; called once, at container startup. */
  SreServletSetup setup(ServletContext context);
}
