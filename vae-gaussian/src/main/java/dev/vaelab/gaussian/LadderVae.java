package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Dense;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The ladder VAE of Sønderby et al. (2016) as a triad over z = [z₁, …, z_L] (z₁ nearest the data):
 *
 * <pre>
 *   bottom-up   d₀ = y,  d_i = a(MLP_i(d_{i−1})) (two layers of h_i),  [μ̂_i, ln σ̂_i²] = heads(d_i)
 *   P_enc(z|y)  = q(z_L|y) Π_{i<L} q(z_i|z_{i+1}, y)   the precision-weighted merge ({@link LadderPosterior})
 *   P_pri(z)    = N(z_L; 0, I) Π_{i<L} p(z_i|z_{i+1}),  p(z_i|z_{i+1}) = N(μ_p, σ_p²) from one hidden layer of h_i ({@link LadderPrior})
 *   P_dec(y|z)  = Bernoulli(y; sigmoid(l(z₁))),  l: z₁ → h₁ → h₁ → y
 * </pre>
 *
 * The rate KL(q(z|y) ‖ p(z)) = Σ_i E_q[ln q(z_i|·) − ln p(z_i|z_{i+1})] is estimated by Monte Carlo at the sample the
 * distortion uses; train it with {@link dev.vaelab.core.objective.Elbo} and its KL warm-up (the paper's), or any bound
 * of the family. Without the paper's batch normalisation.
 *
 * @param dataSize D
 * @param hidden h_1 … h_L, the width of each rung's deterministic layers
 * @param latents d_1 … d_L
 * @param activation the nonlinearity of every hidden layer
 */
public record LadderVae(long dataSize, long[] hidden, long[] latents, Activation activation) implements ModelSpec {
  /** Default rung widths. */
  public static final long[] DEFAULT_HIDDEN = {256, 128, 64};
  /** Default latent sizes. */
  public static final long[] DEFAULT_LATENTS = {64, 32, 16};

  public LadderVae {
    if (dataSize < 1) {
      throw new IllegalArgumentException("dataSize must be >= 1, got " + dataSize);
    }
    if (latents == null || latents.length < 2) {
      throw new IllegalArgumentException("a ladder needs at least two stochastic layers (--latents d1,d2,...), got " + Arrays.toString(latents));
    }
    if (hidden == null || hidden.length != latents.length) {
      throw new IllegalArgumentException("--hidden must give one width per stochastic layer (" + latents.length + "), got " + Arrays.toString(hidden));
    }
    for (int i = 0; i < latents.length; i++) {
      if (latents[i] < 1 || hidden[i] < 1) {
        throw new IllegalArgumentException("ladder sizes must be >= 1, got hidden " + Arrays.toString(hidden) + ", latents " + Arrays.toString(latents));
      }
    }
    hidden = hidden.clone();
    latents = latents.clone();
    if (activation == null) {
      throw new IllegalArgumentException("activation must be given");
    }
  }

  @Override
  public String name() {
    return "ladder-vae";
  }

  /** Σ d_i. */
  @Override
  public long latentSize() {
    return Arrays.stream(latents).sum();
  }

  /** The first index of layer i on the latent axis. */
  public int offset(int layer) {
    int o = 0;
    for (int i = 0; i < layer; i++) {
      o += (int) latents[i];
    }
    return o;
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    int l = latents.length;
    List<Mlp> up = new ArrayList<>();
    List<Dense> means = new ArrayList<>();
    List<Dense> logVars = new ArrayList<>();
    List<StochasticLayer> down = new ArrayList<>();
    long in = dataSize;
    for (int i = 0; i < l; i++) {
      up.add(new Mlp(params, "up" + i, new long[] {in, hidden[i], hidden[i]}, activation, seed * 10 + i));
      means.add(new Dense(params, "up" + i + "_mean", hidden[i], latents[i], seed * 10 + i + 100));
      logVars.add(new Dense(params, "up" + i + "_logvar", hidden[i], latents[i], seed * 10 + i + 200));
      in = hidden[i];
    }
    for (int i = 0; i + 1 < l; i++) {
      down.add(new StochasticLayer(params, "down" + i, latents[i + 1], new long[] {hidden[i]}, latents[i], activation, seed * 10 + i + 300));
    }
    BernoulliDecoder dec1 = new BernoulliDecoder(params, latents[0], new long[] {hidden[0], hidden[0]}, dataSize, activation, seed * 10 + 400);
    Encoder enc = (t, y) -> {
      List<DiagonalGaussian> bu = new ArrayList<>();
      Operand<TFloat32> d = y;
      for (int i = 0; i < l; i++) {
        d = activation.apply(t, up.get(i).apply(t, d));
        bu.add(new DiagonalGaussian(means.get(i).apply(t, d), logVars.get(i).apply(t, d)));
      }
      return new LadderPosterior(bu, down);
    };
    LadderPrior prior = new LadderPrior(down, latents);
    long d1 = latents[0];
    return new LatentVariableModel(enc, t -> prior, (t, z) -> dec1.decode(t, ChainedGaussian.first(t, z, d1)), dataSize, latentSize());
  }

  /** Binary data of D values. */
  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    data.requireDimension(dataSize, "model '" + name() + "'");
    data.requireUnitInterval("the Bernoulli decoder of model '" + name() + "'");
  }
}
