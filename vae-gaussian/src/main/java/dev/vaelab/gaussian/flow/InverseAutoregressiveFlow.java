package dev.vaelab.gaussian.flow;

import dev.vaelab.core.nn.Made;
import dev.vaelab.core.nn.Parameters;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One step of the inverse autoregressive flow (Kingma et al. 2016) in its numerically stable, σ-gated form (their
 * eq. 13–14):
 *
 * <pre>
 *   [m, s]      = MADE(z, h)          (m_i, s_i depend on z_0 … z_{i−1} and the encoder's context h)
 *   σ           = sigmoid(s + s₀)      (s₀ = {@value #GATE_BIAS}: σ starts near 1, the step near the identity)
 *   z'          = σ ⊙ z + (1 − σ) ⊙ m
 *   ln |det J|  = Σ_i ln σ_i           (J is triangular with diagonal σ)
 * </pre>
 *
 * With {@code reverse}, the step reads and writes z in reversed order (z'_rev = step(z_rev)), so that consecutive steps
 * alternate the autoregressive order, as Kingma et al. do; the determinant is unchanged.
 */
public final class InverseAutoregressiveFlow implements FlowStep {
  /** The gate's initial offset s₀ (Kingma et al.: "+1 or +2"). */
  public static final float GATE_BIAS = 1.5f;

  private final Made made;
  private final boolean reverse;

  /**
   * @param name prefix of the variables
   * @param d the latent size
   * @param contextSize c, the size of the encoder's context h
   * @param hidden the MADE's hidden sizes
   * @param reverse whether this step works in reversed order
   */
  public InverseAutoregressiveFlow(Parameters params, String name, int d, int contextSize, int[] hidden, boolean reverse, long seed) {
    this.made = new Made(params, name, d, contextSize, hidden, 2, seed);
    this.reverse = reverse;
  }

  /** Whether this step works on z in reversed order. */
  public boolean reversed() {
    return reverse;
  }

  @Override
  public Step apply(Ops tf, Operand<TFloat32> z, Operand<TFloat32> context) {
    Operand<TFloat32> x = reverse ? flip(tf, z) : z;
    List<Operand<TFloat32>> ms = made.apply(tf, x, context);
    Operand<TFloat32> gateInput = tf.math.add(ms.get(1), tf.constant(GATE_BIAS));
    Operand<TFloat32> sigma = tf.math.sigmoid(gateInput);
    Operand<TFloat32> out = tf.math.add(tf.math.mul(sigma, x), tf.math.mul(tf.math.sub(tf.constant(1f), sigma), ms.get(0)));
    // ln sigmoid(a) = −softplus(−a), exact where ln(sigmoid) would underflow
    Operand<TFloat32> logDet = tf.reduceSum(tf.math.neg(tf.math.softplus(tf.math.neg(gateInput))), tf.constant(-1));
    return new Step(reverse ? flip(tf, out) : out, logDet);
  }

  private static Operand<TFloat32> flip(Ops tf, Operand<TFloat32> z) {
    return tf.reverse(z, tf.constant(new int[] {-1}));
  }
}
