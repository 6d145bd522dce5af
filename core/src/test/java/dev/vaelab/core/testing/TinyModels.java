package dev.vaelab.core.testing;

import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Small models for core's tests (core cannot depend on vae-gaussian). */
public final class TinyModels {
  private TinyModels() {}

  /** An MLP Gaussian VAE D-h-d with a Bernoulli decoder. */
  public static ModelSpec mlpVae(long dataSize, long hidden, long latent) {
    return new ModelSpec() {
      @Override
      public String name() {
        return "tiny-vae";
      }

      @Override
      public long dataSize() {
        return dataSize;
      }

      @Override
      public long latentSize() {
        return latent;
      }

      @Override
      public LatentVariableModel build(Ops tf, Parameters params, long seed) {
        Mlp enc = new Mlp(params, "enc", new long[] {dataSize, hidden, 2 * latent}, Activation.RELU, seed);
        Mlp dec = new Mlp(params, "dec", new long[] {latent, hidden, dataSize}, Activation.RELU, seed + 1);
        return new LatentVariableModel(
            (t, y) -> {
              Operand<TFloat32> h = enc.apply(t, y);
              return new DiagonalGaussian(
                  t.slice(h, t.constant(new int[] {0, 0}), t.constant(new int[] {-1, (int) latent})),
                  t.slice(h, t.constant(new int[] {0, (int) latent}), t.constant(new int[] {-1, (int) latent})));
            },
            new StandardNormalPrior(latent),
            (t, z) -> new Bernoulli(dec.apply(t, z)),
            dataSize,
            latent);
      }
    };
  }

  /** A tiny MLP VAE whose spec, like a Bernoulli-decoder model, checks that data lie in [0, 1]. */
  public static ModelSpec bernoulliChecked(long dataSize) {
    ModelSpec inner = mlpVae(dataSize, 4, 1);
    return new ModelSpec() {
      @Override
      public String name() {
        return "tiny-bernoulli";
      }

      @Override
      public long dataSize() {
        return dataSize;
      }

      @Override
      public long latentSize() {
        return 1;
      }

      @Override
      public LatentVariableModel build(Ops tf, Parameters params, long seed) {
        return inner.build(tf, params, seed);
      }

      @Override
      public void checkData(dev.vaelab.core.data.Dataset data) {
        data.requireUnitInterval("the Bernoulli decoder");
      }
    };
  }
}
