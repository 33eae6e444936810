package io.srekit.http;

/**
 * One response header.
 *
 * @param name the header name, e.g. {@code Content-Type}
 * @param value its value
 */
public record HttpHeader(String name, String value) {}
