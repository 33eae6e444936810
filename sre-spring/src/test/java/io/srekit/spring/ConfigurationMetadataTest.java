package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConfigurationMetadataTest {

  @Test
  void shipsIdeMetadataForEverySreProperty() throws Exception {
    String json;
    try (InputStream in =
        SreProperties.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(json)
        .contains(
            "\"sre.enabled\"",
            "\"sre.slis\"",
            "\"sre.slos\"",
            "\"sre.default-sli\"",
            "\"sre.client-aborts\"",
            "\"sre.probes.prefix\"",
            "\"sre.probes.drain-delay\"",
            "\"sre.probes.healthz\"",
            "\"sre.probes.drain-secret\"",
            "\"sre.probes.indicators\"",
            "\"sre.metrics.enabled\"",
            "\"sre.metrics.path\"",
            "\"sre.slo.path\"",
            "\"sre.health.contributor\"")
        .contains("io.srekit.spring.SreProperties$SloProperties");
  }
}
