package io.srekit.sli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class RequestOutcomeTest {

  /** Named like Tomcat's, as containers' own types are not on core's classpath. */
  static final class ClientAbortException extends IOException {
    ClientAbortException(Throwable cause) {
      super(cause);
    }
  }

  @Test
  void statusAndExceptionsGoThroughTheClassifier() {
    OutcomeClassifier c = OutcomeClassifier.DEFAULT;
    assertThat(RequestOutcome.classify(c, 200, null, ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.SUCCESS);
    assertThat(RequestOutcome.classify(c, 404, null, ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.SUCCESS);
    assertThat(RequestOutcome.classify(c, 503, null, ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.ERROR);
    assertThat(
            RequestOutcome.classify(c, 200, new IllegalStateException(), ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.ERROR);
  }

  @Test
  void clientAbortsAreInvalidOrExcludedByPolicy() {
    Throwable tomcat = new ClientAbortException(new IOException("Broken pipe"));
    Throwable wrapped = new UncheckedIOException(new IOException("Connection reset by peer"));
    for (Throwable t : new Throwable[] {tomcat, wrapped, new ClosedChannelException()}) {
      assertThat(RequestOutcome.isClientAbort(t)).as(t.toString()).isTrue();
      assertThat(
              RequestOutcome.classify(OutcomeClassifier.DEFAULT, 200, t, ClientAbortPolicy.INVALID))
          .isEqualTo(Outcome.INVALID);
      assertThat(
              RequestOutcome.classify(OutcomeClassifier.DEFAULT, 200, t, ClientAbortPolicy.EXCLUDE))
          .isNull();
    }
    assertThat(RequestOutcome.isClientAbort(new IOException("disk full"))).isFalse();
  }

  @Test
  void aThrowingOrNullClassifierMakesAnError() {
    OutcomeClassifier throwing =
        (s, e) -> {
          throw new IllegalStateException("bug");
        };
    assertThat(RequestOutcome.classify(throwing, 200, null, ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.ERROR);
    assertThat(RequestOutcome.classify((s, e) -> null, 200, null, ClientAbortPolicy.INVALID))
        .isEqualTo(Outcome.ERROR);
  }
}
