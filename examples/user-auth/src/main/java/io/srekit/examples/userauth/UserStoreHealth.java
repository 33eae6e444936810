package io.srekit.examples.userauth;

import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The user store's health, an ordinary Actuator {@code HealthIndicator}. {@code application.yml}
 * opts it in as a srekit readiness check ({@code sre.probes.indicators.user-store}): srekit runs it
 * in the background with a deadline, so a hanging store fails {@code /readyz} within the deadline
 * instead of hanging the kubelet's probe, and {@code /actuator/health} answers from that result.
 */
@Component("user-store")
class UserStoreHealth implements HealthIndicator {

  private final UserStore users;
  private final FaultInjector faults;

  UserStoreHealth(UserStore users, FaultInjector faults) {
    this.users = users;
    this.faults = faults;
  }

  @Override
  public Health health() {
    switch (faults.current().dependency()) {
      case HANG -> {
        // A dependency that never answers: srekit's deadline fails the run and interrupts it.
        while (!Thread.currentThread().isInterrupted()) {
          LockSupport.parkNanos(50_000_000L);
        }
        return Health.down().build();
      }
      case DOWN -> {
        return Health.down().withDetail("injected", true).build();
      }
      default -> {
        return users.usernameOf("1") != null ? Health.up().build() : Health.down().build();
      }
    }
  }
}
