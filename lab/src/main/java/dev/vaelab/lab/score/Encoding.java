package dev.vaelab.lab.score;

import dev.vaelab.core.data.NpyWriter;
import dev.vaelab.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code vaelab encode} writes: one row per example — the posterior means E[z|y] (a graph
 * family), the code indices per latent position (VQ-VAE) or the responsibilities q(n|y) (the
 * mixture) — for the training split then the test split, with labels when the data have them.
 *
 * @param kind {@code posterior_mean}, {@code code} or {@code responsibility}: the column prefix
 * @param width values per row
 * @param train the training rows (n × width, row-major)
 * @param trainLabels their labels, or null
 * @param test the test rows
 * @param testLabels their labels, or null
 */
public record Encoding(String kind, int width, float[] train, int[] trainLabels, float[] test, int[] testLabels) {
  /** The splits {@code --split} can name. */
  public static final java.util.List<String> SPLITS = java.util.List.of("all", "train", "test");

  /**
   * Writes the rows of {@code split} to {@code out}: a {@code .csv} file (columns split, label when
   * present, then kind1..kindW), or a {@code .npy} float32 array [N, width] with the labels in
   * {@code NAME.labels.npy} beside it (without labels, an earlier {@code NAME.labels.npy} is removed, so
   * it is never read as these rows' labels). Returns the number of rows written.
   */
  public int write(Path out, String split) {
    if (!SPLITS.contains(split)) {
      throw new IllegalArgumentException("--split must be one of " + SPLITS + ", got '" + split + "'");
    }
    boolean withTrain = !split.equals("test");
    boolean withTest = !split.equals("train");
    int nTrain = withTrain ? train.length / width : 0;
    int nTest = withTest ? test.length / width : 0;
    boolean labels = (!withTrain || trainLabels != null) && (!withTest || testLabels != null);
    String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".npy")) {
      float[] all = new float[(nTrain + nTest) * width];
      if (withTrain) {
        System.arraycopy(train, 0, all, 0, train.length);
      }
      if (withTest) {
        System.arraycopy(test, 0, all, nTrain * width, test.length);
      }
      NpyWriter.writeFloats(out, all, nTrain + nTest, width);
      String f0 = out.getFileName().toString();
      Path labelFile = out.resolveSibling(f0.substring(0, f0.length() - 4) + ".labels.npy");
      if (!labels) {
        try { // an earlier encoding's labels would be read as these rows' labels (train --data NAME.npy takes them)
          java.nio.file.Files.deleteIfExists(labelFile);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException("cannot remove the stale labels file " + labelFile + ": " + e.getMessage(), e);
        }
      }
      if (labels) {
        int[] l = new int[nTrain + nTest];
        if (withTrain) {
          System.arraycopy(trainLabels, 0, l, 0, nTrain);
        }
        if (withTest) {
          System.arraycopy(testLabels, 0, l, nTrain, nTest);
        }
        String f = out.getFileName().toString();
        NpyWriter.writeLabels(out.resolveSibling(f.substring(0, f.length() - 4) + ".labels.npy"), l);
      }
    } else if (name.endsWith(".csv")) {
      StringBuilder b = new StringBuilder("split");
      if (labels) {
        b.append(",label");
      }
      for (int j = 0; j < width; j++) {
        b.append(',').append(kind).append(j + 1);
      }
      b.append('\n');
      if (withTrain) {
        rows(b, "train", train, trainLabels, labels);
      }
      if (withTest) {
        rows(b, "test", test, testLabels, labels);
      }
      AtomicFiles.writeString(out, b.toString());
    } else {
      throw new IllegalArgumentException("--out " + out + " must end in .csv or .npy");
    }
    return nTrain + nTest;
  }

  private void rows(StringBuilder b, String split, float[] v, int[] l, boolean labels) {
    for (int i = 0; i < v.length / width; i++) {
      b.append(split);
      if (labels) {
        b.append(',').append(l[i]);
      }
      for (int j = 0; j < width; j++) {
        float x = v[i * width + j];
        b.append(',').append(kind.equals("code") ? Integer.toString((int) x) : String.format(Locale.ROOT, "%.7g", x));
      }
      b.append('\n');
    }
  }
}
