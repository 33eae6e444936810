package io.srekit.examples.userauth;

import io.srekit.examples.userauth.ops.K8sManifests;
import io.srekit.rules.RulesCli;
import io.srekit.sli.LatencySli;
import io.srekit.slo.SloEngine;
import io.srekit.spring.SreDefinitions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * user-auth: a Spring Boot login service instrumented with srekit. {@code POST /login} and {@code
 * GET /users/{id}} feed the {@code user_auth_request} SLI ({@link LoginController}); SLOs, probes
 * and the user-store readiness check are declared in {@code application.yml}.
 *
 * <p>Commands: none starts the service (port {@code --server.port}, {@code $PORT} or 8080); {@code
 * --demo} starts it, drives its own traffic through an incident and exits 0 when the latency page
 * fired and resolved; {@code --faults} starts it with the loopback-only fault endpoint; {@code
 * rules [--crd]} prints the Prometheus rules of the configured SLOs; {@code k8s} the Kubernetes
 * manifests; {@code drain} is the preStop hook. {@code rules} and {@code k8s} read the same {@code
 * application.yml} (and any {@code --spring.config.additional-location}) the service would.
 */
@SpringBootApplication
@EnableConfigurationProperties(UserAuthProperties.class)
public class UserAuthApplication {

  /** The SLI both routes feed. */
  public static final String SLI = "user_auth_request";

  /** The demo users {@code alice}, {@code bob} and {@code carol}, with PBKDF2 hashes. */
  @Bean
  UserStore userStore(UserAuthProperties properties) {
    return UserStore.demo(properties.pbkdf2Iterations());
  }

  /** Runs the command in {@code args}; see the class comment. */
  public static void main(String[] args) {
    String command = args.length > 0 ? args[0] : "";
    String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
    switch (command) {
      case "k8s" -> {
        // Deployment, Service, ServiceMonitor, HPA and the PrometheusRules, as committed in k8s/.
        System.out.print(
            K8sManifests.render(
                ConfiguredSlos.load(rest).slos(),
                ConfiguredSlos.properties(rest).getProbes().getDrainDelay()));
        return;
      }
      case "rules" -> {
        System.exit(rules(rest));
        return;
      }
      case "drain" -> {
        System.exit(
            Drain.run(
                System.getenv(), ConfiguredSlos.properties(rest).getProbes().getDrainDelay()));
        return;
      }
      default -> {
        // the service itself, below
      }
    }
    boolean demo = List.of(args).contains("--demo");
    ConfigurableApplicationContext ctx = start(args);
    if (demo) {
      System.exit(SpringApplication.exit(ctx, () -> runDemo(ctx) ? 0 : 3));
    }
  }

  /**
   * Starts the service: {@code --demo} activates the {@code demo} profile (cheap logins, a 1 s
   * engine tick, the fault endpoint, quiet logs), {@code --faults} the {@code faults} profile.
   */
  public static ConfigurableApplicationContext start(String... args) {
    List<String> profiles = new ArrayList<>();
    List<String> springArgs = new ArrayList<>();
    for (String a : args) {
      switch (a) {
        case "--demo" -> profiles.add("demo");
        case "--faults" -> profiles.add("faults");
        default -> springArgs.add(a);
      }
    }
    SpringApplication app = new SpringApplication(UserAuthApplication.class);
    app.setAdditionalProfiles(profiles.toArray(String[]::new));
    return app.run(springArgs.toArray(String[]::new));
  }

  /** The port the started service listens on. */
  public static int port(ConfigurableApplicationContext ctx) {
    return ((WebServerApplicationContext) ctx).getWebServer().getPort();
  }

  private static boolean runDemo(ConfigurableApplicationContext ctx) {
    SreDefinitions defs = ctx.getBean(SreDefinitions.class);
    LatencySli sli = defs.sli(SLI);
    Demo demo =
        new Demo(
            port(ctx),
            ctx.getBean(SloEngine.class),
            sli,
            System.out,
            Duration.ofSeconds(30),
            Duration.ofSeconds(45),
            Duration.ofMinutes(5),
            Duration.ofSeconds(5));
    warmUp(ctx.getBean(UserStore.class));
    Thread stop = new Thread(demo::stop, "user-auth-demo-stop");
    Runtime.getRuntime().addShutdownHook(stop);
    try {
      return demo.run();
    } catch (Exception e) {
      System.err.println("demo failed: " + e);
      return false;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stop);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running already
      }
    }
  }

  /**
   * A fresh JVM runs PBKDF2 in the interpreter for its first seconds, ten times slower than
   * compiled: the demo's first few hundred logins would pile up and burn the latency budget before
   * any incident. Warm the credential check up outside the request path (not recorded), as a real
   * rollout's warm-up would, until 20 checks in a row take under 2 ms each (at most 30 s).
   */
  private static void warmUp(UserStore users) {
    System.out.println("srekit demo: warming up the JVM (PBKDF2 compiled before traffic starts)");
    long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int fastInARow = 0;
    while (fastInARow < 20 && System.nanoTime() - end < 0) {
      long start = System.nanoTime();
      users.authenticate("alice", "wonderland");
      fastInARow = System.nanoTime() - start < 2_000_000L ? fastInARow + 1 : 0;
    }
  }

  /** {@code rules [--crd] [srekit RulesCli options] [--spring.* options]}. */
  private static int rules(String[] args) {
    List<String> cli = new ArrayList<>(List.of("--service", "user-auth"));
    List<String> spring = new ArrayList<>();
    for (String a : args) {
      (a.startsWith("--spring.") || a.startsWith("--sre.") ? spring : cli).add(a);
    }
    SreDefinitions defs = ConfiguredSlos.load(spring.toArray(String[]::new));
    return RulesCli.run(defs.slos(), cli.toArray(String[]::new), System.out);
  }
}
