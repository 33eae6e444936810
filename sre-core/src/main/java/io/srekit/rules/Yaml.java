package io.srekit.rules;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A deliberately small YAML writer for rule files and promtool tests: block style only, strings
 * double-quoted unless they are plain identifiers, multi-line text as literal blocks. Same input,
 * same bytes.
 */
final class Yaml {

  private static final Pattern PLAIN = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_:]*");

  private Yaml() {}

  /** A scalar: plain for identifiers and rule names, double-quoted otherwise. */
  static String scalar(String s) {
    if (PLAIN.matcher(s).matches()
        && !s.equals("true")
        && !s.equals("false")
        && !s.equals("null")
        && !s.equals("yes")
        && !s.equals("no")
        && !s.equals("on")
        && !s.equals("off")) {
      return s;
    }
    return quoted(s);
  }

  /** Always double-quoted, with JSON-compatible escapes. */
  static String quoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** {@code key: value} where a multi-line value becomes a literal block indented below. */
  static void text(StringBuilder out, String indent, String key, String value) {
    if (value.indexOf('\n') < 0) {
      out.append(indent).append(key).append(": ").append(quoted(value)).append('\n');
      return;
    }
    out.append(indent).append(key).append(": |-\n");
    for (String line : value.split("\n", -1)) {
      if (line.isEmpty()) {
        out.append('\n');
      } else {
        out.append(indent).append("  ").append(line).append('\n');
      }
    }
  }

  /** A map of strings under {@code key}, or nothing when empty. */
  static void map(StringBuilder out, String indent, String key, Map<String, String> map) {
    if (map.isEmpty()) {
      return;
    }
    out.append(indent).append(key).append(":\n");
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.append(indent)
          .append("  ")
          .append(scalar(e.getKey()))
          .append(": ")
          .append(quoted(e.getValue()))
          .append('\n');
    }
  }

  /** Comment lines. */
  static void comment(StringBuilder out, String indent, String text) {
    for (String line : text.split("\n", -1)) {
      out.append(indent).append(line.isEmpty() ? "#" : "# " + line).append('\n');
    }
  }

  /** {@code groups:} with every group, each line prefixed by {@code indent}. */
  static void groups(StringBuilder out, String indent, List<RuleGroup> groups) {
    out.append(indent).append("groups:\n");
    for (RuleGroup g : groups) {
      out.append(indent).append("- name: ").append(scalar(g.name())).append('\n');
      if (g.interval() != null) {
        out.append(indent).append("  interval: ").append(g.interval()).append('\n');
      }
      out.append(indent).append("  rules:\n");
      for (Rule r : g.rules()) {
        String in = indent + "  ";
        if (r.comment() != null) {
          comment(out, in, r.comment());
        }
        out.append(in)
            .append(r.isAlert() ? "- alert: " : "- record: ")
            .append(scalar(r.name()))
            .append('\n');
        String body = in + "  ";
        text(out, body, "expr", r.expr());
        if (r.forDuration() != null) {
          out.append(body).append("for: ").append(r.forDuration()).append('\n');
        }
        map(out, body, "labels", r.labels());
        map(out, body, "annotations", r.annotations());
      }
    }
  }
}
