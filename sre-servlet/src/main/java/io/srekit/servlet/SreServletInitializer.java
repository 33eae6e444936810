package io.srekit.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Registers srekit in a servlet container when the application opts in with one {@link
 * SreServletConfigurer} class; without one it does nothing. Found by the container through {@code
 * META-INF/services}; embedded servers can add it by hand with the configurer class.
 *
 * <p>Registers, in this order and before filters declared in {@code web.xml}: {@code
 * srekit-endpoints} ({@link SreEndpointsFilter}, {@code /*}, {@code REQUEST}), then {@code
 * srekit-sli} ({@link SliFilter}, {@code /*}, {@code REQUEST}); both support async. Then the {@link
 * SreLifecycleListener} when the setup has a monitor.
 */
@HandlesTypes(SreServletConfigurer.class)
public final class SreServletInitializer implements ServletContainerInitializer {

  /** Name of the endpoints filter registration. */
  public static final String ENDPOINTS_FILTER = "srekit-endpoints";

  /** Name of the SLI filter registration. */
  public static final String SLI_FILTER = "srekit-sli";

  /** Called by the container; does nothing unless exactly one configurer class is found. */
  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext ctx) throws ServletException {
    List<Class<?>> configurers = new ArrayList<>();
    if (classes != null) {
      for (Class<?> c : classes) {
        if (SreServletConfigurer.class.isAssignableFrom(c)
            && !c.isInterface()
            && !Modifier.isAbstract(c.getModifiers())) {
          configurers.add(c);
        }
      }
    }
    if (configurers.isEmpty()) {
      return;
    }
    if (configurers.size() > 1) {
      throw new ServletException(
          "SreServletConfigurer: expected one implementation, found " + configurers);
    }
    SreServletSetup setup;
    try {
      SreServletConfigurer configurer =
          (SreServletConfigurer) configurers.get(0).getDeclaredConstructor().newInstance();
      setup = configurer.setup(ctx);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ServletException(
          "SreServletConfigurer: cannot set up srekit with " + configurers.get(0).getName(), e);
    }
    if (setup == null) {
      throw new ServletException(
          "SreServletConfigurer: " + configurers.get(0).getName() + " returned no setup");
    }
    register(setup, ctx);
  }

  /** Registers what {@code setup} holds on {@code ctx} (for code that builds setups itself). */
  public static void register(SreServletSetup setup, ServletContext ctx) {
    EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
    if (setup.router() != null && !setup.router().paths().isEmpty()) {
      FilterRegistration.Dynamic f =
          ctx.addFilter(ENDPOINTS_FILTER, new SreEndpointsFilter(setup.router()));
      f.setAsyncSupported(true);
      // Mapped on its exact paths, not "/*": the container then leaves it out of every other
      // request's chain (no URI string, no lookup, one filter less: ~3 % of a trivial servlet's
      // throughput on Tomcat, benchmarks/README.md). It still checks the raw URI itself.
      f.addMappingForUrlPatterns(
          request, false, new java.util.TreeSet<>(setup.router().paths()).toArray(String[]::new));
    }
    if (setup.sliFilter() != null) {
      FilterRegistration.Dynamic f = ctx.addFilter(SLI_FILTER, setup.sliFilter());
      f.setAsyncSupported(true);
      f.addMappingForUrlPatterns(request, false, "/*");
    }
    SreLifecycleListener listener = setup.lifecycleListener();
    if (listener != null) {
      ctx.addListener(listener);
    }
  }
}
