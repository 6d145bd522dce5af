package dev.vaelab.gaussian;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The kernels of the Wasserstein autoencoder's MMD penalty (Tolstikhin et al. 2018, section 4 and their experiments),
 * on the squared distance D = ‖x − x'‖² with the scale C = 2 d σ_z² of a prior N(0, σ_z² I) on d dimensions:
 *
 * <pre>
 *   RBF   k(x, x') = exp(−D / C)
 *   IMQ   k(x, x') = Σ_{s ∈ S} s·C / (s·C + D),   S = {0.1, 0.2, 0.5, 1, 2, 5, 10}   (the paper's several scales)
 * </pre>
 */
public enum MmdKernel {
  /** The Gaussian (radial basis function) kernel. */
  RBF,
  /** The inverse multiquadratic kernel, summed over the paper's scales. */
  IMQ;

  /** The inverse multiquadratic kernel's scales s. */
  public static final double[] SCALES = {0.1, 0.2, 0.5, 1, 2, 5, 10};

  /** k at squared distances {@code d2} with scale C. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> d2, double c) {
    if (this == RBF) {
      return tf.math.exp(tf.math.div(tf.math.neg(d2), tf.constant((float) c)));
    }
    Operand<TFloat32> sum = null;
    for (double s : SCALES) {
      Operand<TFloat32> sc = tf.constant((float) (s * c));
      Operand<TFloat32> k = tf.math.div(sc, tf.math.add(sc, d2));
      sum = sum == null ? k : tf.math.add(sum, k);
    }
    return sum;
  }

  /** k(x, x) = k at D = 0: 1 for RBF, |S| for IMQ. */
  public double atZero() {
    return this == RBF ? 1 : SCALES.length;
  }

  /** k(x, x') in plain Java, for checks. */
  public double value(double d2, double c) {
    if (this == RBF) {
      return Math.exp(-d2 / c);
    }
    double s = 0;
    for (double x : SCALES) {
      s += x * c / (x * c + d2);
    }
    return s;
  }
}
