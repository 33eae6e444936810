/**
 * A framework-neutral HTTP model for every srekit endpoint, the probe endpoints, and a
 * zero-dependency server on the JDK's {@code com.sun.net.httpserver}.
 *
 * <p>An {@link io.srekit.http.HttpEndpoint} turns an {@link io.srekit.http.HttpRequest} (method,
 * path, query, headers) into an {@link io.srekit.http.HttpResponse} (status, headers, body bytes);
 * an {@link io.srekit.http.HttpRouter} maps exact paths to endpoints. Adapters (the {@link
 * io.srekit.http.ManagementServer} here, a servlet or Spring elsewhere) only translate requests and
 * responses. {@link io.srekit.http.ProbeEndpoints} adapts {@code io.srekit.health}: it reads the
 * health snapshot and serves precomputed bytes; the health package never depends on this one.
 */
package io.srekit.http;
