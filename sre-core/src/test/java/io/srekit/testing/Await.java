package io.srekit.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, polling; fails with a message naming the condition. */
public final class Await {

  private Await() {}

  /** Returns once {@code condition} holds; fails after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Returns the first value of {@code supplier} that satisfies {@code accept}. */
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
}
