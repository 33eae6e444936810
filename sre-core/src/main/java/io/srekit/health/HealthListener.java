package io.srekit.health;

/**
 * Notified after each transition, on a health thread, in order. Keep it short; a throwing listener
 * is logged and ignored.
 */
@FunctionalInterface
public interface HealthListener {

  /** Called once per transition. */
  void onTransition(HealthTransition transition);
}
