package io.srekit.sli;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

/**
 * The outcome of a finished HTTP request, the same way for every adapter: client aborts first (by
 * the {@link ClientAbortPolicy}), then the SLI's {@link OutcomeClassifier}, which must not throw (a
 * throwing classifier gives {@link Outcome#ERROR}).
 *
 * <pre>{@code
 * Outcome o = RequestOutcome.classify(sli.classifier(), status, thrown, ClientAbortPolicy.INVALID);
 * if (o != null) series.recordSince(start, o);
 * }</pre>
 */
public final class RequestOutcome {

  /** Simple names of the exceptions containers throw when the client has gone away. */
  private static final Set<String> ABORT_TYPES =
      Set.of(
          "ClientAbortException", // Tomcat (and Spring's wrapping of it)
          "EofException", // Jetty
          "AsyncRequestNotUsableException", // Spring MVC 6.1+
          "ClosedChannelException");

  private static final int MAX_CAUSES = 8;

  private RequestOutcome() {}

  /**
   * Classifies a finished request.
   *
   * @param classifier the SLI's classifier
   * @param status the final status, or 0 when none was written
   * @param error the exception that escaped the handler, or {@code null}
   * @param aborts what to do when {@code error} is a client abort
   * @return the outcome to record, or {@code null} when the request must not be recorded
   */
  public static Outcome classify(
      OutcomeClassifier classifier, int status, Throwable error, ClientAbortPolicy aborts) {
    if (error != null && isClientAbort(error)) {
      return aborts == ClientAbortPolicy.EXCLUDE ? null : Outcome.INVALID;
    }
    try {
      Outcome o = classifier.classify(status, error);
      return o == null ? Outcome.ERROR : o;
    } catch (RuntimeException e) {
      return Outcome.ERROR;
    }
  }

  /**
   * Whether {@code error} (or one of its first causes) says the client closed the connection:
   * Tomcat's {@code ClientAbortException}, Jetty's {@code EofException}, a closed channel, or an
   * {@link IOException} reading "Broken pipe" or "Connection reset".
   */
  public static boolean isClientAbort(Throwable error) {
    Throwable t = error;
    for (int i = 0; t != null && i < MAX_CAUSES; i++) {
      if (ABORT_TYPES.contains(t.getClass().getSimpleName())
          || t instanceof ClosedChannelException) {
        return true;
      }
      if (t instanceof IOException) {
        String m = t.getMessage();
        if (m != null && (m.contains("Broken pipe") || m.contains("Connection reset"))) {
          return true;
        }
      }
      t = t.getCause();
    }
    return false;
  }
}
