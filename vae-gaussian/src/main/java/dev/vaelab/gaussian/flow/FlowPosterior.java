package dev.vaelab.gaussian.flow;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.Seed;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A posterior P_enc(z|y) given by a normalising flow on a diagonal Gaussian (Rezende and Mohamed 2015): z₀ ~ N(μ(y),
 * diag σ²(y)), z_K = f_K ∘ … ∘ f_1(z₀), with the density of z_K by the change of variables,
 *
 * <pre>
 *   ln q_K(z_K|y) = ln N(z₀; μ, σ²) − Σ_k ln |det ∂f_k/∂z_{k−1}|
 * </pre>
 *
 * The density is known at the flow's own samples only (a planar step has no closed-form inverse): {@link #logProb} of
 * a value this object drew returns the density computed while drawing it, and refuses any other value. That is what
 * the ELBO (Monte-Carlo rate ln q(z) − ln P_pri(z) at its own sample) and the importance-sampled log-likelihood (the
 * flow's density as the proposal at its own draws) need. {@link #mean} is the flow applied to μ — the point the
 * representation metrics and the reconstructions use; the mean of q_K itself has no closed form.
 */
public final class FlowPosterior implements Distribution {
  private final DiagonalGaussian base;
  private final List<FlowStep> steps;
  private final Operand<TFloat32> context;
  private final Map<Operand<TFloat32>, Operand<TFloat32>> drawn = new IdentityHashMap<>();

  /**
   * @param base N(μ(y), diag σ²(y))
   * @param steps f_1 … f_K
   * @param context the encoder's context h for the steps that read one, or null
   */
  public FlowPosterior(DiagonalGaussian base, List<FlowStep> steps, Operand<TFloat32> context) {
    this.base = base;
    this.steps = List.copyOf(steps);
    this.context = context;
  }

  /** The base distribution N(μ, σ²) of z₀. */
  public DiagonalGaussian base() {
    return base;
  }

  /** The number of steps K. */
  public int length() {
    return steps.size();
  }

  @Override
  public long eventSize() {
    return base.eventSize();
  }

  @Override
  public Operand<TFloat32> sample(Ops tf, Operand<TInt32> shape, Seed seed) {
    Operand<TFloat32> z = base.sample(tf, shape, seed);
    Operand<TFloat32> logQ = base.logProb(tf, z);
    for (FlowStep f : steps) {
      FlowStep.Step s = f.apply(tf, z, context);
      z = s.z();
      logQ = tf.math.sub(logQ, s.logDet());
    }
    drawn.put(z, logQ);
    return z;
  }

  /** ln q_K(z_K|y) at a sample this posterior drew; refused for any other value. */
  @Override
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> value) {
    Operand<TFloat32> logQ = drawn.get(value);
    if (logQ == null) {
      throw new IllegalArgumentException("a flow posterior's density is known at its own samples only (a planar step has no closed-form"
          + " inverse); score z drawn by this posterior's sample(…)");
    }
    return logQ;
  }

  /** f_K ∘ … ∘ f_1(μ). */
  @Override
  public Operand<TFloat32> mean(Ops tf) {
    Operand<TFloat32> z = base.mean(tf);
    for (FlowStep f : steps) {
      z = f.apply(tf, z, context).z();
    }
    return z;
  }

  @Override
  public boolean isReparameterized() {
    return true;
  }
}
