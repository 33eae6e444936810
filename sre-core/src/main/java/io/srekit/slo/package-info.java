/**
 * Error-budget accounting inside the process: {@link io.srekit.slo.Slo} definitions over an SLI,
 * and the {@link io.srekit.slo.SloEngine} that turns periodic snapshots of the SLI's cumulative
 * counters into error ratios, burn rates, budgets, multiwindow multi-burn-rate alert state and
 * coverage. Adds nothing to the request path: every number is a difference of two snapshots, the
 * same arithmetic as {@code increase()} over the same series in Prometheus.
 */
package io.srekit.slo;
