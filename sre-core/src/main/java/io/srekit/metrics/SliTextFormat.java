package io.srekit.metrics;

import io.srekit.sli.HistogramCounts;
import io.srekit.sli.LatencySli;
import io.srekit.sli.Outcome;
import io.srekit.sli.SeriesSnapshot;
import io.srekit.sli.SliSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one SLI's families in the Prometheus text format 0.0.4 or OpenMetrics 1.0, byte for byte
 * what client_java's writers produce for {@link SliCollector}, several times faster: every line's
 * name and labels are rendered once per series and kept, so a scrape only formats numbers.
 *
 * <p>Used by srekit's own {@code /metrics} endpoints; a scrape through a {@code
 * PrometheusMeterRegistry} goes through client_java's writers instead. Not thread-safe: callers
 * serialise writes (the endpoints do).
 *
 * <pre>{@code
 * SliTextFormat text = SliTextFormat.of(sli);
 * text.write(out, false); // text 0.0.4; true for OpenMetrics (without the final "# EOF")
 * }</pre>
 */
public final class SliTextFormat {

  private final LatencySli sli;
  private final byte[] header;
  private final byte[] headerOpenMetrics;
  private final byte[] rejectedHeader;
  private final byte[] rejectedHeaderOpenMetrics;
  private final byte[] rejectedPrefix;
  private final byte[] overflowHeader;
  private final byte[] overflowHeaderOpenMetrics;
  private final byte[] overflowPrefix;
  private final String[] leValues;
  private final List<SeriesLines> lines = new ArrayList<>();
  private int[] order = new int[0]; // (series << 2 | outcome) in client_java's label order
  private List<List<String>> orderedFor = List.of();
  private final byte[] buffer = new byte[32];

  /** Prefixes of every line of one series: [outcome][bucket…, count, sum]. */
  private record SeriesLines(List<String> labelValues, byte[][][] prefixes) {}

  private SliTextFormat(LatencySli sli) {
    this.sli = sli;
    String name = sli.metricName();
    String help = escapeHelp(sli.help());
    String helpOpenMetrics = help.replace("\"", "\\\"");
    this.header = bytes("# HELP " + name + " " + help + "\n# TYPE " + name + " histogram\n");
    this.headerOpenMetrics =
        bytes(
            "# TYPE "
                + name
                + " histogram\n# UNIT "
                + name
                + " seconds\n# HELP "
                + name
                + " "
                + helpOpenMetrics
                + "\n");
    String rejected = sli.name() + "_rejected";
    String overflow = sli.name() + "_series_overflow";
    String rejectedHelp =
        escapeHelp("Observations of " + sli.name() + " rejected as invalid input, by reason.");
    String overflowHelp =
        escapeHelp(
            "Label-set resolutions of "
                + sli.name()
                + " sent to the overflow series because the label-set bound was reached.");
    this.rejectedHeader = counterHeader(rejected, rejectedHelp, false);
    this.rejectedHeaderOpenMetrics = counterHeader(rejected, rejectedHelp, true);
    this.rejectedPrefix = bytes(rejected + "_total{reason=\"negative_duration\"} ");
    this.overflowHeader = counterHeader(overflow, overflowHelp, false);
    this.overflowHeaderOpenMetrics = counterHeader(overflow, overflowHelp, true);
    this.overflowPrefix = bytes(overflow + "_total ");
    this.leValues = new String[sli.bounds().bucketCount()];
    for (int i = 0; i < sli.bounds().size(); i++) {
      leValues[i] = Double.toString(sli.bounds().upperBound(i));
    }
    leValues[sli.bounds().size()] = "+Inf";
  }

  private static byte[] counterHeader(String name, String help, boolean openMetrics) {
    return bytes(
        openMetrics
            ? "# TYPE " + name + " counter\n# HELP " + name + " " + help + "\n"
            : "# HELP " + name + "_total " + help + "\n# TYPE " + name + "_total counter\n");
  }

  /** A writer for {@code sli}. */
  public static SliTextFormat of(LatencySli sli) {
    return new SliTextFormat(sli);
  }

  /** Snapshots the SLI and writes its families. */
  public void write(OutputStream out, boolean openMetrics) throws IOException {
    write(out, sli.snapshot(), openMetrics);
  }

