package io.srekit.examples.userauth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/** An in-memory user store with PBKDF2 password hashes, so a login costs real CPU. */
final class UserStore {

  private record Entry(String id, byte[] salt, byte[] hash) {}

  private final int iterations;
  private final Map<String, Entry> byName = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  UserStore(int iterations) {
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations: must be >= 1, was " + iterations);
    }
    this.iterations = iterations;
  }

  /** A store seeded with the demo users {@code alice}, {@code bob} and {@code carol}. */
  static UserStore demo(int iterations) {
    UserStore store = new UserStore(iterations);
    store.add("1", "alice", "wonderland");
    store.add("2", "bob", "builder");
    store.add("3", "carol", "christmas");
    return store;
  }

  void add(String id, String username, String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    byName.put(username, new Entry(id, salt, hash(password, salt)));
  }

  /** The user's id if the password matches, else {@code null}. Constant work either way. */
  String authenticate(String username, String password) {
    Entry e = byName.get(username);
    byte[] salt = e != null ? e.salt() : new byte[16];
    byte[] candidate = hash(password == null ? "" : password, salt);
    return e != null && MessageDigest.isEqual(candidate, e.hash()) ? e.id() : null;
  }

  /** The username of a user id, or {@code null}. */
  String usernameOf(String id) {
    for (Map.Entry<String, Entry> e : byName.entrySet()) {
      if (e.getValue().id().equals(id)) {
        return e.getKey();
      }
    }
    return null;
  }

  private byte[] hash(String password, byte[] salt) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
    }
  }
}
