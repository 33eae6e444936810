/** The application the wrk overhead script ({@code benchmarks/spring-overhead.sh}) loads. */
package io.srekit.spring.bench;
