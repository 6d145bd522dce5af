package dev.vaelab.core.nn;

import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Fully connected layer h = x W + b.
 *
 * <p>W and b are initialised U(−1/√n_in, 1/√n_in), PyTorch's {@code nn.Linear} default, so
 * results are comparable with the PyTorch peers. The framework's {@code RandomUniform} is used with
 * explicit bounds (its Glorot/VarianceScaling UNIFORM draws only non-negative values, TFJAVA.md).
 *
 * <p>Inputs of rank &gt; 2 ({@code [k, batch, n_in]}, several latent samples) are flattened to
 * rank 2 for the matrix product and reshaped back.
 */
public final class Dense {
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;
  private final long inputSize;
  private final long outputSize;

  /**
   * @param name prefix of the variable names ({@code name_W}, {@code name_b})
   * @param seed initialiser seed
   */
  public Dense(Parameters params, String name, long inputSize, long outputSize, long seed) {
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException(
          "Dense '" + name + "' sizes must be >= 1, got " + inputSize + " -> " + outputSize);
    }
    this.inputSize = inputSize;
    this.outputSize = outputSize;
    double bound = 1.0 / Math.sqrt(inputSize);
    this.w = params.create(name + "_W", Shape.of(inputSize, outputSize), new RandomUniform<>(-bound, bound, seed));
    this.b = params.create(name + "_b", Shape.of(outputSize), new RandomUniform<>(-bound, bound, seed + 7919));
  }

  /** x W + b over the last axis of x. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    int rank = x.shape().numDimensions();
    if (rank >= 0 && x.shape().get(-1) != inputSize && x.shape().get(-1) != Shape.UNKNOWN_SIZE) {
      throw new IllegalArgumentException(
          "Dense expects last dimension " + inputSize + ", got input of shape " + x.shape());
    }
    if (rank == 2) {
      return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
    }
    Operand<TInt32> leading = tf.slice(tf.shape(x), tf.constant(new int[] {0}), tf.constant(new int[] {rank - 1}));
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, inputSize}));
    Operand<TFloat32> h = tf.nn.biasAdd(tf.linalg.matMul(flat, w), b);
    Operand<TInt32> outShape =
        tf.concat(java.util.List.of(leading, tf.constant(new int[] {(int) outputSize})), tf.constant(0));
    return tf.reshape(h, outShape);
  }

  /** v Wᵀ for v of rank 2 ([n, outputSize] → [n, inputSize]): the vector-Jacobian product of the layer. */
  public Operand<TFloat32> applyTransposed(Ops tf, Operand<TFloat32> v) {
    return tf.linalg.matMul(v, w, org.tensorflow.op.linalg.MatMul.transposeB(true));
  }

  public long inputSize() {
    return inputSize;
  }

  public long outputSize() {
    return outputSize;
  }
}
