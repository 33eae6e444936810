package io.srekit.health;

/**
 * A change of status of a check or a probe.
 *
 * @param name the check's name, or the probe's short name ({@code livez}, {@code readyz}, …)
 * @param probe the probe, or {@code null} when a check changed
 * @param from the previous status
 * @param to the new status
 * @param snapshot the snapshot that shows the new status
 */
public record HealthTransition(
    String name, Probe probe, HealthStatus from, HealthStatus to, HealthSnapshot snapshot) {}
