/**
 * What user-auth hands to operations: its Kubernetes manifests (Deployment with startup, liveness
 * and readiness probes and a preStop drain, Service, ServiceMonitor, HorizontalPodAutoscaler,
 * PrometheusRule generated from its SLOs), the seed's CPU alert made to match real series, and an
 * Alertmanager configuration. All rendered deterministically; the committed files under {@code
 * examples/user-auth/k8s/} are checked against them by tests.
 */
package io.srekit.examples.userauth.ops;
