package dev.vaelab.gmm;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;

/**
 * Principal component analysis, the feature map of benchmark B4: z = (y − mean) Vᵀ with V the top
 * eigenvectors of the sample covariance (1/N) Σ (y − mean)(y − mean)ᵀ, in float64 TensorFlow ops.
 * The sign of each axis is fixed so that its largest-magnitude entry is positive (log-likelihoods of
 * full and diagonal mixtures do not depend on it).
 *
 * @param mean the training mean, D values
 * @param components the principal axes, c × D, by decreasing variance
 * @param explainedVariance the variance along each axis
 * @param totalVariance the trace of the covariance
 */
public record Pca(double[] mean, double[][] components, double[] explainedVariance, double totalVariance) {

  /** Fits {@code c} components to the rows of x (N × D). */
  public static Pca fit(float[] rowsFlat, int n, int d, int c) {
    if (c < 1 || c > d) {
      throw new IllegalArgumentException("number of components must be in 1.." + d + ", got " + c);
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += rowsFlat[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] centred = new double[n * d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        centred[i * d + j] = rowsFlat[i * d + j] - mean[j];
      }
    }
    double[] evals;
    double[] evecs;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      try (TFloat64 x = TFloat64.tensorOf(Shape.of(n, d), DataBuffers.of(centred, true, false))) {
        Operand<TFloat64> xc = tf.placeholder(TFloat64.class);
        Operand<TFloat64> cov = tf.math.div(tf.linalg.matMul(xc, xc, MatMul.transposeA(true)), tf.constant((double) n));
        SelfAdjointEig<TFloat64> eig = tf.linalg.selfAdjointEig(cov, SelfAdjointEig.computeV(true));
        try (Result r = s.runner().feed(xc, x).fetch(eig.e()).fetch(eig.v()).run()) {
          evals = values((TFloat64) r.get(0));
          evecs = values((TFloat64) r.get(1)); // columns are eigenvectors, ascending eigenvalues
        }
      }
    }
    double total = 0;
    for (double e : evals) {
      total += e;
    }
    double[][] comp = new double[c][d];
    double[] explained = new double[c];
    for (int k = 0; k < c; k++) {
      int col = d - 1 - k;
      explained[k] = evals[col];
      int argmax = 0;
      for (int j = 0; j < d; j++) {
        comp[k][j] = evecs[j * d + col];
        if (Math.abs(comp[k][j]) > Math.abs(comp[k][argmax])) {
          argmax = j;
        }
      }
      if (comp[k][argmax] < 0) {
        for (int j = 0; j < d; j++) {
          comp[k][j] = -comp[k][j];
        }
      }
    }
    return new Pca(mean, comp, explained, total);
  }

  /** z = (y − mean) Vᵀ for n rows. */
  public double[][] transform(float[] rowsFlat, int n) {
    int d = mean.length;
    int c = components.length;
    double[][] z = new double[n][c];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < c; k++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (rowsFlat[i * d + j] - mean[j]) * components[k][j];
        }
        z[i][k] = s;
      }
    }
    return z;
  }

  /** Fraction of the total variance the components keep. */
  public double explainedVarianceRatio() {
    double s = 0;
    for (double e : explainedVariance) {
      s += e;
    }
    return s / totalVariance;
  }

  private static double[] values(TFloat64 t) {
    double[] out = new double[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

}
