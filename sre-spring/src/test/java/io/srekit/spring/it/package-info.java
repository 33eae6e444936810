/** A Spring Boot application and the tests that drive it over real HTTP on 127.0.0.1. */
package io.srekit.spring.it;
