package io.srekit.health;

/** What a check looks at: the process itself or something it depends on. */
public enum CheckKind {
  /** Process-local state (thread pools, caches, a deadlock detector). */
  LOCAL,
  /** A dependency (database, broker, another service). */
  DEPENDENCY
}
