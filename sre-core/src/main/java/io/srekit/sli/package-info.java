/**
 * The SLI recorder: latency histograms per label set and outcome, recorded on the request path.
 *
 * <p>{@link io.srekit.sli.LatencySli} is built once with a validating builder; label values are
 * resolved once to a {@link io.srekit.sli.SliSeries} handle whose {@code record} is wait-free,
 * allocation-free and lock-free. Everything else (exposition, quantile windows, error budgets)
 * reads immutable {@code *Snapshot} records taken from the same cumulative counters. This package
 * never imports exposition code.
 */
package io.srekit.sli;
