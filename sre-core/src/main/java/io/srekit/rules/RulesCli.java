package io.srekit.rules;

import io.srekit.slo.Slo;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Command line: prints or writes the rules of the SLOs a class of the application provides.
 *
 * <pre>
 * java -cp app.jar io.srekit.rules.RulesCli --slos com.example.Slos            # rules file
 * java -cp app.jar io.srekit.rules.RulesCli --slos com.example.Slos --crd      # PrometheusRule
 * java -cp app.jar io.srekit.rules.RulesCli --slos com.example.Slos --out dir  # + promtool tests
 * </pre>
 *
 * The class named by {@code --slos} either implements {@code Supplier<List<Slo>>} with a public
 * no-argument constructor or has a {@code public static List<Slo> slos()} method. An application
 * that already holds its SLOs calls {@link #run(List, String[], PrintStream)} instead (e.g. from
 * its own {@code rules} / {@code rules --crd} command).
 */
public final class RulesCli {

  static final String USAGE =
      """
      usage: RulesCli --slos <class> [--crd] [--out <dir>] [--service <name>] [--name <name>]
                      [--namespace <ns>] [--selector <label>=<value>]... [--aggregate-away <l,l>]
                      [--interval <duration>] [--runbook-url <template>] [--both-le-spellings]
                      [--legacy-quantile-alert]
        --slos     a class implementing Supplier<List<Slo>> or with a static List<Slo> slos()
        --crd      print a monitoring.coreos.com/v1 PrometheusRule instead of a rules file
        --out      write <name>.rules.yml, <name>.prometheusrule.yaml and <name>.rules.test.yml
      """;

  private RulesCli() {}

  /** Entry point; exits with 0 on success, 2 on bad usage. */
  public static void main(String[] args) {
    int code = run(null, args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs with {@code slos} (the {@code --slos} option is then not needed) and returns the exit
   * code; errors go to {@code out} too.
   */
  public static int run(List<Slo> slos, String[] args, PrintStream out) {
    return run(slos, args, out, out);
  }

  static int run(List<Slo> given, String[] args, PrintStream out, PrintStream err) {
    try {
      RulesOptions.Builder options = RulesOptions.builder();
      String slosClass = null;
      boolean crd = false;
      Path dir = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--crd" -> crd = true;
          case "--both-le-spellings" -> options.matchBothLeSpellings(true);
          case "--legacy-quantile-alert" -> options.legacyQuantileAlert(true);
          case "-h", "--help" -> {
            out.print(USAGE);
            return 0;
          }
          default -> {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException("unknown option or missing value: " + a);
            }
            String v = args[++i];
            switch (a) {
              case "--slos" -> slosClass = v;
              case "--out" -> dir = Path.of(v);
              case "--service" -> options.service(v);
              case "--name" -> options.name(v);
              case "--namespace" -> options.namespace(v);
              case "--interval" -> options.interval(v);
              case "--runbook-url" -> options.runbookUrl(v);
              case "--aggregate-away" -> options.aggregateAway(v.split(","));
              case "--selector" -> {
                int eq = v.indexOf('=');
                if (eq <= 0) {
                  throw new IllegalArgumentException("--selector: expected label=value, was " + v);
                }
                options.selector(v.substring(0, eq), v.substring(eq + 1));
              }
              default -> throw new IllegalArgumentException("unknown option: " + a);
            }
          }
        }
      }
      List<Slo> slos = given != null ? given : load(slosClass);
      SloRules rules = SloRules.of(slos, options.build());
      if (dir != null) {
        for (Path p : rules.writeTo(dir)) {
          out.println(p);
        }
      } else {
        out.print(crd ? rules.prometheusRuleYaml() : rules.rulesYaml());
      }
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.print(USAGE);
      err.flush();
      return 2;
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Slo> load(String className) {
    if (className == null) {
      throw new IllegalArgumentException("--slos: required");
    }
    try {
      Class<?> c = Class.forName(className);
      Object result;
      if (Supplier.class.isAssignableFrom(c)) {
        result = ((Supplier<Object>) c.getConstructor().newInstance()).get();
      } else {
        Method m = c.getMethod("slos");
        if (!Modifier.isStatic(m.getModifiers())) {
          throw new IllegalArgumentException("--slos: " + className + ".slos() must be static");
        }
        result = m.invoke(null);
      }
      if (!(result instanceof List<?> list)) {
        throw new IllegalArgumentException("--slos: " + className + " did not give a List<Slo>");
      }
      List<Slo> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof Slo s)) {
          throw new IllegalArgumentException("--slos: not an Slo: " + o);
        }
        out.add(s);
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new IllegalArgumentException("--slos: cannot get SLOs from " + className + ": " + e, e);
    }
  }
}
