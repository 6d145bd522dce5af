package dev.vaelab.gaussian.flow;

import dev.vaelab.core.nn.Parameters;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A planar flow step (Rezende and Mohamed 2015, eq. 10–12, and their appendix A for invertibility):
 *
 * <pre>
 *   f(z)        = z + û · tanh(wᵀz + b)
 *   ln |det J|  = ln |1 + (1 − tanh²(wᵀz + b)) · wᵀû|
 *   û           = u + (m(wᵀu) − wᵀu) · w / ‖w‖²,   m(x) = −1 + softplus(x)
 * </pre>
 *
 * The reparameterisation of u makes wᵀû = m(wᵀu) &gt; −1, the condition under which f is invertible (and the
 * determinant positive). Its parameters u, w ∈ ℝ^d and b ∈ ℝ are learned and shared by every example (as in pythae's
 * planar flow), initialised U(−0.01, 0.01): the step starts close to the identity.
 */
public final class PlanarFlow implements FlowStep {
  /** Bound of the uniform initialisation of u, w and b. */
  public static final double INIT = 0.01;

  private final Operand<TFloat32> u;
  private final Operand<TFloat32> w;
  private final Operand<TFloat32> b;

  /**
   * @param name prefix of the variables ({@code name_u}, {@code name_w}, {@code name_b})
   * @param d the latent size
   */
  public PlanarFlow(Parameters params, String name, long d, long seed) {
    if (d < 1) {
      throw new IllegalArgumentException("a planar flow needs d >= 1, got " + d);
    }
    this.u = params.create(name + "_u", Shape.of(d), new RandomUniform<>(-INIT, INIT, seed));
    this.w = params.create(name + "_w", Shape.of(d), new RandomUniform<>(-INIT, INIT, seed + 1));
    this.b = params.create(name + "_b", Shape.of(1), new RandomUniform<>(-INIT, INIT, seed + 2));
  }

  /** û, the invertible reparameterisation of u. */
  public Operand<TFloat32> uHat(Ops tf) {
    Operand<TFloat32> wu = tf.reduceSum(tf.math.mul(w, u), tf.constant(0));
    Operand<TFloat32> m = tf.math.sub(tf.math.softplus(wu), tf.constant(1f));
    Operand<TFloat32> wNorm2 = tf.reduceSum(tf.math.square(w), tf.constant(0));
    return tf.math.add(u, tf.math.mul(tf.math.div(tf.math.sub(m, wu), wNorm2), w));
  }

  @Override
  public Step apply(Ops tf, Operand<TFloat32> z, Operand<TFloat32> context) {
    Operand<TFloat32> uh = uHat(tf);
    Operand<TFloat32> a = tf.math.add(tf.reduceSum(tf.math.mul(z, w), tf.constant(-1), org.tensorflow.op.core.ReduceSum.keepDims(true)), b);
    Operand<TFloat32> t = tf.math.tanh(a); // [..., 1]
    Operand<TFloat32> out = tf.math.add(z, tf.math.mul(uh, t));
    Operand<TFloat32> wuh = tf.reduceSum(tf.math.mul(w, uh), tf.constant(0));
    Operand<TFloat32> slope = tf.math.sub(tf.constant(1f), tf.math.square(t));
    Operand<TFloat32> det = tf.math.add(tf.constant(1f), tf.math.mul(slope, wuh));
    Operand<TFloat32> logDet = tf.squeeze(tf.math.log(tf.math.abs(det)), org.tensorflow.op.core.Squeeze.axis(-1L));
    return new Step(out, logDet);
  }
}
