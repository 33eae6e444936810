package io.srekit.examples.userauth;

import org.springframework.stereotype.Component;

/** The faults in force; {@link Faults#NONE} unless the fault endpoint changed them. */
@Component
class FaultInjector {

  private volatile Faults current = Faults.NONE;

  Faults current() {
    return current;
  }

  void set(Faults faults) {
    current = faults;
  }
}
