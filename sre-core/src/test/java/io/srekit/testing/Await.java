package io.srekit.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, polling; fails with a message naming the condition. The
 * only way tests wait: never a bare sleep as synchronisation.
 */
public final class Await {

  private Await() {}

  /** Returns once {@code condition} holds; fails after {@code timeout}. Polls every 1 ms. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * Returns the first value of {@code supplier} that satisfies {@code accept}. Polls every 1 ms.
   */
  public static <T> T value(
      String what, Duration timeout, Supplier<T> supplier, Predicate<? super T> accept) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T last = null;
    while (true) {
      last = supplier.get();
      if (accept.test(last)) {
        return last;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for: " + what + "; last value: " + last);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /**
   * Polls {@code probe} every 100 ms until {@code done} accepts its value and returns that value; a
   * probe that throws counts as not done yet (for external processes still starting). Fails with
   * {@code what}, the last value and the last error once {@code timeout} has passed.
   */
  public static <T> T eventually(
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
      LockSupport.parkNanos(100_000_000L);
    }
  }
}
