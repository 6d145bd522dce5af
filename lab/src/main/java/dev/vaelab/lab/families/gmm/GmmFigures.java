package dev.vaelab.lab.families.gmm;

import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.Pca;
import dev.vaelab.lab.image.RunFigures;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.RunFolder;
import java.nio.file.Path;

/** The pictures of a mixture's run folder: the 1-D fit, the scatter of the fitted features, image samples through the inverse PCA. */
public final class GmmFigures {
  private GmmFigures() {}

  /** {@code fit-1d.png} for one-dimensional data; {@code latents.png} of the test features by class for labelled data. */
  static void write(GaussianMixtureFit fit, GmmFeatures.Split data, RunFolder folder) {
    int dim = data.train()[0].length;
    if (dim == 1) {
      var p = fit.parameters();
      double[] y = java.util.Arrays.stream(data.train()).mapToDouble(r -> r[0]).toArray();
      double[] means = new double[p.components()];
      double[] sds = new double[p.components()];
      for (int c = 0; c < means.length; c++) {
        means[c] = p.means()[c][0];
        sds[c] = p.standardDeviation(c, 0);
      }
      RunFigures.installed().mixture1d(folder.file("fit-1d.png"), y, p.weights(), means, sds, 80);
    }
    if (data.testLabels() != null && data.test().length > 2) { // the fitted features of the test examples, by class
      int d = data.test()[0].length;
      float[] f = new float[Math.min(RunFigures.MAX_POINTS, data.test().length) * d];
      for (int i = 0; i < f.length / d; i++) {
        for (int j = 0; j < d; j++) {
          f[i * d + j] = (float) data.test()[i][j];
        }
      }
      RunFigures.installed().scatter(folder.file("latents.png"), f, f.length / d, d, java.util.Arrays.copyOf(data.testLabels(), f.length / d),
          data.className(), "fitted features of " + f.length / d + " test examples");
    }
  }

  /** Ancestral samples z ~ λ, f ~ N(μ_z, Σ_z), mapped back to pixels y = mean + Σ_k f_k v_k, clipped to [0, 1]. */
  static void writeImages(GaussianMixtureFit fit, Pca pca, dev.vaelab.core.data.ImageShape shape, int n, long seed, Path out) {
    double[][] features = fit.sample(n, seed).values();
    int d = pca.mean().length;
    float[] pixels = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(toPixels(pca, features[i]), 0, pixels, i * d, d);
    }
    RunImages.write(pixels, n, shape, out);
  }

  /** The inverse PCA map of one feature vector, clipped to [0, 1]. */
  public static float[] toPixels(Pca pca, double[] f) {
    double[] mean = pca.mean();
    float[] y = new float[mean.length];
    for (int j = 0; j < mean.length; j++) {
      double v = mean[j];
      for (int k = 0; k < f.length; k++) {
        v += f[k] * pca.components()[k][j];
      }
      y[j] = (float) Math.max(0, Math.min(1, v));
    }
    return y;
  }
}
