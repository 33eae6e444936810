/**
 * Prometheus rules generated from the same {@link io.srekit.slo.Slo} objects the engine runs: a
 * plain rules file and a {@code PrometheusRule}, with Sloth-compatible recording rules, multiwindow
 * multi-burn-rate alerts that fire exactly when the engine's do, {@code absent} and
 * definition-drift alerts, and generated {@code promtool test rules} files that prove it on
 * scenarios the engine replays with a fake clock. Depends on {@code slo} and {@code sli}; nothing
 * depends on it.
 */
package io.srekit.rules;
