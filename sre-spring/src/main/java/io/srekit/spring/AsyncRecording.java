package io.srekit.spring;

import io.srekit.sli.SliSeries;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records one async request at the first of complete, timeout (an error) or error. */
final class AsyncRecording extends AtomicBoolean implements AsyncListener {

  private static final long serialVersionUID = 1L;

  /** Stackless, shared, never thrown: what a timed-out async request is classified with. */
  static final TimeoutException TIMEOUT =
      new TimeoutException("async request timed out") {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
          return this;
        }
      };

  private final transient SpringSliFilter filter;
  private final transient SliSeries series;
  private final long start;
  private final transient HttpServletResponse response;

  AsyncRecording(
      SpringSliFilter filter, SliSeries series, long start, HttpServletResponse response) {
    this.filter = filter;
    this.series = series;
    this.start = start;
    this.response = response;
  }

  @Override
  public void onComplete(AsyncEvent event) {
    finish(null);
  }

  @Override
  public void onTimeout(AsyncEvent event) {
    finish(TIMEOUT);
  }

  @Override
  public void onError(AsyncEvent event) {
    Throwable t = event.getThrowable();
    finish(t != null ? t : TIMEOUT);
  }

  @Override
  public void onStartAsync(AsyncEvent event) {
    event.getAsyncContext().addListener(this);
  }

  private void finish(Throwable error) {
    if (!compareAndSet(false, true)) {
      return;
    }
    int status;
    try {
      status = response.getStatus();
    } catch (RuntimeException recycled) {
      status = 0;
    }
    filter.record(series, start, status, error);
  }
}
