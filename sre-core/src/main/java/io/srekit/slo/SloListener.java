package io.srekit.slo;

/**
 * Receives {@link SloEvent}s on the engine's tick thread, never on a request thread. A listener
 * that throws is logged and skipped; the other listeners still run.
 */
@FunctionalInterface
public interface SloListener {

  /** Called once per event. */
  void onEvent(SloEvent event);
}