  /** Writes the families of {@code snap}, which must come from this writer's SLI. */
  public void write(OutputStream out, SliSnapshot snap, boolean openMetrics) throws IOException {
    out.write(openMetrics ? headerOpenMetrics : header);
    List<SeriesSnapshot> series = snap.series();
    int buckets = leValues.length;
    for (int entry : orderOf(series)) {
      SeriesSnapshot ss = series.get(entry >>> 2);
      HistogramCounts counts = ss.byOutcome().get(entry & 3);
      byte[][] p = prefixesFor(entry >>> 2, ss.labelValues())[entry & 3];
      for (int b = 0; b < buckets; b++) {
        out.write(p[b]);
        writeLong(out, counts.cumulativeCount(b));
      }
      out.write(p[buckets]);
      writeLong(out, counts.count());
      out.write(p[buckets + 1]);
      out.write(bytes(Double.toString(counts.sumSeconds()) + "\n"));
    }
    out.write(openMetrics ? rejectedHeaderOpenMetrics : rejectedHeader);
    out.write(rejectedPrefix);
    out.write(bytes((double) snap.rejectedNegative() + "\n"));
    out.write(openMetrics ? overflowHeaderOpenMetrics : overflowHeader);
    out.write(overflowPrefix);
    out.write(bytes((double) snap.seriesOverflow() + "\n"));
  }

  /**
   * The data points in client_java's order: labels sorted by name, points by their values in that
   * order. Recomputed only when the set of series changes.
   */
  private int[] orderOf(List<SeriesSnapshot> series) {
    List<List<String>> keys = new ArrayList<>(series.size());
    for (SeriesSnapshot s : series) {
      keys.add(s.labelValues());
    }
    if (keys.equals(orderedFor)) {
      return order;
    }
    List<String> names = new ArrayList<>(sli.labelNames());
    names.add("outcome");
    List<String> sortedNames = new ArrayList<>(names);
    sortedNames.sort(null);
    int[] position = new int[names.size()];
    for (int i = 0; i < names.size(); i++) {
      position[i] = sortedNames.indexOf(names.get(i));
    }
    List<String[]> sortKeys = new ArrayList<>();
    List<Integer> entries = new ArrayList<>();
    for (int s = 0; s < series.size(); s++) {
      for (Outcome o : Outcome.values()) {
        String[] key = new String[names.size()];
        for (int i = 0; i < names.size() - 1; i++) {
          key[position[i]] = keys.get(s).get(i);
        }
        key[position[names.size() - 1]] = o.label();
        sortKeys.add(key);
        entries.add(s << 2 | o.ordinal());
      }
    }
    Integer[] idx = new Integer[entries.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Arrays.sort(
        idx,
        (a, b) -> {
          String[] ka = sortKeys.get(a);
          String[] kb = sortKeys.get(b);
          for (int i = 0; i < ka.length; i++) {
            int c = ka[i].compareTo(kb[i]);
            if (c != 0) {
              return c;
            }
          }
          return 0;
        });
    int[] result = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      result[i] = entries.get(idx[i]);
    }
    order = result;
    orderedFor = keys;
    return result;
  }

  private byte[][][] prefixesFor(int index, List<String> labelValues) {
    if (index < lines.size()) {
      SeriesLines cached = lines.get(index);
      if (cached.labelValues() == labelValues || cached.labelValues().equals(labelValues)) {
        return cached.prefixes();
      }
      lines.subList(index, lines.size()).clear();
    }
    byte[][][] prefixes = new byte[Outcome.count()][][];
    String name = sli.metricName();
    List<String> labelNames = sli.labelNames();
    for (Outcome o : Outcome.values()) {
      // client_java sorts labels by name; "le" always comes last.
      List<String[]> labels = new ArrayList<>();
      for (int i = 0; i < labelNames.size(); i++) {
        labels.add(new String[] {labelNames.get(i), labelValues.get(i)});
      }
      labels.add(new String[] {"outcome", o.label()});
      labels.sort((a, b) -> a[0].compareTo(b[0]));
      StringBuilder sb = new StringBuilder();
      for (String[] l : labels) {
        sb.append(sb.length() == 0 ? "" : ",").append(l[0]).append("=\"");
        sb.append(escapeLabelValue(l[1])).append('"');
      }
      String common = sb.toString();
      byte[][] p = new byte[leValues.length + 2][];
      for (int b = 0; b < leValues.length; b++) {
        p[b] = bytes(name + "_bucket{" + common + ",le=\"" + leValues[b] + "\"} ");
      }
      p[leValues.length] = bytes(name + "_count{" + common + "} ");
      p[leValues.length + 1] = bytes(name + "_sum{" + common + "} ");
      prefixes[o.ordinal()] = p;
    }
    while (lines.size() < index) {
      lines.add(new SeriesLines(List.of("\u0000stale"), new byte[0][][]));
    }
    lines.add(new SeriesLines(labelValues, prefixes));
    return prefixes;
  }

  private void writeLong(OutputStream out, long v) throws IOException {
    int pos = buffer.length;
    buffer[--pos] = '\n';
    if (v == 0) {
      buffer[--pos] = '0';
    }
    while (v > 0) {
      buffer[--pos] = (byte) ('0' + (v % 10));
      v /= 10;
    }
    out.write(buffer, pos, buffer.length - pos);
  }

  private static String escapeHelp(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n");
  }

  private static String escapeLabelValue(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
