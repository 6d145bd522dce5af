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
 * Data for the Gaussian mixture: Fashion-MNIST grey levels (pixels / 255, not binarised) projected
 * by PCA fitted on the training split (the B4 protocol), or the rows of a CSV file of numbers.
 */
public final class GmmFeatures {
  /** Train and test feature matrices. */
  public record Split(String name, double[][] train, double[][] test, Pca pca) {}

  /** Fraction of a CSV file held out for the test log-likelihood. */
  public static final double CSV_TEST_FRACTION = 0.2;

  private GmmFeatures() {}

  /**
   * @param data {@code embedded}, {@code fmnist}, a folder of IDX files, or a {@code .csv} file
   * @param pcaDim PCA dimension for image data
   */
  public static Split load(String data, int pcaDim, int trainLimit, int testLimit, long seed) {
    if (data.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
      return csv(Path.of(data), seed);
    }
    DataSource.Splits s = DataSource.load(data, false, trainLimit, testLimit);
    Dataset tr = s.train();
    Dataset te = s.test();
    float[] trFlat = new float[tr.size() * tr.dimension()];
    tr.copyRange(0, tr.size(), trFlat);
    float[] teFlat = new float[te.size() * te.dimension()];
    te.copyRange(0, te.size(), teFlat);
    Pca pca = Pca.fit(trFlat, tr.size(), tr.dimension(), pcaDim);
    return new Split(s.name() + "-pca" + pcaDim, pca.transform(trFlat, tr.size()), pca.transform(teFlat, te.size()), pca);
  }

  /** Reads a CSV of numbers (comma, semicolon or whitespace separated; a non-numeric first line is a header). */
  public static double[][] readCsv(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("[,;\\s]+");
      double[] row = new double[cells.length];
      try {
        for (int j = 0; j < cells.length; j++) {
          row[j] = Double.parseDouble(cells[j]);
        }
      } catch (NumberFormatException e) {
        if (rows.isEmpty() && width < 0) {
          width = 0; // header line
          continue;
        }
        throw new IllegalArgumentException(file + " line " + (ln + 1) + ": not a number in '" + line + "'");
      }
      if (!rows.isEmpty() && row.length != rows.get(0).length) {
        throw new IllegalArgumentException(
            file + " line " + (ln + 1) + ": " + row.length + " values, expected " + rows.get(0).length);
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no rows of numbers");
    }
    return rows.toArray(new double[0][]);
  }

  private static Split csv(Path file, long seed) {
    double[][] all = readCsv(file);
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
      throw new IllegalArgumentException(file + " has " + n + " rows; need at least 2 to hold some out for testing");
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
    return new Split(file.getFileName().toString(), train, test, null);
  }
}
