package io.srekit.spring.it;

import io.srekit.spring.Sli;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.DeferredResult;

/** A small Spring MVC application for the HTTP tests. */
@SpringBootApplication
public class TestApp {

  /** Released by the drain test to let {@code /slow} answer. */
  public static volatile CountDownLatch slowGate = new CountDownLatch(0);

  /** Counted down when {@code /slow} has started. */
  public static volatile CountDownLatch slowStarted = new CountDownLatch(1);

  /** Thrown by {@code /unavailable}, mapped to 503 by the advice. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable() {
      super("secret upstream detail");
    }
  }

  @RestController
  @Sli("user_auth_request")
  static class Users {

    @GetMapping("/users/{id}")
    String user(@PathVariable String id) {
      return "user " + id;
    }

    @GetMapping("/bad")
    String bad() {
      throw new IllegalArgumentException("secret argument detail");
    }

    @GetMapping("/unavailable")
    String unavailable() {
      throw new Unavailable();
    }

    @GetMapping("/callable/{id}")
    Callable<String> callable(@PathVariable String id) {
      return () -> "callable " + id;
    }

    @GetMapping("/deferred/{id}")
    DeferredResult<String> deferred(@PathVariable String id) {
      DeferredResult<String> r = new DeferredResult<>(10_000L);
      CompletableFuture.runAsync(() -> r.setResult("deferred " + id));
      return r;
    }

    @GetMapping("/future/{id}")
    CompletableFuture<String> future(@PathVariable String id) {
      return CompletableFuture.supplyAsync(() -> "future " + id);
    }

    @GetMapping("/boom")
    String boom() {
      throw new IllegalStateException("secret unhandled detail");
    }

    @GetMapping("/deferred-failure")
    DeferredResult<String> deferredFailure() {
      DeferredResult<String> r = new DeferredResult<>(10_000L);
      CompletableFuture.runAsync(() -> r.setErrorResult(new Unavailable()));
      return r;
    }

    @GetMapping("/slow")
    String slow() throws InterruptedException {
      slowStarted.countDown();
      slowGate.await(20, TimeUnit.SECONDS);
      return "slow";
    }
  }

  @RestController
  static class Other {
    @GetMapping("/plain")
    String plain() {
      return "plain";
    }

    @Sli("search_request")
    @GetMapping("/search")
    String search() {
      return "found";
    }
  }

  @RestControllerAdvice
  static class Advice {
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badRequest(IllegalArgumentException e) {
      return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("bad request");
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<String> unavailable(Unavailable e) {
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try later");
    }
  }
}
