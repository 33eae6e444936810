package io.srekit.rules;

/** Extracts the {@code spec:} of a generated PrometheusRule as a plain rules file. */
final class CrdSpec {

  private CrdSpec() {}

  /** The lines under {@code spec:}, de-indented by two spaces. */
  static String groupsOf(String crd) {
    int at = crd.indexOf("\nspec:\n");
    if (at < 0) {
      throw new AssertionError("no spec in\n" + crd);
    }
    StringBuilder sb = new StringBuilder();
    for (String line : crd.substring(at + "\nspec:\n".length()).split("\n", -1)) {
      if (line.isEmpty()) {
        sb.append('\n');
      } else if (line.startsWith("  ")) {
        sb.append(line.substring(2)).append('\n');
      } else {
        throw new AssertionError("not indented under spec: " + line);
      }
    }
    return sb.toString().replaceAll("\n+$", "\n");
  }
}
