package io.srekit.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One recording or alerting rule, as rendered into a rule group. Immutable; label and annotation
 * maps keep their insertion order, so rendering is deterministic.
 *
 * @param record the recorded series name, or {@code null} for an alert
 * @param alert the alert name, or {@code null} for a recording rule
 * @param expr the PromQL expression (may span lines)
 * @param forDuration the alert's {@code for}, e.g. {@code 10m}, or {@code null}
 * @param labels labels added to the result
 * @param annotations alert annotations (empty for recording rules)
 * @param comment a comment rendered above the rule, or {@code null}
 */
public record Rule(
    String record,
    String alert,
    String expr,
    String forDuration,
    Map<String, String> labels,
    Map<String, String> annotations,
    String comment) {

  /** Validates and copies. */
  public Rule {
    if ((record == null) == (alert == null)) {
      throw new IllegalArgumentException("rule: give exactly one of record and alert");
    }
    Objects.requireNonNull(expr, "expr");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    annotations = Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** A recording rule. */
  public static Rule recording(String record, String expr, Map<String, String> labels) {
    return new Rule(record, null, expr, null, labels, Map.of(), null);
  }

  /** An alerting rule. */
  public static Rule alerting(
      String alert,
      String expr,
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations) {
    return new Rule(null, alert, expr, forDuration, labels, annotations, null);
  }

  /** This rule with a comment above it. */
  public Rule withComment(String text) {
    return new Rule(record, alert, expr, forDuration, labels, annotations, text);
  }

  /** This rule with another expression (used to build mutants in tests). */
  public Rule withExpr(String newExpr) {
    return new Rule(record, alert, newExpr, forDuration, labels, annotations, comment);
  }

  /** The record or alert name. */
  public String name() {
    return record != null ? record : alert;
  }

  /** Whether this is an alerting rule. */
  public boolean isAlert() {
    return alert != null;
  }
}
