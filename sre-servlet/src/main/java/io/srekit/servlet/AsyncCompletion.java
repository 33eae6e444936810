package io.srekit.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeoutException;

/**
 * Calls back exactly once when an async request ends: at the first of {@code onComplete}, {@code
 * onTimeout} (with {@link #TIMEOUT}, an error: the service did not answer in time) or {@code
 * onError}; later events are ignored (one CAS). Used by {@link SliFilter} and by the Spring
 * adapter's filter, so both record an async request once, at its real end. Survives a new async
 * cycle ({@code startAsync} again) by re-adding itself.
 *
 * <pre>{@code
 * request.getAsyncContext().addListener(
 *     new AsyncCompletion(response, (status, error) -> record(series, start, status, error)));
 * }</pre>
 */
public final class AsyncCompletion implements AsyncListener {

  /** What a timed-out async request is classified with. Stackless, shared, never thrown. */
  public static final TimeoutException TIMEOUT = new AsyncTimeout();

  /** Receives the final status (0 if the response is gone) and the error, if any. */
  @FunctionalInterface
  public interface Callback {
    /** Called once per async request. */
    void completed(int status, Throwable error);
  }

  private static final VarHandle DONE;

  static {
    try {
      DONE = MethodHandles.lookup().findVarHandle(AsyncCompletion.class, "done", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final HttpServletResponse response;
  private final Callback callback;

  @SuppressWarnings("unused") // accessed through DONE
  private volatile int done;

  /** Calls {@code callback} once when the async request behind {@code response} ends. */
  public AsyncCompletion(HttpServletResponse response, Callback callback) {
    this.response = response;
    this.callback = callback;
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
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    int status;
    try {
      status = response.getStatus();
    } catch (RuntimeException recycled) {
      status = 0;
    }
    callback.completed(status, error);
  }

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
