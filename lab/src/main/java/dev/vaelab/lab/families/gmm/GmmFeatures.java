package dev.vaelab.lab.families.gmm;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;

import dev.vaelab.core.data.CsvTable;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.gmm.Pca;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Data for the Gaussian mixture: images (pixels / 255, not binarised) projected by PCA fitted on
 * the training split (the B4 protocol), or vectors — the rows of a CSV file of numbers or a 2-D
 * .npy array — as they are, split at random (seeded) into train and test.
 */
public final class GmmFeatures {
  /**
   * Train and test feature matrices.
   *
   * @param name what was read
   * @param pca the projection of image data (null for CSV data)
   * @param shape the shape of one example before PCA (an image's H × W × C, or D for vector data)
   * @param preprocessing what was done to the stored values (scaling, PCA)
   * @param trainLabels the training rows' class labels, or null
   * @param testLabels the test rows' class labels, or null
   * @param className the name of a class label (the data's, Fashion-MNIST's, or "class k")
   */
  public record Split(String name, double[][] train, double[][] test, Pca pca, ImageShape shape, String preprocessing, int[] trainLabels,
      int[] testLabels, java.util.function.IntFunction<String> className) {}

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
    if (s.stream()) {
      throw new IllegalArgumentException("model gmm fits its training set in memory; --stream is for the models trained by gradient steps");
    }
    if (s.isCsv()) {
      return csv(Path.of(s.data()), csvHeader, s.labelColumn(), s.delimiter().character(), s.seed(), s.trainLimit(), s.testLimit());
    }
    DataSource.Splits d = DataSource.load(s, false, "gmm");
    Dataset tr = d.train();
    Dataset te = d.test();
    if (d.shape().isVector()) {
      return new Split(d.name(), doubles(tr), doubles(te), null, d.shape(), d.preprocessing(), tr.labels(), te.labels(),
          d::className);
    }
    float[] trFlat = new float[tr.size() * tr.dimension()];
    tr.copyRange(0, tr.size(), trFlat);
    float[] teFlat = new float[te.size() * te.dimension()];
    te.copyRange(0, te.size(), teFlat);
    Pca p = pca != null ? pca : Pca.fit(trFlat, tr.size(), tr.dimension(), pcaDim);
    return new Split(d.name() + "-pca" + p.components().length, p.transform(trFlat, tr.size()), p.transform(teFlat, te.size()), p, d.shape(),
        d.preprocessing() + ", PCA to " + p.components().length + " dimensions (training split)", tr.labels(), te.labels(),
        d::className);
  }

  /** Rows of doubles as a data set of floats (labels may be null). */
  static Dataset dataset(String name, double[][] rows, int[] labels) {
    int d = rows[0].length;
    float[] v = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < d; j++) {
        v[i * d + j] = (float) rows[i][j];
      }
    }
    return new Dataset(name, v, d, labels);
  }

  private static double[][] doubles(Dataset d) {
    double[][] out = new double[d.size()][d.dimension()];
    for (int i = 0; i < d.size(); i++) {
      for (int j = 0; j < d.dimension(); j++) {
        out[i][j] = d.get(i, j);
      }
    }
    return out;
  }

  /** A CSV file's rows and the file line each came from (1-based). */
  public record Rows(double[][] values, int[] lines) {}

  /** As {@link #readCsv(Path, boolean)}, detecting a header row. */
  public static double[][] readCsv(Path file) {
    return readCsv(file, false).values();
  }

  /** The numbers of a CSV file ({@link CsvTable}: header detected or forced, every cell a finite number). */
  public static Rows readCsv(Path file, boolean header) {
    CsvTable t = CsvTable.read(file, header, null);
    return new Rows(t.values(), t.lines());
  }

  private static Split csv(Path file, boolean header, String labelColumn, Character delimiter, long seed, int trainLimit, int testLimit) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--data " + file + " does not exist (expected a CSV file of numbers)");
    }
    CsvTable table = CsvTable.read(file, header, labelColumn.isEmpty() ? null : labelColumn, delimiter);
    double[][] all = table.values();
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
    int[] testLabels = table.labels() == null ? null : new int[nTest];
    int[] trainLabels = table.labels() == null ? null : new int[n - nTest];
    for (int i = 0; i < n; i++) {
      if (i < nTest) {
        test[i] = all[order[i]];
        if (testLabels != null) {
          testLabels[i] = table.labels()[order[i]];
        }
      } else {
        train[i - nTest] = all[order[i]];
        if (trainLabels != null) {
          trainLabels[i - nTest] = table.labels()[order[i]];
        }
      }
    }
    if (trainLimit > 0 && trainLimit < train.length) {
      train = java.util.Arrays.copyOf(train, trainLimit);
      trainLabels = trainLabels == null ? null : java.util.Arrays.copyOf(trainLabels, trainLimit);
    }
    if (testLimit > 0 && testLimit < test.length) {
      test = java.util.Arrays.copyOf(test, testLimit);
      testLabels = testLabels == null ? null : java.util.Arrays.copyOf(testLabels, testLimit);
    }
    String[] names = table.classNames();
    return new Split("csv:" + file.getFileName(), train, test, null, ImageShape.vector(train[0].length), "none", trainLabels, testLabels,
        k -> names != null && k < names.length ? names[k] : "class " + k);
  }
}
