package io.srekit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.srekit.health.CheckKind;
import io.srekit.health.Impact;
import io.srekit.sli.ClientAbortPolicy;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * The IDE metadata the jar ships: the processor's entries plus the hand-written ones for map values
 * and list items ({@code sre.slis.*.…}, {@code sre.slos[*].…}, {@code sre.probes.indicators.*.…}),
 * checked against {@link SreProperties} by reflection so neither side can drift.
 */
class ConfigurationMetadataTest {

  private static final String SLO = SreProperties.SloProperties.class.getName();
  private static final String SLI = SreProperties.SliProperties.class.getName();
  private static final String INDICATOR = SreProperties.Indicator.class.getName();

  private static String json;
  private static Map<String, Map<String, Object>> properties;
  private static Map<String, Map<String, Object>> hints;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws Exception {
    try (InputStream in =
        SreProperties.class
            .getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Map<String, Object> metadata = JsonMapper.builder().build().readValue(json, Map.class);
    properties = byName((List<Map<String, Object>>) metadata.get("properties"));
    hints = byName((List<Map<String, Object>>) metadata.get("hints"));
  }

  private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> entries) {
    Map<String, Map<String, Object>> m = new LinkedHashMap<>();
    for (Map<String, Object> e : entries) {
      assertThat(m.put((String) e.get("name"), e)).as("duplicate %s", e.get("name")).isNull();
    }
    return m;
  }

  @Test
  void shipsIdeMetadataForEverySreProperty() {
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

  @Test
  void describesTheEntriesOfSlisSlosAndIndicatorsWithTypeAndDescription() {
    assertThat(property("sre.slos[*].objective"))
        .containsEntry("type", "java.lang.String")
        .containsEntry("sourceType", SLO)
        .containsEntry("description", "Objective as a decimal string in (0, 1), e.g. \"0.999\".");
    assertThat(property("sre.slos[*].threshold"))
        .containsEntry("type", "java.time.Duration")
        .containsEntry("sourceType", SLO)
        .doesNotContainKey("defaultValue");
    assertThat(property("sre.slos[*].period"))
        .containsEntry("type", "java.lang.String")
        .containsEntry("defaultValue", "30d");
    assertThat(property("sre.slos[*].kind"))
        .containsEntry("type", "io.srekit.spring.SreProperties$Kind")
        .containsEntry("defaultValue", "availability");
    assertThat(property("sre.slis.*.buckets"))
        .containsEntry("type", "java.util.List<java.lang.Double>")
        .containsEntry("sourceType", SLI);
    assertThat(property("sre.slis.*.max-series")).containsEntry("type", "java.lang.Integer");
    assertThat(property("sre.probes.indicators.*.timeout"))
        .containsEntry("type", "java.time.Duration")
        .containsEntry("sourceType", INDICATOR)
        .containsEntry("defaultValue", "1s")
        .containsEntry("description", "Deadline of one run; past it the run counts as failed.");
    assertThat(property("sre.probes.indicators.*.impact"))
        .containsEntry("type", "io.srekit.health.Impact")
        .containsEntry("defaultValue", "readiness");
    for (String name :
        List.of("sre.slos[*].name", "sre.slis.*.help", "sre.probes.indicators.*.interval")) {
      assertThat((String) property(name).get("description")).as(name).isNotBlank();
    }
  }

  @Test
  void listsEveryLeafPropertyWithItsTypeAndAPlainDescription() {
    Map<String, String> leaves = new LinkedHashMap<>();
    leaves("sre", SreProperties.class, leaves);
    // the walk reaches into map values and list items
    assertThat(leaves)
        .containsEntry("sre.slos[*].objective", "java.lang.String")
        .containsEntry("sre.slis.*.max-series", "java.lang.Integer")
        .containsEntry("sre.probes.indicators.*.kind", "io.srekit.health.CheckKind")
        .containsEntry("sre.probes.drain-delay", "java.time.Duration")
        .containsEntry("sre.slos[*].alerts[*].long-window", "java.time.Duration")
        .hasSize(39);

    leaves.forEach(
        (name, type) -> {
          Map<String, Object> p = property(name);
          assertThat(p.get("type")).as(name).isEqualTo(type);
          assertThat((String) p.get("description"))
              .as(name)
              .isNotBlank()
              .doesNotContain("{@")
              .endsWith(".");
        });
    // and nothing stale: every sre.* entry is a property of SreProperties
    assertThat(leaves.keySet()).containsExactlyInAnyOrderElementsOf(properties.keySet());
  }

  @Test
  void statesTheDefaultsANewEntryHas() throws Exception {
    assertDefaults("sre.slis.*.", new SreProperties.SliProperties());
    assertDefaults("sre.slos[*].", new SreProperties.SloProperties());
    assertDefaults("sre.probes.indicators.*.", new SreProperties.Indicator());
    assertDefaults("sre.slos[*].alerts[*].", new SreProperties.AlertProperties());
  }

  @Test
  void hintsTheEnumeratedValues() {
    assertEnumHint("sre.slos[*].kind", SreProperties.Kind.class);
    assertEnumHint("sre.slos[*].alerts[*].severity", SreProperties.Severity.class);
    assertEnumHint("sre.probes.indicators.*.impact", Impact.class);
    assertEnumHint("sre.probes.indicators.*.kind", CheckKind.class);
    assertEnumHint("sre.client-aborts", ClientAbortPolicy.class);
    assertEnumHint("sre.probes.healthz", SreProperties.HealthzMode.class);
    assertThat(hintValues("sre.slos[*].period")).containsExactly("30d", "28d");
    assertThat(property("sre.slos[*].period")).containsEntry("defaultValue", "30d");
    assertThat(hints.get("sre.probes.indicators.keys").get("providers"))
        .isEqualTo(
            List.of(
                Map.of(
                    "name",
                    "spring-bean-reference",
                    "parameters",
                    Map.of("target", HealthIndicator.class.getName()))));
    // every hinted period is one SreDefinitions accepts
    for (String period : hintValues("sre.slos[*].period")) {
      SreProperties p = new SreProperties();
      p.getSlis().put("s", new SreProperties.SliProperties());
      SreProperties.SloProperties slo = new SreProperties.SloProperties();
      slo.setName("s-availability");
      slo.setSli("s");
      slo.setObjective("0.999");
      slo.setPeriod(period);
      p.getSlos().add(slo);
      assertThatCode(() -> SreDefinitions.of(p, List.of(), List.of())).doesNotThrowAnyException();
    }
  }

  private static Map<String, Object> property(String name) {
    assertThat(properties).as("metadata properties").containsKey(name);
    return properties.get(name);
  }

  @SuppressWarnings("unchecked")
  private static List<String> hintValues(String name) {
    assertThat(hints).as("metadata hints").containsKey(name);
    List<Map<String, Object>> values = (List<Map<String, Object>>) hints.get(name).get("values");
    assertThat(values).allSatisfy(v -> assertThat((String) v.get("description")).isNotBlank());
    return values.stream().map(v -> (String) v.get("value")).toList();
  }

  /** Every constant of {@code type} is hinted, the property's default first. */
  private static void assertEnumHint(String name, Class<? extends Enum<?>> type) {
    List<String> constants =
        Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    List<String> hinted = hintValues(name);
    assertThat(hinted).as(name).containsExactlyInAnyOrderElementsOf(constants);
    assertThat(hinted.get(0)).as(name).isEqualTo(property(name).get("defaultValue"));
  }

  /**
   * Collects the names an IDE completes with their metadata type: nested groups are walked, map
   * values as {@code .*.}, list items as {@code [*].}; a map or list is itself a leaf too.
   */
  private static void leaves(String prefix, Class<?> type, Map<String, String> out) {
    for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(type)) {
      if (d.getReadMethod() == null || d.getWriteMethod() == null) {
        continue;
      }
      String name = prefix + "." + dashed(d.getName());
      Type t = d.getReadMethod().getGenericReturnType();
      Class<?> raw = d.getPropertyType();
      Class<?> element = elementOfOurs(t);
      if (element != null) {
        out.put(name, typeName(t));
        leaves(Map.class.isAssignableFrom(raw) ? name + ".*" : name + "[*]", element, out);
      } else if (isOurs(raw) && !raw.isEnum()) {
        leaves(name, raw, out);
      } else {
        out.put(name, typeName(t));
      }
    }
  }

