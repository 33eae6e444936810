package io.srekit.examples.userauth;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code user-auth.*}: the example's own settings.
 *
 * @param pbkdf2Iterations PBKDF2 cost of one password check (real CPU per login)
 * @param faults whether {@code /admin/faults} exists (loopback only); off unless started with
 *     {@code --demo} or {@code --faults}
 */
@ConfigurationProperties("user-auth")
public record UserAuthProperties(
    @DefaultValue("20000") int pbkdf2Iterations, @DefaultValue("false") boolean faults) {

  /** Validates. */
  public UserAuthProperties {
    if (pbkdf2Iterations < 1) {
      throw new IllegalArgumentException(
          "user-auth.pbkdf2-iterations: must be >= 1, was " + pbkdf2Iterations);
    }
  }
}
