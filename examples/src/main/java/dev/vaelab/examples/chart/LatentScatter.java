package dev.vaelab.examples.chart;

import dev.vaelab.gmm.Pca;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code latents.png}: a 2-D scatter of per-example vectors coloured by class — the posterior means
 * E[z|y] of test examples for a latent-variable model, the fitted features for the mixture —
 * projected on their first two principal components (computed on the points shown; a 2-D vector is
 * shown as it is), for every run whose data has labels.
 */
public final class LatentScatter {
  /** Most examples drawn. */
  public static final int MAX_POINTS = 2000;

  private LatentScatter() {}

  /**
   * Writes the scatter of {@code n} vectors of {@code d} values (row-major).
   *
   * @param what what the points are, for the title
   */
  public static void write(Path file, float[] values, int n, int d, int[] labels, java.util.function.IntFunction<String> className, String what) {
    // rows with a non-finite value are left out (a PCA over them would be NaN everywhere); none left: no chart
    int kept = 0;
    float[] finite = new float[n * d];
    int[] finiteLabels = new int[n];
    for (int i = 0; i < n; i++) {
      boolean ok = true;
      for (int j = 0; j < d && ok; j++) {
        ok = Float.isFinite(values[i * d + j]);
      }
      if (ok) {
        System.arraycopy(values, i * d, finite, kept * d, d);
        finiteLabels[kept++] = labels[i];
      }
    }
    if (kept == 0) {
      throw new IllegalArgumentException("latents: none of the " + n + " vectors is finite; no scatter drawn");
    }
    values = finite;
    labels = java.util.Arrays.copyOf(finiteLabels, kept);
    n = kept;
    double[] x = new double[n];
    double[] y = new double[n];
    String axes;
    if (d <= 2) {
      for (int i = 0; i < n; i++) {
        x[i] = values[i * d];
        y[i] = d == 2 ? values[i * d + 1] : 0;
      }
      axes = "";
    } else {
      Pca p = Pca.fit(values, n, d, 2);
      double[][] z = p.transform(values, n);
      for (int i = 0; i < n; i++) {
        x[i] = z[i][0];
        y[i] = z[i][1];
      }
      axes = String.format(Locale.ROOT, ", first two principal components (%.0f %% of the variance)", 100 * p.explainedVarianceRatio());
    }
    int classes = 0;
    for (int l : labels) {
      classes = Math.max(classes, l + 1);
    }
    Chart c = new Chart(what + axes, d <= 2 ? "z₁" : "PC 1", d == 2 ? "z₂" : d == 1 ? "" : "PC 2");
    for (int k = 0; k < classes; k++) {
      int count = 0;
      for (int l : labels) {
        count += l == k ? 1 : 0;
      }
      if (count == 0) {
        continue;
      }
      double[] xs = new double[count];
      double[] ys = new double[count];
      int at = 0;
      for (int i = 0; i < n; i++) {
        if (labels[i] == k) {
          xs[at] = x[i];
          ys[at++] = y[i];
        }
      }
      c.points(className.apply(k), xs, ys, Chart.PALETTE[k % Chart.PALETTE.length]);
    }
    c.write(file);
  }
}
