package dev.vaelab.lab.families.gmm;

import dev.vaelab.lab.score.RowScorer;

import dev.vaelab.gmm.Pca;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link RowScorer} of a Gaussian-mixture run: per row the exact {@code loglik} = ln Σ_n λ_n
 * N(x; μ_n, Σ_n) and the responsibilities q1…qK = λ_n N(x; μ_n, Σ_n) / p(x), with x the row (CSV and
 * vector data) or its principal components under the run's PCA (image data). Plain Java, no noise:
 * any split of the rows gives the same numbers.
 */
final class MixtureRowScorer implements RowScorer {
  private final dev.vaelab.gmm.GaussianMixtureFit fit;
  private final Pca pca;
  private final int dimension;
  private final int k;

  /** @param fit the fitted mixture (closed with this scorer); @param pca the run's feature map, or null */
  MixtureRowScorer(dev.vaelab.gmm.GaussianMixtureFit fit, Pca pca) {
    this.fit = fit;
    this.pca = pca;
    this.k = fit.parameters().components();
    this.dimension = pca != null ? pca.mean().length : fit.parameters().dimension();
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public List<String> columns() {
    List<String> c = new ArrayList<>();
    c.add("loglik");
    for (int j = 1; j <= k; j++) {
      c.add("q" + j);
    }
    return c;
  }

  @Override
  public double[][] score(double[] rows, double[] contexts, int n, long first, long total) {
    RowScorer.check(rows, contexts, n, first, total, dimension, 0);
    double[][] x = features(rows, n);
    double[][] out = new double[n][k + 1];
    for (int i = 0; i < n; i++) {
      out[i][0] = fit.logLikelihood(x[i]);
      System.arraycopy(fit.predictProba(x[i]), 0, out[i], 1, k);
    }
    return out;
  }

  private double[][] features(double[] rows, int n) {
    if (pca != null) {
      float[] f = new float[n * dimension]; // the PCA maps float pixels, as when the run was fitted
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) rows[i];
      }
      return pca.transform(f, n);
    }
    double[][] x = new double[n][dimension];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < dimension; j++) {
        x[i][j] = rows[i * dimension + j];
      }
    }
    return x;
  }

  @Override
  public void close() {
    fit.close();
  }
}
