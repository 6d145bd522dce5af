package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One Gaussian stochastic layer of Burda et al. (2015): a deterministic MLP h(x) with a
 * nonlinearity after every hidden layer, then two linear heads,
 *
 * <pre>
 *   p(out | x) = N(out; μ(x), diag exp(ℓ(x))),   μ = W_μ h(x) + b_μ,   ℓ = ln σ² = W_ℓ h(x) + b_ℓ
 * </pre>
 *
 * The input may carry leading sample axes ({@code [k, batch, in]}): it is applied to the last axis.
 */
public final class StochasticLayer implements GaussianConditional {
  private final Mlp hidden;
  private final Activation activation;
  private final Dense meanHead;
  private final Dense logVarianceHead;
  private final long outputSize;

  /**
   * @param name parameter name prefix (e.g. {@code enc1})
   * @param hidden hidden sizes, at least one (Burda et al.: 200-200 or 100-100)
   */
  public StochasticLayer(Parameters params, String name, long inputSize, long[] hidden, long outputSize, Activation activation, long seed) {
    if (hidden.length == 0) {
      throw new IllegalArgumentException("a stochastic layer needs at least one hidden layer, got none");
    }
    if (inputSize < 1 || outputSize < 1) {
      throw new IllegalArgumentException("input and output sizes must be >= 1, got " + inputSize + ", " + outputSize);
    }
    long[] sizes = new long[hidden.length + 1];
    sizes[0] = inputSize;
    System.arraycopy(hidden, 0, sizes, 1, hidden.length);
    this.hidden = new Mlp(params, name, sizes, activation, seed);
    this.activation = activation;
    long last = hidden[hidden.length - 1];
    this.meanHead = new Dense(params, name + "_mean", last, outputSize, seed * 1000 + 501);
    this.logVarianceHead = new Dense(params, name + "_logvar", last, outputSize, seed * 1000 + 502);
    this.outputSize = outputSize;
  }

  /** Size of the layer's output variable. */
  public long outputSize() {
    return outputSize;
  }

  /** p(out | x) for an input x of shape {@code [..., in]}. */
  @Override
  public DiagonalGaussian at(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> h = activation.apply(tf, hidden.apply(tf, x));
    return new DiagonalGaussian(meanHead.apply(tf, h), logVarianceHead.apply(tf, h));
  }
}
