package io.srekit.slo;

/**
 * Receives {@link SloEvent}s on the engine's tick thread (its daemon thread once {@link
 * SloEngine#start()} runs it; the caller's thread for a hand-driven {@link SloEngine#tick()}),
 * never on a request thread, after the tick's statuses are published. A listener that throws is
 * logged and skipped; the other listeners and later ticks still run. Keep it short: it delays the
 * next tick.
 */
@FunctionalInterface
public interface SloListener {

  /** Called once per event. */
  void onEvent(SloEvent event);
}
