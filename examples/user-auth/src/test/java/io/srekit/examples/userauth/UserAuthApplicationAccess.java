package io.srekit.examples.userauth;

import io.srekit.slo.Slo;
import java.util.List;

/** Test access to user-auth's SLO definitions. */
public final class UserAuthApplicationAccess {

  private UserAuthApplicationAccess() {}

  /** user-auth's SLOs over a fresh SLI. */
  public static List<Slo> slos() {
    return UserAuthApplication.slos(UserAuthApplication.newSli());
  }
}
