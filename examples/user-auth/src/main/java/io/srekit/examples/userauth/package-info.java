/**
 * user-auth, the example login service: {@code POST /login} checks a password with PBKDF2 against
 * an in-memory store and every request is recorded into the {@code user_auth_request} SLI, scraped
 * at {@code /metrics}.
 */
package io.srekit.examples.userauth;
