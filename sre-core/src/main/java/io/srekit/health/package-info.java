/**
 * Health checks, Kubernetes probe state and the service lifecycle: probes read, checks run
 * elsewhere.
 *
 * <p>{@link io.srekit.health.HealthMonitor} runs each registered {@link
 * io.srekit.health.HealthCheck} on a small background scheduler (interval with jitter, deadline,
 * per-check single-flight, so a hung check holds one thread and fails only itself), damps the
 * results, applies the lifecycle (startup gates, {@code markBroken}, {@code markNotReady}, drain)
 * and publishes an immutable {@link io.srekit.health.HealthSnapshot} through a volatile reference.
 * Probe requests only read that snapshot, so they never wait for a check. This package knows
 * nothing about HTTP; {@code io.srekit.http} adapts it.
 */
package io.srekit.health;
