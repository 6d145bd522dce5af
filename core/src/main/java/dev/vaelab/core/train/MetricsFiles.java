package dev.vaelab.core.train;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes every epoch's metrics to {@code metrics.csv} (one row per epoch) and {@code metrics.json}
 * in a run folder. Both files are rewritten atomically after each epoch, so a kill never leaves a
 * half-written row.
 */
public final class MetricsFiles implements TrainingListener {
  private final Path csv;
  private final Path json;
  private final List<EpochMetrics> rows = new ArrayList<>();

  /** @param runDir the run folder */
  public MetricsFiles(Path runDir) {
    this.csv = runDir.resolve("metrics.csv");
    this.json = runDir.resolve("metrics.json");
  }

  /** The rows of an existing {@code metrics.csv} in {@code runDir} (empty if there is none). */
  public static List<EpochMetrics> read(Path runDir) {
    Path file = runDir.resolve("metrics.csv");
    List<EpochMetrics> out = new ArrayList<>();
    if (!java.nio.file.Files.isRegularFile(file)) {
      return out;
    }
    try {
      List<String> lines = java.nio.file.Files.readAllLines(file);
      for (String l : lines.subList(1, lines.size())) {
        String[] c = l.split(",");
        if (c.length != EpochMetrics.COLUMNS.length) {
          throw new IllegalStateException(file + ": row '" + l + "' has " + c.length + " values, expected " + EpochMetrics.COLUMNS.length);
        }
        double[] v = new double[c.length];
        for (int i = 0; i < c.length; i++) {
          v[i] = Double.parseDouble(c[i]);
        }
        out.add(new EpochMetrics((int) v[0], (long) v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
      }
      return out;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Starts from earlier rows (when a run is continued). */
  public MetricsFiles withHistory(List<EpochMetrics> earlier) {
    rows.addAll(earlier);
    return this;
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    rows.add(m);
    StringBuilder sb = new StringBuilder(String.join(",", EpochMetrics.COLUMNS)).append('\n');
    List<Map<String, Object>> maps = new ArrayList<>();
    for (EpochMetrics r : rows) {
      Map<String, Object> map = r.toMap();
      maps.add(map);
      List<String> cells = new ArrayList<>();
      for (String c : EpochMetrics.COLUMNS) {
        Object v = map.get(c);
        cells.add(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(v));
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    AtomicFiles.writeString(csv, sb.toString());
    AtomicFiles.writeString(json, Json.write(maps) + "\n");
  }
}
