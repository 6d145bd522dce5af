package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.gmm.Pca;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Data for the Gaussian mixture: image grey levels (pixels / 255, not binarised) projected by PCA
 * fitted on the training split (the B4 protocol), or the rows of a CSV file of numbers split at
 * random (seeded) into train and test.
 */
public final class GmmFeatures {
  /**
   * Train and test feature matrices.
   *
   * @param name what was read
   * @param pca the projection of image data (null for CSV data)
   * @param imageSide height = width of the images (0 for CSV data)
   */
  public record Split(String name, double[][] train, double[][] test, Pca pca, int imageSide) {}

  /** Fraction of a CSV file held out for the test log-likelihood. */
  public static final double CSV_TEST_FRACTION = 0.2;

  private GmmFeatures() {}

  /**
   * @param pcaDim PCA dimension for image data
   * @param pca a PCA basis to use instead of fitting one (a saved run's), or null
   */
  public static Split load(DataSettings s, int pcaDim, Pca pca) {
    return load(s, pcaDim, pca, false);
  }

  /** @param csvHeader a CSV file's first row is a header even if it holds numbers */
  public static Split load(DataSettings s, int pcaDim, Pca pca, boolean csvHeader) {
    if (s.isCsv()) {
      return csv(Path.of(s.data()), csvHeader, s.seed(), s.trainLimit(), s.testLimit());
    }
    DataSource.Splits d = DataSource.load(s, false, "gmm");
    Dataset tr = d.train();
    Dataset te = d.test();
    float[] trFlat = new float[tr.size() * tr.dimension()];
    tr.copyRange(0, tr.size(), trFlat);
    float[] teFlat = new float[te.size() * te.dimension()];
    te.copyRange(0, te.size(), teFlat);
    Pca p = pca != null ? pca : Pca.fit(trFlat, tr.size(), tr.dimension(), pcaDim);
    int side = (int) Math.round(Math.sqrt(tr.dimension()));
    return new Split(d.name() + "-pca" + p.components().length, p.transform(trFlat, tr.size()), p.transform(teFlat, te.size()), p,
        side * side == tr.dimension() ? side : 0);
  }

  /** A CSV file's rows and the file line each came from (1-based). */
  public record Rows(double[][] values, int[] lines) {}

  /** As {@link #readCsv(Path, boolean)}, detecting a header row. */
  public static double[][] readCsv(Path file) {
    return readCsv(file, false).values();
  }

  /**
   * Reads a CSV of numbers (comma, semicolon or whitespace separated; blank lines and lines
   * starting with # are skipped). The first row is a header when {@code header} is set or when
   * none of its cells is a number; any other cell that is not a finite number is an error naming
   * the line of the file.
   */
  public static Rows readCsv(Path file, boolean header) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<double[]> rows = new ArrayList<>();
    List<Integer> lineNumbers = new ArrayList<>();
    boolean first = true;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\\s*[,;]\\s*|\\s+");
      if (first) {
        first = false;
        if (header || noneNumeric(cells)) {
          continue;
        }
      }
      double[] row = new double[cells.length];
      for (int j = 0; j < cells.length; j++) {
        try {
          row[j] = Double.parseDouble(cells[j]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(file + " line " + (ln + 1) + ": '" + cells[j] + "' (column " + (j + 1)
              + ") is not a number" + (rows.isEmpty() ? "; a header row must hold no number at all (or give --csv-header)" : ""));
        }
        if (!Double.isFinite(row[j])) {
          throw new IllegalArgumentException(file + " line " + (ln + 1) + ": column " + (j + 1) + " is " + cells[j] + ", expected a finite number");
        }
      }
      if (!rows.isEmpty() && row.length != rows.get(0).length) {
        throw new IllegalArgumentException(
            file + " line " + (ln + 1) + ": " + row.length + " values, expected " + rows.get(0).length);
      }
      rows.add(row);
      lineNumbers.add(ln + 1);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no rows of numbers");
    }
    return new Rows(rows.toArray(new double[0][]), lineNumbers.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean noneNumeric(String[] cells) {
    for (String c : cells) {
      try {
        Double.parseDouble(c);
        return false;
      } catch (NumberFormatException e) {
        // not a number: fine for a header
      }
    }
    return true;
  }

  private static Split csv(Path file, boolean header, long seed, int trainLimit, int testLimit) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--data " + file + " does not exist (expected a CSV file of numbers)");
    }
    double[][] all = readCsv(file, header).values();
    int n = all.length;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nTest = (int) Math.round(n * CSV_TEST_FRACTION);
    if (nTest < 1 || nTest >= n) {
      throw new IllegalArgumentException(file + " has " + n + " rows; need at least 3 to hold some out for testing");
    }
    double[][] test = new double[nTest][];
    double[][] train = new double[n - nTest][];
    for (int i = 0; i < n; i++) {
      if (i < nTest) {
        test[i] = all[order[i]];
      } else {
        train[i - nTest] = all[order[i]];
      }
    }
    if (trainLimit > 0 && trainLimit < train.length) {
      train = java.util.Arrays.copyOf(train, trainLimit);
    }
    if (testLimit > 0 && testLimit < test.length) {
      test = java.util.Arrays.copyOf(test, testLimit);
    }
    return new Split("csv:" + file.getFileName(), train, test, null, 0);
  }
}
