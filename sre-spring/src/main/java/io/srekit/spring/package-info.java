/**
 * Spring Boot adapter: {@link io.srekit.spring.SreAutoConfiguration} builds srekit's SLIs, SLO
 * engine, health monitor and endpoints from {@code sre.*} properties ({@link
 * io.srekit.spring.SreProperties}), times handler methods annotated with {@link
 * io.srekit.spring.Sli} by their mapping pattern, bridges Spring's availability states and drains
 * before the web server's graceful shutdown. Only translation lives here; the logic is in core.
 */
package io.srekit.spring;
