package dev.vaelab.spark;

import dev.vaelab.gmm.MixtureParameters;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.clustering.GaussianMixture;
import org.apache.spark.mllib.clustering.GaussianMixtureModel;
import org.apache.spark.mllib.linalg.DenseMatrix;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;

/** Spark MLlib's own GaussianMixture (full covariance), started from given parameters: the benchmark's peer. */
final class MllibMixture {
  private MllibMixture() {}

  /** The rows as MLlib vectors, cached and counted (MLlib's input; built before a timed fit). */
  static JavaRDD<Vector> vectors(JavaRDD<double[]> rows) {
    JavaRDD<Vector> v = rows.map(r -> (Vector) new DenseVector(r)).cache();
    v.count();
    return v;
  }

  /** Runs exactly {@code iterations} of MLlib's EM (convergence tolerance 0) from {@code start}. */
  static MixtureParameters fit(JavaRDD<Vector> vectors, MixtureParameters start, int iterations) {
    int k = start.components();
    int d = start.dimension();
    MultivariateGaussian[] g = new MultivariateGaussian[k];
    for (int c = 0; c < k; c++) {
      double[] cov = new double[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          cov[j * d + i] = start.covariances()[c][i][j]; // column-major
        }
      }
      g[c] = new MultivariateGaussian(new DenseVector(start.means()[c].clone()), new DenseMatrix(d, d, cov));
    }
    GaussianMixtureModel init = new GaussianMixtureModel(start.weights().clone(), g);
    GaussianMixtureModel m = new GaussianMixture().setK(k).setMaxIterations(iterations).setConvergenceTol(0).setInitialModel(init)
        .setSeed(1).run(vectors.rdd());
    double[][] means = new double[k][];
    double[][][] covs = new double[k][d][d];
    for (int c = 0; c < k; c++) {
      means[c] = m.gaussians()[c].mu().toArray();
      double[] a = m.gaussians()[c].sigma().toArray();
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          covs[c][i][j] = a[j * d + i];
        }
      }
    }
    return new MixtureParameters(m.weights().clone(), means, covs);
  }
}
