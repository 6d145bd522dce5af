package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The diagonal-Gaussian encoder P_enc(z|y) = N(z; μ(y), diag σ²(y)) of Kingma and Welling (2014):
 * an MLP y → [μ, ln σ²] (2d outputs, the first d are μ).
 */
public final class GaussianEncoder implements Encoder {
  private final Mlp net;
  private final long latentSize;

  /**
   * @param hidden hidden layer sizes, e.g. {@code [400]}
   */
  public GaussianEncoder(Parameters params, long dataSize, long[] hidden, long latentSize, Activation activation, long seed) {
    this.latentSize = latentSize;
    long[] sizes = new long[hidden.length + 2];
    sizes[0] = dataSize;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    sizes[sizes.length - 1] = 2 * latentSize;
    this.net = new Mlp(params, "enc", sizes, activation, seed);
  }

  @Override
  public Distribution encode(Ops tf, Operand<TFloat32> y) {
    Operand<TFloat32> h = net.apply(tf, y);
    Operand<TFloat32> mu = tf.slice(h, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, (int) latentSize}));
    Operand<TFloat32> logVar =
        tf.slice(
            h, tf.constant(new int[] {0, (int) latentSize}), tf.constant(new int[] {-1, (int) latentSize}));
    return new DiagonalGaussian(mu, logVar);
  }
}
