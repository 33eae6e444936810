package io.srekit.sli;

/** What an adapter does with a request the client abandoned (closed the connection). */
public enum ClientAbortPolicy {
  /** Record it with {@link Outcome#INVALID}: timed, visible, outside availability (default). */
  INVALID,
  /** Do not record it at all. */
  EXCLUDE
}
