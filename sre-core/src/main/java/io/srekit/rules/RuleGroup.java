package io.srekit.rules;

import java.util.List;
import java.util.Objects;

/**
 * A named rule group: Prometheus evaluates its rules in order, so a rule sees the results of the
 * rules above it from the same evaluation. Immutable.
 *
 * @param name the group name, unique in a file
 * @param interval the evaluation interval, e.g. {@code 30s}, or {@code null} for the global one
 * @param rules the rules, in evaluation order
 */
public record RuleGroup(String name, String interval, List<Rule> rules) {

  /** Validates and copies. */
  public RuleGroup {
    Objects.requireNonNull(name, "name");
    rules = List.copyOf(rules);
  }
}
