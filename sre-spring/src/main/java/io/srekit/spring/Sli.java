package io.srekit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the SLI a handler's requests feed: on a {@code @RestController} (every handler method) or
 * on a handler method (wins over the class's).
 *
 * <pre>{@code
 * @RestController
 * @Sli("user_auth_request")
 * class UserController {
 *   @GetMapping("/users/{id}") User user(@PathVariable String id) { ... }  // route="/users/{id}"
 * }
 * }</pre>
 *
 * <p>The SLI must exist ({@code sre.slis.<name>} or a {@code LatencySli} bean); an unknown name
 * fails startup.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Sli {

  /** The SLI's name, e.g. {@code user_auth_request}. */
  String value();

  /** The route label; empty (the default) uses the handler's mapping pattern. */
  String route() default "";
}
