package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.GroupedCategorical;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The categorical VAE (Jang et al. 2017): the MLP triad of the Gaussian VAE with a discrete latent of
 * N independent K-way categoricals instead of a Gaussian.
 *
 * <pre>
 *   P_enc(z|y) = Π_n Cat(z_n; softmax(ℓ_n(y))),   ℓ(y) = MLP_enc(y) ∈ ℝ^{N·K}
 *   P_pri(z)   = Π_n Cat(z_n; 1/K)                  (uniform: ln P_pri(z) = −N ln K)
 *   P_dec(y|z) = Π_j Bernoulli(y_j; σ(MLP_dec(z))), z the N one-hot blocks (N · K inputs)
 * </pre>
 *
 * Train it by the Gumbel-softmax relaxation ({@code GumbelSoftmaxElbo}) or, when K^N is small, by the
 * plain ELBO, which then enumerates the K^N values of z exactly (no relaxation, no sampling).
 *
 * @param dataSize D
 * @param hidden hidden layer sizes of both MLPs (B1: [400])
 * @param groups N
 * @param classes K
 */
public record CategoricalVae(long dataSize, long[] hidden, int groups, int classes) implements ModelSpec {
  /** Jang et al. 2017 on MNIST, and B6(a): 30 groups of 10 classes. */
  public static final int DEFAULT_GROUPS = 30;
  public static final int DEFAULT_CLASSES = 10;

  public CategoricalVae {
    if (dataSize < 1) {
      throw new IllegalArgumentException("data size must be >= 1, got " + dataSize);
    }
    if (groups < 1) {
      throw new IllegalArgumentException("latent groups must be >= 1, got " + groups);
    }
    if (classes < 2) {
      throw new IllegalArgumentException("categories per group must be >= 2, got " + classes);
    }
    for (long h : hidden) {
      if (h < 1) {
        throw new IllegalArgumentException("hidden sizes must be >= 1, got " + java.util.Arrays.toString(hidden));
      }
    }
    hidden = hidden.clone();
  }

  /** B6(a): 784 – 400 – (30 × 10) – 400 – 784. */
  public static CategoricalVae standard() {
    return new CategoricalVae(GaussianVae.DEFAULT_DATA_SIZE, new long[] {GaussianVae.DEFAULT_HIDDEN}, DEFAULT_GROUPS, DEFAULT_CLASSES);
  }

  @Override
  public String name() {
    return "categorical-vae";
  }

  @Override
  public long latentSize() {
    return (long) groups * classes;
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    Mlp enc = new Mlp(params, "enc", GaussianVae.sizes(dataSize, hidden, latentSize()), Activation.RELU, seed);
    Encoder encoder = (t, y) -> new GroupedCategorical(enc.apply(t, y), groups, classes);
    BernoulliDecoder decoder = new BernoulliDecoder(params, latentSize(), hidden, dataSize, Activation.RELU, seed + 1);
    return new LatentVariableModel(encoder, t -> GroupedCategorical.uniform(t, groups, classes), decoder, dataSize, latentSize());
  }

  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(dataSize, "model 'categorical-vae'");
    data.requireUnitInterval("the Bernoulli decoder of model 'categorical-vae'");
  }
}
