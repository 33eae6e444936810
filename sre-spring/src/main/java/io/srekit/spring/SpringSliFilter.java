package io.srekit.spring;

import io.micrometer.core.instrument.Clock;
import io.srekit.health.InFlightRequests;
import io.srekit.servlet.AsyncCompletion;
import io.srekit.sli.ClientAbortPolicy;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.RequestOutcome;
import io.srekit.sli.RouteSeries;
import io.srekit.sli.SliSeries;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collection;

/**
 * Times every request from filter entry to response completion and records it on the series the
 * {@link SliHandlerInterceptor} chose (request attribute {@link #ROUTE_ATTRIBUTE}); requests
 * without one are only counted in flight. The outcome is classified after the chain returns, so it
 * sees the status written by {@code @ExceptionHandler} / {@code @ControllerAdvice}; an exception
 * escaping the chain is classified with that exception. Async requests ({@code Callable}, {@code
 * DeferredResult}, {@code CompletableFuture}) are recorded once, at the first of {@code
 * onComplete}, {@code onTimeout} (an error) or {@code onError}.
 *
 * <p>The filter starts timing before the handler, and so the SLI, is known; it therefore reads the
 * one clock every SLI of the application shares ({@link LatencySli#clock()}, {@code Clock.SYSTEM}
 * unless a test injects one), and SLIs on different clocks are rejected at construction.
 *
 * <p>Per sync request: two clock reads, one in-flight increment and decrement, one attribute read,
 * one record; nothing of ours is allocated (the interceptor's attribute write may allocate in the
 * container's attribute map). Only {@code REQUEST} dispatches are timed.
 */
public final class SpringSliFilter implements Filter {

  /** Request attribute holding the {@link RouteSeries} of the request's handler. */
  public static final String ROUTE_ATTRIBUTE = SpringSliFilter.class.getName() + ".route";

  /** The clock every SLI shares. */
  private final Clock clock;

  private final ClientAbortPolicy aborts;
  private final InFlightRequests.Counter inFlight;

  /**
   * A filter timing requests recorded on {@code slis} on their shared clock ({@code Clock.SYSTEM}
   * when there are none), counting in {@code inFlight}'s {@code http} counter.
   *
   * @throws IllegalArgumentException naming a null parameter, or two SLIs on different clocks
   */
  public SpringSliFilter(
      Collection<LatencySli> slis, InFlightRequests inFlight, ClientAbortPolicy aborts) {
    if (slis == null || inFlight == null || aborts == null) {
      throw new IllegalArgumentException("slis, inFlight, aborts: must not be null");
    }
    this.clock = sharedClock(slis);
    this.aborts = aborts;
    this.inFlight = inFlight.counter("http");
  }

  private static Clock sharedClock(Collection<LatencySli> slis) {
    LatencySli first = null;
    for (LatencySli sli : slis) {
      if (first == null) {
        first = sli;
      } else if (sli.clock() != first.clock()) {
        throw new IllegalArgumentException(
            "slis: requests are timed before their SLI is known, so every SLI must use the same"
                + " clock; '"
                + first.name()
                + "' and '"
                + sli.name()
                + "' differ");
      }
    }
    return first == null ? Clock.SYSTEM : first.clock();
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    if (req.getDispatcherType() != DispatcherType.REQUEST
        || !(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      chain.doFilter(req, res);
      return;
    }
    inFlight.enter();
    long start = clock.monotonicTime();
    Throwable error = null;
    try {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      Object r = request.getAttribute(ROUTE_ATTRIBUTE);
      SliSeries series = r instanceof RouteSeries route ? route.series(request.getMethod()) : null;
      if (error != null || !request.isAsyncStarted() || !listen(request, response, series, start)) {
        record(series, start, response.getStatus(), error);
      }
    }
  }

  private boolean listen(
      HttpServletRequest request, HttpServletResponse response, SliSeries series, long start) {
    try {
      AsyncContext async = request.getAsyncContext();
      async.addListener(
          new AsyncCompletion(response, (status, error) -> record(series, start, status, error)));
      return true;
    } catch (RuntimeException alreadyCompleted) {
      return false;
    }
  }

  void record(SliSeries series, long start, int status, Throwable error) {
    try {
      if (series != null) {
        Outcome o = RequestOutcome.classify(series.sli().classifier(), status, error, aborts);
        if (o != null) {
          series.record(clock.monotonicTime() - start, o);
        }
      }
    } finally {
      inFlight.exit();
    }
  }
}
