package io.srekit.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: the only way tests wait. */
public final class Await {

  private Await() {}

  /**
   * Polls {@code probe} every {@code 100 ms} until {@code done} accepts its value and returns that
   * value; fails with {@code what} and the last value once {@code timeout} has passed. A probe that
   * throws counts as not done yet.
   */
  public static <T> T until(
      Duration timeout, String what, Supplier<T> probe, Predicate<? super T> done) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    RuntimeException lastError = null;
    while (true) {
      try {
        last = probe.get();
        lastError = null;
        if (done.test(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        lastError = e;
      }
      if (System.nanoTime() - deadline > 0) {
        AssertionError e =
            new AssertionError(
                "timed out after " + timeout + " waiting for " + what + "; last value: " + last);
        if (lastError != null) {
          e.initCause(lastError);
        }
        throw e;
      }
      try {
        Thread.sleep(100); // poll interval, bounded by the deadline above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
