package dev.vaelab.gmm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A fitted Gaussian mixture as a TensorFlow SavedModel (tag {@code serve}), so that it can be used
 * without vaelab — by TensorFlow Java's {@code SavedModelBundle} or any other TensorFlow runtime.
 * The parameters are constants of the graph (float64); the signatures:
 *
 * <pre>
 *   score   y [N, D]            → log_likelihood [N] = ln Σ_n λ_n N(y | μ_n, Σ_n),
 *                                 responsibilities [N, K] = q(n | y) = λ_n N(y | μ_n, Σ_n) / p(y)
 *   encode  y [N, D]            → responsibilities [N, K]
 *   decode  z [N, K]            → mean [N, D] = z μ   (z one-hot: the component means)
 *   sample  n (int32), seed [2] → samples [n, D], components [n]
 *                                 (n ~ Categorical(λ), y = μ_n + L_n ε, ε ~ N(0, I), Σ_n = L_n L_nᵀ;
 *                                  stateless, keyed by seed, default [0, 0])
 * </pre>
 *
 * <p>ln N(y | μ_n, Σ_n) = −(D/2) ln 2π − Σ_i ln L_n,ii − ½ ‖(y − μ_n)ᵀ P_n‖² with P_n = L_n⁻ᵀ;
 * the log-sum-exp is taken about the row maximum. Every covariance form is stored as its full matrix.
 * A mixture fitted after a PCA takes the data before it: x = (y − m) Wᵀ is the graph's first step.
 */
public final class MixtureSavedModel {
  private MixtureSavedModel() {}

  /**
   * Writes {@code p} as a SavedModel into the (new or empty) folder {@code dir}.
   *
   * @throws IllegalStateException if a covariance is not positive definite
   */
  public static void export(MixtureParameters p, Path dir) {
    export(p, null, dir);
  }

