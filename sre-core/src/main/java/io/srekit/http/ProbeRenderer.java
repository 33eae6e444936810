package io.srekit.http;

import io.srekit.health.CheckKind;
import io.srekit.health.HealthStatus;
import io.srekit.health.ProbeSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;

/**
 * Renders probe answers: plain {@code ok}, Kubernetes' verbose text, and the IETF health-check
 * draft's JSON. Details are rendered only when the caller is authorized.
 */
final class ProbeRenderer {

  static final String HEALTH_JSON = "application/health+json";
  static final String WITHHELD = "reason withheld";
  private static final int MAX_DETAIL = 256;

  private ProbeRenderer() {}

  static int code(HealthStatus s) {
    return s == HealthStatus.FAIL ? 503 : 200;
  }

  static HttpResponse plain(ProbeSnapshot p, Set<String> excluded) {
    HealthStatus s = p.statusExcluding(excluded);
    return HttpResponse.text(
        code(s), s.isHealthy() ? "ok" : p.probe().shortName() + " check failed");
  }

  static HttpResponse verbose(ProbeSnapshot p, Set<String> excluded, boolean details) {
    HealthStatus s = p.statusExcluding(excluded);
    StringBuilder b = new StringBuilder(256);
    for (ProbeSnapshot.Entry e : p.entries()) {
      boolean ex = e.excluded() || e.excludedBy(excluded);
      boolean failsProbe = !ex && e.critical() && e.status() == HealthStatus.FAIL;
      b.append(failsProbe ? "[-]" : "[+]").append(e.name());
      if (ex) {
        b.append(" excluded:");
      }
      switch (e.status()) {
        case PASS -> b.append(" ok");
        case WARN -> b.append(" warn: ").append(reason(e, details));
        case FAIL -> b.append(" failed: ").append(reason(e, details));
      }
      b.append('\n');
    }
    b.append(p.probe().shortName())
        .append(s.isHealthy() ? " check passed" : " check failed")
        .append('\n');
    return HttpResponse.text(code(s), b.toString());
  }

  static HttpResponse entry(ProbeSnapshot.Entry e, boolean json, boolean details) {
    HealthStatus s = e.critical() ? e.status() : HealthStatus.PASS;
    if (json) {
      StringBuilder b = new StringBuilder(128);
      b.append("{\"status\":\"").append(e.status().wireName()).append("\",\"checks\":{");
      appendCheck(b, e, details);
      b.append("}}");
      return HttpResponse.builder(code(s))
          .body(HEALTH_JSON, b.toString().getBytes(StandardCharsets.UTF_8))
          .build();
    }
    String body =
        switch (e.status()) {
          case PASS -> "ok";
          case WARN -> "warn: " + reason(e, details);
          case FAIL -> e.name() + " failed: " + reason(e, details);
        };
    return HttpResponse.text(code(s), body);
  }

  static HttpResponse json(ProbeSnapshot p, Set<String> excluded, boolean details) {
    HealthStatus s = p.statusExcluding(excluded);
    StringBuilder b = new StringBuilder(512);
    b.append("{\"status\":\"")
        .append(s.wireName())
        .append("\",\"description\":\"")
        .append(p.probe().shortName())
        .append("\",\"checks\":{");
    boolean first = true;
    for (ProbeSnapshot.Entry e : p.entries()) {
      if (e.excludedBy(excluded)) {
        continue;
      }
      if (!first) {
        b.append(',');
      }
      first = false;
      appendCheck(b, e, details);
    }
    b.append("}}");
    return HttpResponse.builder(code(s))
        .body(HEALTH_JSON, b.toString().getBytes(StandardCharsets.UTF_8))
        .build();
  }

  private static void appendCheck(StringBuilder b, ProbeSnapshot.Entry e, boolean details) {
    b.append('"').append(e.name()).append("\":[{\"componentType\":\"");
    b.append(e.kind() == CheckKind.DEPENDENCY ? "system" : "component").append('"');
    b.append(",\"status\":\"").append(e.status().wireName()).append('"');
    if (e.timeMillis() > 0) {
      b.append(",\"time\":\"").append(Instant.ofEpochMilli(e.timeMillis())).append('"');
    }
    if (details && e.kind() != null) {
      b.append(",\"observedValue\":")
          .append(e.durationNanos() / 1_000_000.0)
          .append(",\"observedUnit\":\"ms\"");
    }
    if (e.status() != HealthStatus.PASS) {
      b.append(",\"output\":\"");
      escape(b, reason(e, details));
      b.append('"');
    }
    if (e.excluded()) {
      b.append(",\"excluded\":true");
    }
    b.append("}]");
  }

  /** The reason a caller may see: srekit's summary, the check's detail only when authorized. */
  static String reason(ProbeSnapshot.Entry e, boolean details) {
    String r;
    if (details && e.detail() != null) {
      String d = e.detail();
      if (d.length() > MAX_DETAIL) {
        d = d.substring(0, MAX_DETAIL) + "…";
      }
      // one line per entry in the verbose format: a detail must not forge lines
      d = d.replaceAll("\\p{Cntrl}", " ");
      r = e.summary() != null ? e.summary() + ": " + d : d;
    } else {
      r = e.summary() != null ? e.summary() : WITHHELD;
    }
    return e.failureId() != null ? r + " (id " + e.failureId() + ")" : r;
  }

  private static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
  }
}
