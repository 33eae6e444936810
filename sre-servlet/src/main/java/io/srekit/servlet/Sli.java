package io.srekit.servlet;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the SLI a servlet's requests feed, and optionally their route label.
 *
 * <pre>{@code
 * @Sli(value = "user_auth_request", route = "/users/{id}")
 * public class UserServlet extends HttpServlet { ... }
 * }</pre>
 *
 * <p>The SLI must be registered on the {@link SliFilter} ({@link SliFilter.Builder#sli}); an
 * unknown name fails the filter's {@code init}, so the application does not start.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Sli {

  /** The SLI's name, e.g. {@code user_auth_request}. */
  String value();

  /**
   * The route label, e.g. {@code /users/{id}}; empty (the default) uses the servlet's mapping
   * pattern ({@code /users/*}).
   */
  String route() default "";
}
