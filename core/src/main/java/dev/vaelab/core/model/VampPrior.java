package dev.vaelab.core.model;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.MixtureOfDiagonalGaussians;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The VampPrior of Tomczak and Welling (2018): a mixture of the model's own variational posterior
 * at K learned pseudo-inputs u_k,
 *
 * <pre>
 *   p(z) = (1/K) Σ_k q(z | u_k)
 * </pre>
 *
 * The pseudo-inputs are parameters of the data's shape ({@code [K, D]}, initialised uniformly in
 * [0, 1] — the data's range — from the seed) trained with the rest; they pass through the same
 * encoder as the data, so the prior moves with it. The encoder must give a {@link DiagonalGaussian}.
 * Tomczak and Welling use K = 500 on MNIST ({@link #DEFAULT_COMPONENTS}).
 */
public final class VampPrior implements Prior {
  /** K of the paper's MNIST experiments. */
  public static final int DEFAULT_COMPONENTS = 500;

  private final Encoder encoder;
  private final Operand<TFloat32> pseudoInputs;

  private VampPrior(Encoder encoder, Operand<TFloat32> pseudoInputs) {
    this.encoder = encoder;
    this.pseudoInputs = pseudoInputs;
  }

  /**
   * A factory for a VAE of observation size {@code dataSize}: K pseudo-inputs, named {@code
   * prior_pseudo_inputs}.
   */
  public static PriorFactory withPseudoInputs(int k, long dataSize) {
    if (k < 1) {
      throw new IllegalArgumentException("number of pseudo-inputs K must be >= 1, got " + k);
    }
    return (tf, params, encoder, d, conditioning, seed) -> {
      if (conditioning.isPresent()) {
        throw new IllegalArgumentException("the VampPrior's pseudo-inputs carry no context: it is not available for conditional models");
      }
      Operand<TFloat32> u = params.create("prior_pseudo_inputs", Shape.of(k, dataSize),
          new org.tensorflow.framework.initializers.RandomUniform<>(0.0, 1.0, seed));
      return new VampPrior(encoder, u);
    };
  }

  /** The pseudo-inputs u, {@code [K, D]}. */
  public Operand<TFloat32> pseudoInputs() {
    return pseudoInputs;
  }

  @Override
  public Distribution distribution(Ops tf) {
    Distribution q = encoder.encode(tf, pseudoInputs);
    if (!(q instanceof DiagonalGaussian g)) {
      throw new IllegalArgumentException("the VampPrior needs an encoder that gives a DiagonalGaussian, got " + q.getClass().getSimpleName());
    }
    long k = pseudoInputs.shape().get(0);
    Operand<TFloat32> logVar = tf.math.add(tf.zerosLike(g.loc()), g.logVariance());
    return new MixtureOfDiagonalGaussians(tf.zeros(tf.constant(new long[] {k}), TFloat32.class), g.loc(), logVar);
  }
}
