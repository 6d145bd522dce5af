package dev.vaelab.gaussian;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The unbiased estimate of the squared maximum mean discrepancy between samples x (n × d) and x' (m × d) (Gretton et
 * al. 2012, eq. 3), the divergence of the Wasserstein autoencoder and InfoVAE between the aggregate posterior and the
 * prior:
 *
 * <pre>
 *   MMD²_u = 1/(n(n−1)) Σ_{i≠j} k(x_i, x_j) + 1/(m(m−1)) Σ_{i≠j} k(x'_i, x'_j) − 2/(nm) Σ_{i,j} k(x_i, x'_j)
 * </pre>
 *
 * (n, m ≥ 2; the diagonal terms k(x, x) are constants of the kernel and are removed exactly).
 */
public final class Mmd {
  private Mmd() {}

  /** MMD²_u of x {@code [n, d]} and x' {@code [m, d]} under {@code kernel} with scale C. */
  public static Operand<TFloat32> unbiased(Ops tf, Operand<TFloat32> x, Operand<TFloat32> y, MmdKernel kernel, double c) {
    Operand<TFloat32> n = rows(tf, x);
    Operand<TFloat32> m = rows(tf, y);
    Operand<TFloat32> k0 = tf.constant((float) kernel.atZero());
    Operand<TFloat32> kxx = tf.reduceSum(kernel.apply(tf, squaredDistances(tf, x, x), c), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> kyy = tf.reduceSum(kernel.apply(tf, squaredDistances(tf, y, y), c), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> kxy = tf.reduceSum(kernel.apply(tf, squaredDistances(tf, x, y), c), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> xx = tf.math.div(tf.math.sub(kxx, tf.math.mul(n, k0)), tf.math.mul(n, tf.math.sub(n, one)));
    Operand<TFloat32> yy = tf.math.div(tf.math.sub(kyy, tf.math.mul(m, k0)), tf.math.mul(m, tf.math.sub(m, one)));
    Operand<TFloat32> xy = tf.math.div(tf.math.mul(tf.constant(2f), kxy), tf.math.mul(n, m));
    return tf.math.sub(tf.math.add(xx, yy), xy);
  }

  /** The number of rows of x, a float scalar. */
  private static Operand<TFloat32> rows(Ops tf, Operand<TFloat32> x) {
    return tf.dtypes.cast(tf.gather(tf.shape(x), tf.constant(0), tf.constant(0)), TFloat32.class);
  }

  /** ‖a_i − b_j‖², {@code [n, m]}, clamped at 0 (‖a‖² + ‖b‖² − 2 a·b can round below it). */
  static Operand<TFloat32> squaredDistances(Ops tf, Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> na = tf.reduceSum(tf.math.square(a), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true));
    Operand<TFloat32> nb = tf.reduceSum(tf.math.square(b), tf.constant(1), org.tensorflow.op.core.ReduceSum.keepDims(true));
    Operand<TFloat32> ab = tf.linalg.matMul(a, b, org.tensorflow.op.linalg.MatMul.transposeB(true));
    Operand<TFloat32> d = tf.math.sub(tf.math.add(na, tf.linalg.transpose(nb, tf.constant(new int[] {1, 0}))), tf.math.mul(tf.constant(2f), ab));
    return tf.math.maximum(d, tf.constant(0f));
  }

  /** C = 2 d σ_z² for a prior N(0, σ_z² I) on d dimensions (Tolstikhin et al.). */
  public static double scale(long d, double priorVariance) {
    return 2.0 * d * priorVariance;
  }
}
