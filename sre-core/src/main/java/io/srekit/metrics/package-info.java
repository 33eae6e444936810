/**
 * Exposition of SLIs: a Prometheus client_java collector that renders each SLI as one classic
 * histogram family, and a Micrometer {@code MeterBinder} that puts it on any {@code MeterRegistry}
 * (the full histogram on a {@code PrometheusMeterRegistry}, count and total time elsewhere). Reads
 * {@link io.srekit.sli.SliSnapshot}s only; never on the request path.
 */
package io.srekit.metrics;
