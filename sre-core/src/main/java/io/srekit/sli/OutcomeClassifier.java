package io.srekit.sli;

/**
 * Decides the {@link Outcome} of a finished request from its final HTTP status and the exception
 * that escaped the handler, if any. Implementations must not throw; adapters treat a throwing
 * classifier as {@link Outcome#ERROR} and keep the count.
 *
 * <pre>{@code
 * OutcomeClassifier notFoundIsInvalid = (status, error) ->
 *     status == 404 ? Outcome.INVALID : OutcomeClassifier.DEFAULT.classify(status, error);
 * }</pre>
 */
@FunctionalInterface
public interface OutcomeClassifier {

  /** 5xx and uncaught exceptions are errors, everything else is success. */
  OutcomeClassifier DEFAULT =
      (status, error) -> error != null || status >= 500 ? Outcome.ERROR : Outcome.SUCCESS;

  /**
   * Classifies one request.
   *
   * @param status the final HTTP status, or {@code 0} when none was written
   * @param error the exception that escaped the handler, or {@code null}
   * @return the outcome, never {@code null}
   */
  Outcome classify(int status, Throwable error);
}