  /**
   * Writes {@code p} as a SavedModel whose inputs {@code y} are the data before the PCA {@code pca}
   * the mixture was fitted after (features x = (y − m) Wᵀ computed in the graph), or the features
   * themselves when {@code pca} is null. {@code decode} and {@code sample} stay in feature space.
   */
  public static void export(MixtureParameters p, Pca pca, Path dir) {
    int k = p.components();
    int d = p.dimension();
    if (pca != null && pca.components().length != d) {
      throw new IllegalArgumentException("the PCA has " + pca.components().length + " components, the mixture dimension " + d);
    }
    double[] means = new double[k * d];
    double[] precision = new double[k * d * d]; // P_n, [K, D, D]
    double[] factor = new double[k * d * d]; // L_n, [K, D, D]
    double[] logCoefficient = new double[k];
    double[] logWeights = new double[k];
    for (int n = 0; n < k; n++) {
      double[][] l = Cholesky.lower(p.covariances()[n], n);
      double[][] pf = Cholesky.precisionFactor(l);
      double logDetL = 0;
      for (int i = 0; i < d; i++) {
        logDetL += Math.log(l[i][i]);
        means[n * d + i] = p.means()[n][i];
        for (int j = 0; j < d; j++) {
          precision[(n * d + i) * d + j] = pf[i][j];
          factor[(n * d + i) * d + j] = l[i][j];
        }
      }
      logWeights[n] = Math.log(p.weights()[n]);
      logCoefficient[n] = logWeights[n] - 0.5 * d * Math.log(2 * Math.PI) - logDetL;
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> mu = tf.constant(Shape.of(k, d), org.tensorflow.ndarray.buffer.DataBuffers.of(means, true, false));
      Operand<TFloat64> pK = tf.constant(Shape.of(k, d, d), org.tensorflow.ndarray.buffer.DataBuffers.of(precision, true, false));
      Operand<TFloat64> lK = tf.constant(Shape.of(k, d, d), org.tensorflow.ndarray.buffer.DataBuffers.of(factor, true, false));
      Operand<TFloat64> c = tf.constant(logCoefficient);

      int inputs = pca == null ? d : pca.mean().length;
      Placeholder<TFloat64> y = tf.withName("y").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, inputs)));
      Operand<TFloat64> x = y;
      if (pca != null) {
        double[] w = new double[inputs * d]; // Wᵀ, [inputs, d]
        for (int j = 0; j < d; j++) {
          for (int i = 0; i < inputs; i++) {
            w[i * d + j] = pca.components()[j][i];
          }
        }
        x = tf.linalg.matMul(tf.math.sub(y, tf.constant(pca.mean())),
            tf.constant(Shape.of(inputs, d), org.tensorflow.ndarray.buffer.DataBuffers.of(w, true, false)));
      }
      // diff [K, N, D] = x − μ_n for every component, times P_n → squared norm [K, N]
      Operand<TFloat64> diff = tf.math.sub(tf.expandDims(x, tf.constant(0)), tf.expandDims(mu, tf.constant(1)));
      Operand<TFloat64> whitened = tf.train.batchMatMul(diff, pK, TFloat64.class);
      Operand<TFloat64> m = tf.reduceSum(tf.math.square(whitened), tf.constant(2));
      Operand<TFloat64> joint = tf.math.sub(tf.expandDims(c, tf.constant(0)), tf.math.mul(tf.constant(0.5), tf.linalg.transpose(m, tf.constant(new int[] {1, 0}))));
      Operand<TFloat64> top = tf.reduceMax(joint, tf.constant(1), org.tensorflow.op.core.ReduceMax.keepDims(true));
      Operand<TFloat64> lse = tf.math.add(top, tf.math.log(tf.reduceSum(tf.math.exp(tf.math.sub(joint, top)), tf.constant(1),
          org.tensorflow.op.core.ReduceSum.keepDims(true))));
      Operand<TFloat64> logLikelihood = tf.withName("log_likelihood").reshape(lse, tf.constant(new int[] {-1}));
      Operand<TFloat64> responsibilities = tf.withName("responsibilities").math.exp(tf.math.sub(joint, lse));

      Placeholder<TFloat64> z = tf.withName("z").placeholder(TFloat64.class, Placeholder.shape(Shape.of(-1, k)));
      Operand<TFloat64> mean = tf.withName("mean").linalg.matMul(z, mu);

      Placeholder<TInt32> count = tf.withName("n").placeholder(TInt32.class, Placeholder.shape(Shape.scalar()));
      PlaceholderWithDefault<TInt64> seed = tf.withName("seed").placeholderWithDefault(tf.constant(new long[] {0, 0}), Shape.of(2));
      Operand<TInt64> drawn = tf.reshape(tf.random.statelessMultinomial(tf.expandDims(tf.constant(logWeights), tf.constant(0)), count, seed),
          tf.constant(new int[] {-1}));
      Operand<TInt64> components = tf.withName("components").identity(drawn);
      Operand<TInt64> seed2 = tf.math.add(seed, tf.constant(new long[] {0, 1}));
      Operand<TFloat64> eps = tf.random.statelessRandomNormal(tf.stack(java.util.List.of(count, tf.constant(d))), seed2, TFloat64.class);
      Operand<TFloat64> scaled = tf.reshape(tf.train.batchMatMul(tf.gather(lK, drawn, tf.constant(0)), tf.expandDims(eps, tf.constant(2)), TFloat64.class),
          tf.stack(java.util.List.of(count, tf.constant(d))));
      Operand<TFloat64> samples = tf.withName("samples").math.add(tf.gather(mu, drawn, tf.constant(0)), scaled);

      try (Session s = new Session(g)) {
        SavedModelBundle.exporter(dir.toAbsolutePath().toString())
            .withSession(s)
            .withSignatures(
                Signature.builder("score").input("y", y).output("log_likelihood", logLikelihood).output("responsibilities", responsibilities).build(),
                Signature.builder("encode").input("y", y).output("responsibilities", responsibilities).build(),
                Signature.builder("decode").input("z", z).output("mean", mean).build(),
                Signature.builder("sample").input("n", count).input("seed", seed).output("samples", samples).output("components", components).build())
            .export();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the SavedModel to " + dir + ": " + e.getMessage(), e);
      }
    }
  }
}
