package dev.vaelab.core.nn;

import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A fully connected layer whose weight matrix is multiplied element-wise by a fixed binary mask, h = x (W ⊙ M) + b
 * (Germain et al. 2015, MADE): M[i][j] = 0 cuts the connection from input i to output j. Initialised as {@link Dense}
 * (U(−1/√n_in, 1/√n_in)); inputs of rank &gt; 2 are flattened for the product and reshaped back.
 */
public final class MaskedDense {
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;
  private final float[][] mask;
  private final long inputSize;
  private final long outputSize;

  /**
   * @param name prefix of the variable names ({@code name_W}, {@code name_b})
   * @param mask {@code [n_in][n_out]} of 0 and 1
   */
  public MaskedDense(Parameters params, String name, float[][] mask, long seed) {
    if (mask.length == 0 || mask[0].length == 0) {
      throw new IllegalArgumentException("MaskedDense '" + name + "' needs a mask of at least 1 × 1, got " + mask.length + " rows");
    }
    this.inputSize = mask.length;
    this.outputSize = mask[0].length;
    this.mask = new float[mask.length][];
    for (int i = 0; i < mask.length; i++) {
      if (mask[i].length != outputSize) {
        throw new IllegalArgumentException("MaskedDense '" + name + "': mask row " + i + " has " + mask[i].length + " entries, expected " + outputSize);
      }
      this.mask[i] = mask[i].clone();
    }
    double bound = 1.0 / Math.sqrt(inputSize);
    this.w = params.create(name + "_W", Shape.of(inputSize, outputSize), new RandomUniform<>(-bound, bound, seed));
    this.b = params.create(name + "_b", Shape.of(outputSize), new RandomUniform<>(-bound, bound, seed + 7919));
  }

  /** x (W ⊙ M) + b over the last axis of x. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> masked = tf.math.mul(w, tf.constant(StdArrays.ndCopyOf(mask)));
    int rank = x.shape().numDimensions();
    if (rank == 2) {
      return tf.nn.biasAdd(tf.linalg.matMul(x, masked), b);
    }
    Operand<TInt32> leading = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inputSize}));
    Operand<TFloat32> h = tf.nn.biasAdd(tf.linalg.matMul(flat, masked), b);
    return tf.reshape(h, tf.concat(java.util.List.of(leading, tf.constant(new int[] {(int) outputSize})), tf.constant(0)));
  }

  /** A copy of the mask. */
  public float[][] mask() {
    float[][] m = new float[mask.length][];
    for (int i = 0; i < mask.length; i++) {
      m[i] = mask[i].clone();
    }
    return m;
  }
}
