package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.Prior;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Parameters;
import java.util.Arrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The two-stochastic-layer model of Burda, Grosse and Salakhutdinov (2015, their second MNIST
 * architecture) as a triad over z = [z₁, z₂]:
 *
 * <pre>
 *   P_enc(z|y) = q(z₁|y) q(z₂|z₁)       y → 200-200 (tanh) → z₁ (100) → 100-100 (tanh) → z₂ (50)
 *   P_pri(z)   = N(z₂; 0, I) p(z₁|z₂)    z₂ → 100-100 (tanh) → z₁
 *   P_dec(y|z) = Bernoulli(y; sigmoid(l(z₁)))   z₁ → 200-200 (tanh) → y
 * </pre>
 *
 * Every conditional is a diagonal Gaussian ({@link StochasticLayer}); the joint densities are
 * {@link ChainedGaussian}s, so the ELBO's rate KL(q(z₁,z₂|y) ‖ p(z₁,z₂)) = E_q[ln q(z₁|y) + ln q(z₂|z₁)
 * − ln p(z₂) − ln p(z₁|z₂)] is estimated by Monte Carlo and the importance-weighted bound uses ln w
 * = ln p(y|z₁) + ln p(z₁|z₂) + ln p(z₂) − ln q(z₁|y) − ln q(z₂|z₁) unchanged. The latent size seen by
 * the rest of vaelab is d₁ + d₂ (the first d₁ values are z₁).
 *
 * @param dataSize D
 * @param hidden1 hidden sizes between y and z₁ (both directions)
 * @param latent1 d₁
 * @param hidden2 hidden sizes between z₁ and z₂ (both directions)
 * @param latent2 d₂
 * @param activation hidden nonlinearity (tanh in the paper)
 */
public record TwoStochasticLayerVae(long dataSize, long[] hidden1, long latent1, long[] hidden2, long latent2, Activation activation)
    implements ModelSpec {

  /** Burda et al.'s sizes for 28 × 28 binary images. */
  public static TwoStochasticLayerVae burda() {
    return new TwoStochasticLayerVae(784, new long[] {200, 200}, 100, new long[] {100, 100}, 50, Activation.TANH);
  }

  public TwoStochasticLayerVae {
    if (dataSize < 1 || latent1 < 1 || latent2 < 1) {
      throw new IllegalArgumentException("dataSize, latent1 and latent2 must be >= 1, got " + dataSize + ", " + latent1 + ", " + latent2);
    }
    hidden1 = checked(hidden1, "hidden1");
    hidden2 = checked(hidden2, "hidden2");
    if (activation == null) {
      throw new IllegalArgumentException("activation must be given");
    }
  }

  private static long[] checked(long[] h, String name) {
    if (h == null || h.length == 0) {
      throw new IllegalArgumentException(name + " must list at least one hidden size");
    }
    for (long x : h) {
      if (x < 1) {
        throw new IllegalArgumentException(name + " sizes must be >= 1, got " + Arrays.toString(h));
      }
    }
    return h.clone();
  }

  @Override
  public String name() {
    return "two-stochastic-layer-vae";
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    StochasticLayer q1 = new StochasticLayer(params, "enc1", dataSize, hidden1, latent1, activation, seed * 4 + 1);
    StochasticLayer q2 = new StochasticLayer(params, "enc2", latent1, hidden2, latent2, activation, seed * 4 + 2);
    StochasticLayer p1 = new StochasticLayer(params, "pri1", latent2, reversed(hidden2), latent1, activation, seed * 4 + 3);
    BernoulliDecoder dec1 = new BernoulliDecoder(params, latent1, reversed(hidden1), dataSize, activation, seed * 4 + 4);
    Encoder enc = (t, y) -> new ChainedGaussian(q1.at(t, y), q2, true);
    Prior pri = t -> {
      var zeros = t.zeros(t.constant(new long[] {latent2}), TFloat32.class);
      return new ChainedGaussian(new DiagonalGaussian(zeros, zeros), p1, false);
    };
    long d1 = latent1;
    Decoder dec = (t, z) -> dec1.decode(t, ChainedGaussian.first(t, z, d1));
    return new LatentVariableModel(enc, pri, dec, dataSize, latent1 + latent2);
  }

  /** d₁ + d₂: z = [z₁, z₂]. */
  @Override
  public long latentSize() {
    return latent1 + latent2;
  }

  /** Binary data of D values. */
  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(dataSize, "model '" + name() + "'");
    data.requireUnitInterval("the Bernoulli decoder of model '" + name() + "'");
  }

  private static long[] reversed(long[] h) {
    long[] r = new long[h.length];
    for (int i = 0; i < h.length; i++) {
      r[i] = h[h.length - 1 - i];
    }
    return r;
  }
}
