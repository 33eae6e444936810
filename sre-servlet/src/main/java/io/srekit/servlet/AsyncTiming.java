package io.srekit.servlet;

import io.srekit.health.InFlightRequests;
import io.srekit.sli.SliSeries;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeoutException;

/**
 * Records one async request at the first of {@code onComplete}, {@code onTimeout} or {@code
 * onError}; later events are ignored (one CAS on this object).
 */
final class AsyncTiming implements AsyncListener {

  /** What a timed-out async request is classified with: the service did not answer in time. */
  static final TimeoutException TIMEOUT = new AsyncTimeout();

  private static final VarHandle DONE;

  static {
    try {
      DONE = MethodHandles.lookup().findVarHandle(AsyncTiming.class, "done", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final SliFilter filter;
  private final SliSeries series;
  private final long start;
  private final InFlightRequests.Counter counter;
  private final HttpServletResponse response;

  @SuppressWarnings("unused") // accessed through DONE
  private volatile int done;

  AsyncTiming(
      SliFilter filter,
      SliSeries series,
      long start,
      InFlightRequests.Counter counter,
      HttpServletResponse response) {
    this.filter = filter;
    this.response = response;
    this.series = series;
    this.start = start;
    this.counter = counter;
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
    // A new async cycle (startAsync again) keeps this listener only if re-added; re-add it so the
    // request is still recorded once, at its real end.
    event.getAsyncContext().addListener(this);
  }

  private void finish(Throwable error) {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    int status;
    try {
      status = response.getStatus();
    } catch (RuntimeException recycled) {
      status = 0;
    }
    filter.record(series, start, status, error, counter);
  }

  /** Stackless: one shared instance, never thrown. */
  private static final class AsyncTimeout extends TimeoutException {
    AsyncTimeout() {
      super("async request timed out");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
