package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.Decoder;
import dev.vaelab.core.model.Encoder;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.Prior;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.gaussian.flow.FlowPosterior;
import dev.vaelab.gaussian.flow.FlowStep;
import dev.vaelab.gaussian.flow.InverseAutoregressiveFlow;
import dev.vaelab.gaussian.flow.PlanarFlow;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A Gaussian VAE whose posterior is a normalising flow on the diagonal Gaussian ({@link FlowPosterior}): the encoder
 * MLP y → [μ, ln σ², h] (h, the context of the inverse autoregressive flow, has {@link #contextSize()} values; none for
 * planar steps), then K steps; prior and decoder are those of {@code base}. The rate is estimated by Monte Carlo, ln
 * q_K(z_K|y) − ln P_pri(z_K) at the sample the distortion uses, and the importance-sampled log-likelihood uses the
 * flow's density as its proposal unchanged.
 *
 * @param base the Gaussian VAE whose sizes, decoder and prior this model keeps (unconditioned; a prior built from
 *     the encoder — the VampPrior — is refused: its density would need q at values it did not draw)
 * @param kind planar or inverse autoregressive steps
 * @param steps K ≥ 1
 */
public record FlowVae(GaussianVae base, Kind kind, int steps) implements ModelSpec {
  /** Default K. */
  public static final int DEFAULT_STEPS = 4;

  /** The kind of flow step. */
  public enum Kind {
    /** {@link PlanarFlow} (Rezende and Mohamed 2015). */
    PLANAR,
    /** {@link InverseAutoregressiveFlow} (Kingma et al. 2016). */
    IAF
  }

  public FlowVae {
    if (base == null || kind == null) {
      throw new IllegalArgumentException("a flow VAE needs a base Gaussian VAE and a kind of step");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("--flow-steps must be >= 1, got " + steps);
    }
    if (base.contextSize() > 0) {
      throw new IllegalArgumentException("a flow posterior is offered for unconditioned models; this one has a context of " + base.contextSize());
    }
  }

  @Override
  public String name() {
    return "gaussian-vae-" + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public long dataSize() {
    return base.dataSize();
  }

  @Override
  public long latentSize() {
    return base.latentSize();
  }

  /** An unconditioned model: no context (the flow's context h is the encoder's, see {@link #flowContextSize()}). */
  @Override
  public long contextSize() {
    return 0;
  }

  /** c, the size of the encoder's context output h: 4d for the inverse autoregressive flow, 0 for planar steps. */
  public long flowContextSize() {
    return kind == Kind.IAF ? 4 * base.latentSize() : 0;
  }

  @Override
  public LatentVariableModel build(Ops tf, Parameters params, long seed) {
    long d = base.latentSize();
    long c = flowContextSize();
    Mlp net = new Mlp(params, "enc", GaussianVae.sizes(base.dataSize(), base.hidden(), 2 * d + c), base.activation(), seed * 2 + 1);
    Decoder dec = base.decoder(params, d, seed);
    List<FlowStep> flow = new ArrayList<>();
    for (int k = 0; k < steps; k++) {
      flow.add(kind == Kind.PLANAR
          ? new PlanarFlow(params, "planar" + k, d, seed * 100 + 10 * k + 5)
          : new InverseAutoregressiveFlow(params, "iaf" + k, (int) d, (int) c, new int[] {(int) c, (int) c}, k % 2 == 1, seed * 100 + 10 * k + 5));
    }
    Encoder enc = (t, y) -> {
      Operand<TFloat32> h = net.apply(t, y);
      Operand<TFloat32> mu = columns(t, h, 0, d);
      Operand<TFloat32> logVar = columns(t, h, d, d);
      return new FlowPosterior(new DiagonalGaussian(mu, logVar), flow, c > 0 ? columns(t, h, 2 * d, c) : null);
    };
    Prior p = base.prior().build(tf, params, enc, d, Conditioning.NONE, seed * 2 + 3);
    return new LatentVariableModel(enc, p, dec, base.dataSize(), d);
  }

  private static Operand<TFloat32> columns(Ops tf, Operand<TFloat32> h, long from, long n) {
    return tf.slice(h, tf.constant(new int[] {0, (int) from}), tf.constant(new int[] {-1, (int) n}));
  }

  @Override
  public void checkData(dev.vaelab.core.data.Dataset data) {
    base.checkData(data);
  }
}
