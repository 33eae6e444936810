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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Times every request from filter entry to response completion and records it on the series the
 * {@link SliHandlerInterceptor} chose (request attribute {@link #ROUTE_ATTRIBUTE}); requests
 * without one are only counted in flight. The outcome is classified after the chain returns, so it
 * sees the status written by {@code @ExceptionHandler} / {@code @ControllerAdvice}; an exception
 * escaping the chain is classified with that exception. Async requests ({@code Callable}, {@code
 * DeferredResult}, {@code CompletableFuture}) are recorded once, at the first of {@code
 * onComplete}, {@code onTimeout} (an error) or {@code onError}.
 *
 * <p>A request is timed on the clock of the SLI it is recorded in ({@link LatencySli#clock()}),
 * although that SLI is known only once the handler is: the filter reads, at entry, each distinct
 * clock of the SLIs it was given, and at the end subtracts the start read from the recording SLI's
 * clock. An SLI whose clock is not among them is timed on the first clock.
 *
 * <p>Per sync request when every SLI shares one clock (the default, {@code Clock.SYSTEM}): two
 * clock reads, one in-flight increment and decrement, one attribute read, one record; nothing of
 * ours is allocated (the interceptor's attribute write may allocate in the container's attribute
 * map). With {@code k > 1} distinct clocks (tests inject them): {@code k + 1} reads, a scan of at
 * most {@code k} references and one {@code long[k]} per request. Only {@code REQUEST} dispatches
 * are timed.
 */
public final class SpringSliFilter implements Filter {

  /** Request attribute holding the {@link RouteSeries} of the request's handler. */
  public static final String ROUTE_ATTRIBUTE = SpringSliFilter.class.getName() + ".route";

  /** {@code clocks[0]}, the only clock read when every SLI shares it. */
  private final Clock first;

  /** The SLIs' distinct clocks (by identity), at least one. */
  private final Clock[] clocks;

  private final ClientAbortPolicy aborts;
  private final InFlightRequests.Counter inFlight;

  /**
   * A filter timing requests recorded on {@code slis} on their clocks ({@code Clock.SYSTEM} when
   * there are none), counting in {@code inFlight}'s {@code http} counter.
   *
   * @throws IllegalArgumentException naming a null parameter
   */
  public SpringSliFilter(
      Collection<LatencySli> slis, InFlightRequests inFlight, ClientAbortPolicy aborts) {
    if (slis == null || inFlight == null || aborts == null) {
      throw new IllegalArgumentException("slis, inFlight, aborts: must not be null");
    }
    this.clocks = distinctClocks(slis);
    this.first = clocks[0];
    this.aborts = aborts;
    this.inFlight = inFlight.counter("http");
  }

  private static Clock[] distinctClocks(Collection<LatencySli> slis) {
    List<Clock> distinct = new ArrayList<>();
    for (LatencySli sli : slis) {
      Clock c = sli.clock();
      boolean known = false;
      for (Clock d : distinct) {
        known |= d == c;
      }
      if (!known) {
        distinct.add(c);
      }
    }
    if (distinct.isEmpty()) {
      distinct.add(Clock.SYSTEM);
    }
    return distinct.toArray(new Clock[0]);
  }

  /** How many distinct clocks each request reads at entry. */
  int clockCount() {
    return clocks.length;
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
    long start = first.monotonicTime();
    long[] starts = clocks.length == 1 ? null : starts(start);
    Throwable error = null;
    try {
      chain.doFilter(req, res);
    } catch (IOException | ServletException | RuntimeException | Error e) {
      error = e;
      throw e;
    } finally {
      Object r = request.getAttribute(ROUTE_ATTRIBUTE);
      SliSeries series = r instanceof RouteSeries route ? route.series(request.getMethod()) : null;
      if (error != null
          || !request.isAsyncStarted()
          || !listen(request, response, series, start, starts)) {
        record(series, start, starts, response.getStatus(), error);
      }
    }
  }

  /** Reads every clock but the first (already read as {@code start}): index i is clocks[i]'s. */
  private long[] starts(long start) {
    long[] s = new long[clocks.length];
    s[0] = start;
    for (int i = 1; i < s.length; i++) {
      s[i] = clocks[i].monotonicTime();
    }
    return s;
  }

  private boolean listen(
      HttpServletRequest request,
      HttpServletResponse response,
      SliSeries series,
      long start,
      long[] starts) {
    try {
      AsyncContext async = request.getAsyncContext();
      async.addListener(
          new AsyncCompletion(
              response, (status, error) -> record(series, start, starts, status, error)));
      return true;
    } catch (RuntimeException alreadyCompleted) {
      return false;
    }
  }

  void record(SliSeries series, long start, long[] starts, int status, Throwable error) {
    try {
      if (series != null) {
        Outcome o = RequestOutcome.classify(series.sli().classifier(), status, error, aborts);
        if (o != null) {
          series.record(
              starts == null
                  ? first.monotonicTime() - start
                  : elapsed(series.sli().clock(), start, starts),
              o);
        }
      }
    } finally {
      inFlight.exit();
    }
  }

  /** Nanoseconds since entry on {@code clock}, or on the first clock if it is not one of ours. */
  private long elapsed(Clock clock, long start, long[] starts) {
    for (int i = 1; i < starts.length; i++) {
      if (clocks[i] == clock) {
        return clock.monotonicTime() - starts[i];
      }
    }
    return first.monotonicTime() - start;
  }
}
