/**
 * The Jakarta Servlet 6 adapter: {@link io.srekit.servlet.SliFilter} times every request into the
 * SLI its servlet names with {@link io.srekit.servlet.Sli}; {@link
 * io.srekit.servlet.SreEndpointsFilter} answers srekit's endpoints (probes, {@code /metrics},
 * {@code /slo}) from an {@link io.srekit.http.HttpRouter} before any other filter; {@link
 * io.srekit.servlet.SreServletInitializer} registers both, plus {@link
 * io.srekit.servlet.SreLifecycleListener} (startup gate, drain), when the application opts in with
 * a {@link io.srekit.servlet.SreServletConfigurer}. Everything here translates between the servlet
 * API and {@code sre-core}; the logic (outcomes, client aborts, in-flight counts, draining,
 * endpoints) lives in core.
 */
package io.srekit.servlet;
