package io.srekit.examples.userauth;

import io.srekit.spring.Sli;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * user-auth's API. {@code @Sli} puts every handler of the class into the {@code user_auth_request}
 * SLI, labelled with the method and the mapping pattern ({@code /login}, {@code /users/{id}}, never
 * the raw URI); 5xx answers are errors, 401 and 404 are not.
 */
@RestController
@Sli(UserAuthApplication.SLI)
class LoginController {

  /** The JSON body of a login. */
  record Credentials(String username, String password) {}

  private final UserStore users;
  private final FaultInjector faults;

  LoginController(UserStore users, FaultInjector faults) {
    this.users = users;
    this.faults = faults;
  }

  /** 200 with a token for a known user and password, 401 otherwise. */
  @PostMapping("/login")
  ResponseEntity<Map<String, String>> login(@RequestBody Credentials credentials) {
    Faults f = faults.current();
    int delay = f.latencyFor();
    if (delay > 0) {
      LockSupport.parkNanos(delay * 1_000_000L);
    }
    boolean failed = f.fails();
    if (failed || f.dependency() != Faults.Dependency.UP) {
      return ResponseEntity.status(
              failed ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.SERVICE_UNAVAILABLE)
          .body(Map.of("error", "injected"));
    }
    String id =
        credentials.username() == null
            ? null
            : users.authenticate(credentials.username(), credentials.password());
    if (id == null) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
          .body(Map.of("error", "invalid credentials"));
    }
    return ResponseEntity.ok(Map.of("token", UUID.randomUUID().toString(), "userId", id));
  }

  /** The user's name, or 404. */
  @GetMapping("/users/{id}")
  ResponseEntity<Map<String, String>> user(@PathVariable String id) {
    String name = users.usernameOf(id);
    return name == null
        ? ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no such user"))
        : ResponseEntity.ok(Map.of("id", id, "username", name));
  }
}