  private static Class<?> elementOfOurs(Type t) {
    if (t instanceof ParameterizedType p
        && (Map.class.isAssignableFrom((Class<?>) p.getRawType())
            || Collection.class.isAssignableFrom((Class<?>) p.getRawType()))) {
      Type[] args = p.getActualTypeArguments();
      Type last = args[args.length - 1];
      if (last instanceof Class<?> c && isOurs(c) && !c.isEnum()) {
        return c;
      }
    }
    return null;
  }

  private static boolean isOurs(Class<?> c) {
    return c.getName().startsWith(SreProperties.class.getName());
  }

  private static String typeName(Type t) {
    if (t instanceof Class<?> c && c.isPrimitive()) {
      return ClassUtils.resolvePrimitiveIfNecessary(c).getName();
    }
    return t.getTypeName().replace(" ", "");
  }

  private static String dashed(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static void assertDefaults(String prefix, Object fresh) throws Exception {
    for (PropertyDescriptor d : BeanUtils.getPropertyDescriptors(fresh.getClass())) {
      if (d.getWriteMethod() == null) {
        continue;
      }
      String name = prefix + dashed(d.getName());
      Object value = d.getReadMethod().invoke(fresh);
      Object documented = property(name).get("defaultValue");
      if (value == null || (value instanceof Collection<?> c && c.isEmpty())) {
        assertThat(documented).as(name).isNull();
      } else if (value instanceof Enum<?> e) {
        assertThat(documented).as(name).isEqualTo(e.name().toLowerCase(Locale.ROOT));
      } else if (value instanceof Duration duration) {
        assertThat(DurationStyle.detectAndParse((String) documented)).as(name).isEqualTo(duration);
      } else {
        assertThat(documented).as(name).isEqualTo(value);
      }
    }
  }
}
