package io.srekit.examples.userauth.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.srekit.examples.userauth.ConfiguredSlos;
import io.srekit.testing.ExternalTools;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What user-auth hands to operations: the committed files under {@code k8s/} are exactly what the
 * jar prints, they parse as Kubernetes objects with no unknown field, and every rules file passes
 * promtool (the CPU alert's test included), the Alertmanager configuration amtool. Regenerate the
 * committed files with {@code -Dsrekit.regenerate=true}.
 */
class OpsArtifactsTest {

  private static final Path K8S = Path.of("k8s");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private static void matchesCommitted(String file, String generated) throws Exception {
    Path p = K8S.resolve(file);
    if (Boolean.getBoolean("srekit.regenerate")) {
      Files.createDirectories(K8S);
      Files.writeString(p, generated);
    }
    assertThat(p).as("%s is committed; regenerate with -Dsrekit.regenerate=true", p).exists();
    assertThat(Files.readString(p))
        .as("committed %s equals what the jar prints", p)
        .isEqualTo(generated);
  }

  private static String manifests() {
    return K8sManifests.render(
        ConfiguredSlos.load().slos(), ConfiguredSlos.properties().getProbes().getDrainDelay());
  }

  @Test
  void committedFilesAreWhatTheJarPrints() throws Exception {
    matchesCommitted("user-auth.yaml", manifests());
    matchesCommitted("resource-alerts.rules.yml", ResourceAlerts.rulesFileYaml());
    matchesCommitted("resource-alerts.test.yml", ResourceAlerts.promtoolTestYaml());
  }

  @Test
  void manifestsParseAsKubernetesObjectsWithTheProbesAndDrainRight() throws Exception {
    List<JsonNode> docs = documents(manifests());
    assertThat(docs)
        .extracting(d -> d.get("kind").asText())
        .containsExactly(
            "Deployment",
            "Service",
            "ServiceMonitor",
            "HorizontalPodAutoscaler",
            "PrometheusRule",
            "PrometheusRule");

    Deployment deployment = strict(docs.get(0), Deployment.class);
    Container c = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/startupz");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(c.getLivenessProbe().getTimeoutSeconds()).isEqualTo(1);
    assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("400m");
    assertThat(c.getLifecycle().getPreStop().getExec().getCommand()).contains("drain");
    long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
    assertThat(grace)
        .isGreaterThanOrEqualTo(
            ConfiguredSlos.properties().getProbes().getDrainDelay().toSeconds() + 10);

    Service service = strict(docs.get(1), Service.class);
    assertThat(service.getSpec().getPorts()).anyMatch(p -> p.getName().equals("http-metrics"));
    assertThat(service.getSpec().getSelector()).containsEntry("app", "user-auth");

    JsonNode monitor = docs.get(2).get("spec");
    assertThat(monitor.get("endpoints").get(0).get("port").asText()).isEqualTo("http-metrics");
    assertThat(monitor.get("endpoints").get(0).get("path").asText()).isEqualTo("/metrics");
    assertThat(monitor.get("selector").get("matchLabels").get("app").asText())
        .isEqualTo(service.getMetadata().getLabels().get("app"));

    HorizontalPodAutoscaler hpa = strict(docs.get(3), HorizontalPodAutoscaler.class);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("user-auth");
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getName()).isEqualTo("cpu");
  }

  @Test
  void aWrongTypeOrAnUnknownFieldIsRejected() {
    String bad =
        manifests().replace("periodSeconds: 20", "periodSeconds: twenty").split("\n---\n")[0];
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> strict(YAML.readTree(bad), Deployment.class))
        .hasMessageContaining("twenty");
    String unknown = manifests().replace("timeoutSeconds: 1", "timeoutSecs: 1").split("\n---\n")[0];
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> strict(YAML.readTree(unknown), Deployment.class))
        .hasMessageContaining("timeoutSecs");
  }

  @Test
  void rulesPassPromtoolAndTheCpuAlertFiresWhereTheSeedsCannot(@TempDir Path dir) throws Exception {
    Path promtool = ExternalTools.require("promtool", "prometheus");
    int n = 0;
    for (JsonNode doc : documents(manifests())) {
      if (doc.get("kind").asText().equals("PrometheusRule")) {
        ObjectNode rules = YAML.createObjectNode();
        rules.set("groups", doc.get("spec").get("groups"));
        Path file = dir.resolve("rule-" + n++ + ".yml");
        YAML.writeValue(file.toFile(), rules);
        ExternalTools.Result r =
            ExternalTools.run(60, promtool.toString(), "check", "rules", file.toString());
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("SUCCESS");
      }
    }
    assertThat(n).isEqualTo(2);
    Files.writeString(dir.resolve("resource-alerts.rules.yml"), ResourceAlerts.rulesFileYaml());
    Files.writeString(dir.resolve("resource-alerts.test.yml"), ResourceAlerts.promtoolTestYaml());
    ExternalTools.Result test =
        ExternalTools.run(
            60,
            "sh",
            "-c",
            "cd '" + dir + "' && '" + promtool + "' test rules resource-alerts.test.yml");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void alertmanagerConfigurationPassesAmtool() throws Exception {
    Path amtool = ExternalTools.require("amtool", "prometheus-alertmanager");
    ExternalTools.Result r =
        ExternalTools.run(
            60, amtool.toString(), "check-config", K8S.resolve("alertmanager.yml").toString());
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("SUCCESS").contains("2 receivers");
  }

  private static List<JsonNode> documents(String yaml) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String doc : yaml.split("\n---\n")) {
      JsonNode node = YAML.readTree(doc);
      if (node != null && node.has("kind")) {
        out.add(node);
      }
    }
    return out;
  }

  /** Deserializes and fails on any field the model kept as an "additional property". */
  private static <T> T strict(JsonNode node, Class<T> type) throws Exception {
    T value = YAML.treeToValue(node, type);
    List<String> unknown = new ArrayList<>();
    collectAdditional(value, type.getSimpleName(), unknown, new IdentityHashMap<>());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown fields: " + unknown);
    }
    return value;
  }

  private static void collectAdditional(
      Object o, String path, List<String> out, Map<Object, Boolean> seen) throws Exception {
    if (o == null
        || seen.put(o, true) != null
        || !o.getClass().getName().startsWith("io.fabric8")) {
      if (o instanceof Collection<?> c) {
        int i = 0;
        for (Object e : c) {
          collectAdditional(e, path + "[" + i++ + "]", out, seen);
        }
      }
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0
          || !m.getName().startsWith("get")
          || m.getName().equals("getClass")) {
        continue;
      }
      Object v = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
          out.add(path + ": " + extra.keySet());
        }
      } else {
        collectAdditional(v, path + "." + m.getName().substring(3), out, seen);
      }
    }
  }
}
