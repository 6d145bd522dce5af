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
    if (!java.nio.file.Files.isRegularFile(file)) {
      return new ArrayList<>();
    }
    try {
      return parse(java.nio.file.Files.readString(file), file.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Parses metrics CSV text (as written by {@link #csv}); files written before the {@code
   * skipped_batches} column existed read with 0 skipped batches.
   *
   * @param source the file, for messages
   */
  public static List<EpochMetrics> parse(String text, String source) {
    List<EpochMetrics> out = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int ln = 1; ln < lines.size(); ln++) {
      String l = lines.get(ln);
      if (l.isBlank()) {
        continue;
      }
      String[] c = l.split(",");
      int n = EpochMetrics.COLUMNS.length;
      if (c.length != n && c.length != n - 1) {
        throw new IllegalStateException(source + " line " + (ln + 1) + ": '" + l + "' has " + c.length + " values, expected " + n);
      }
      double[] v = new double[n];
      try {
        for (int i = 0; i < c.length; i++) {
          v[i] = Double.parseDouble(c[i]);
        }
      } catch (NumberFormatException e) {
        throw new IllegalStateException(source + " line " + (ln + 1) + ": not a number in '" + l + "'");
      }
      out.add(new EpochMetrics((int) v[0], (long) v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], (long) v[11]));
    }
    return out;
  }

  /** CSV text of {@code rows}: a header of {@link EpochMetrics#COLUMNS}, one row per epoch. */
  public static String csv(List<EpochMetrics> rows) {
    StringBuilder sb = new StringBuilder(String.join(",", EpochMetrics.COLUMNS)).append('\n');
    for (EpochMetrics r : rows) {
      Map<String, Object> map = r.toMap();
      List<String> cells = new ArrayList<>();
      for (String c : EpochMetrics.COLUMNS) {
        Object v = map.get(c);
        cells.add(v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d) : String.valueOf(v));
      }
      sb.append(String.join(",", cells)).append('\n');
    }
    return sb.toString();
  }

  /** Starts from earlier rows (when a run is continued). */
  public MetricsFiles withHistory(List<EpochMetrics> earlier) {
    rows.addAll(earlier);
    return this;
  }

  /**
   * Rewrites both files from the rows held now. A continued run calls this at its start, so the
   * files match the restored checkpoint (rows after it dropped, rows missing from a kill between
   * checkpoint and metrics write restored) before the first new epoch ends.
   */
  public void write() {
    AtomicFiles.writeString(csv, csv(rows));
    List<Map<String, Object>> maps = new ArrayList<>();
    for (EpochMetrics r : rows) {
      maps.add(r.toMap());
    }
    AtomicFiles.writeString(json, Json.write(maps) + "\n");
  }

  @Override
  public void onEpochEnd(EpochMetrics m) {
    rows.add(m);
    write();
  }
}
