package io.srekit.examples.userauth;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /admin/faults}, for demos and tests: {@code POST
 * ?latencyMs=700&fraction=0.5&errorRate=0.02&dependency=up|down|hang}, {@code DELETE}, {@code GET}.
 * Exists only with {@code user-auth.faults=true} ({@code --demo}, {@code --faults}) and answers
 * only callers on loopback. Not an SLI route: its requests are not recorded.
 */
@RestController
@RequestMapping(value = "/admin/faults", produces = MediaType.APPLICATION_JSON_VALUE)
@ConditionalOnBooleanProperty("user-auth.faults")
class FaultsController {

  private final FaultInjector faults;

  FaultsController(FaultInjector faults) {
    this.faults = faults;
  }

  @GetMapping
  ResponseEntity<String> get(HttpServletRequest request) {
    return loopback(request) ? ResponseEntity.ok(faults.current().toJson()) : forbidden();
  }

  @PostMapping
  ResponseEntity<String> set(HttpServletRequest request) {
    if (!loopback(request)) {
      return forbidden();
    }
    try {
      faults.set(Faults.parse(request.getQueryString()));
    } catch (IllegalArgumentException e) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body(e.getMessage() + "\n");
    }
    return ResponseEntity.ok(faults.current().toJson());
  }

  @DeleteMapping
  ResponseEntity<String> clear(HttpServletRequest request) {
    if (!loopback(request)) {
      return forbidden();
    }
    faults.set(Faults.NONE);
    return ResponseEntity.ok(faults.current().toJson());
  }

  /** The peer's address, not a header: a proxy's X-Forwarded-For cannot unlock it. */
  private static boolean loopback(HttpServletRequest request) {
    try {
      return InetAddress.getByName(request.getRemoteAddr()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static ResponseEntity<String> forbidden() {
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.TEXT_PLAIN)
        .body("faults can only be injected from loopback\n");
  }
}
