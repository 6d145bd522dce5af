package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.math.Constants;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A fitted masked autoregressive flow (Papamakarios et al. 2017) over ℝ^d: a fixed standardisation x̃ = (x − m) / s
 * (the training data's mean and standard deviation), then K {@link MafTransform}s to u ~ N(0, I),
 *
 * <pre>
 *   ln p(x) = ln N(u; 0, I) − Σ_k Σ_i α^k_i − Σ_i ln s_i
 * </pre>
 *
 * Evaluated and sampled in plain Java, and as TensorFlow ops ({@link MafDistribution}) when it stands in for a model's
 * prior. Fitted by {@link MafFit}.
 *
 * @param shift m
 * @param scale s (&gt; 0)
 * @param transforms the K transforms, applied in order from x to u
 */
public record Maf(double[] shift, double[] scale, List<MafTransform> transforms) {
  public Maf {
    if (shift.length != scale.length || transforms.isEmpty()) {
      throw new IllegalArgumentException("a MAF needs a shift and a scale of one size and at least one transform");
    }
    for (MafTransform t : transforms) {
      if (t.size() != shift.length) {
        throw new IllegalArgumentException("a MAF transform over " + t.size() + " values in a flow over " + shift.length);
      }
    }
    shift = shift.clone();
    scale = scale.clone();
    transforms = List.copyOf(transforms);
  }

  /** d. */
  public int dimension() {
    return shift.length;
  }

  /** ln p(x) (plain Java). */
  public double logDensity(double[] x) {
    int d = dimension();
    if (x.length != d) {
      throw new IllegalArgumentException("the MAF is over " + d + " values, got " + x.length);
    }
    double[] v = new double[d];
    double logJacobian = 0;
    for (int i = 0; i < d; i++) {
      v[i] = (x[i] - shift[i]) / scale[i];
      logJacobian -= Math.log(scale[i]);
    }
    for (MafTransform t : transforms) {
      logJacobian -= t.forward(v, v);
    }
    double sq = 0;
    for (double u : v) {
      sq += u * u;
    }
    return -0.5 * sq - 0.5 * d * Constants.LN_2PI + logJacobian;
  }

  /** n draws (n × d values, row-major) from the flow, seeded. */
  public float[] sample(int n, long seed) {
    int d = dimension();
    Random random = new Random(seed);
    float[] out = new float[n * d];
    for (int r = 0; r < n; r++) {
      double[] u = new double[d];
      for (int i = 0; i < d; i++) {
        u[i] = random.nextGaussian();
      }
      for (int k = transforms.size() - 1; k >= 0; k--) {
        u = transforms.get(k).inverse(u);
      }
      for (int i = 0; i < d; i++) {
        out[r * d + i] = (float) (u[i] * scale[i] + shift[i]);
      }
    }
    return out;
  }

  /** ln p(x) as TensorFlow ops, x {@code [..., d]}. */
  public Operand<TFloat32> logProb(Ops tf, Operand<TFloat32> x) {
    float[] m = toFloat(shift);
    float[] s = toFloat(scale);
    double logScale = 0;
    for (double v : scale) {
      logScale += Math.log(v);
    }
    Operand<TFloat32> v = tf.math.div(tf.math.sub(x, tf.constant(m)), tf.constant(s));
    Operand<TFloat32> total = tf.constant((float) (-0.5 * dimension() * Constants.LN_2PI - logScale));
    for (MafTransform t : transforms) {
      List<Operand<TFloat32>> ua = MafTransform.forward(tf, v, t.constants(tf), t.reversed());
      v = ua.get(0);
      total = tf.math.sub(total, ua.get(1));
    }
    return tf.math.add(total, tf.math.mul(tf.constant(-0.5f), tf.reduceSum(tf.math.square(v), tf.constant(-1))));
  }

  /** x from u ~ N(0, I) as TensorFlow ops. */
  public Operand<TFloat32> fromNoise(Ops tf, Operand<TFloat32> u) {
    Operand<TFloat32> v = u;
    for (int k = transforms.size() - 1; k >= 0; k--) {
      v = transforms.get(k).inverse(tf, v);
    }
    return tf.math.add(tf.math.mul(v, tf.constant(toFloat(scale))), tf.constant(toFloat(shift)));
  }

  static float[] toFloat(double[] x) {
    float[] f = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      f[i] = (float) x[i];
    }
    return f;
  }

  /** The transforms, as a mutable copy (for builders). */
  List<MafTransform> transformList() {
    return new ArrayList<>(transforms);
  }
}
