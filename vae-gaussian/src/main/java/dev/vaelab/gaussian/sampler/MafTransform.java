package dev.vaelab.gaussian.sampler;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One transform of a masked autoregressive flow (Papamakarios et al. 2017, eq. 2–4): a MADE with one hidden layer of
 * ReLU units gives, for x ∈ ℝ^d in this transform's order,
 *
 * <pre>
 *   μ_i, a_i = f_i(x_0 … x_{i−1}),  α_i = A·tanh(a_i / A),  u_i = (x_i − μ_i) · exp(−α_i),  ln |det ∂u/∂x| = −Σ_i α_i
 *   inverse (sampling, d passes):    x_i = u_i · exp(α_i) + μ_i
 * </pre>
 *
 * The log-scale is bounded softly by A = {@value #ALPHA_BOUND} (a factor of at most e³ per coordinate and transform), so
 * that a point far from the data cannot overflow single precision through a stack of transforms. With {@code
 * reversed}, x is read in reversed order (and u written back in it), so consecutive transforms alternate the
 * order. The weights are stored already multiplied by their MADE masks; the same numbers are evaluated in plain Java
 * ({@link #forward}, {@link #inverse}) and as TensorFlow ops ({@link #forward(Ops, Operand)}).
 *
 * @param w1 input → hidden, d × H (masked)
 * @param b1 H
 * @param wMu hidden → μ, H × d (masked)
 * @param bMu d
 * @param wAlpha hidden → α, H × d (masked)
 * @param bAlpha d
 * @param reversed whether the transform works on x in reversed order
 */
public record MafTransform(float[][] w1, float[] b1, float[][] wMu, float[] bMu, float[][] wAlpha, float[] bAlpha, boolean reversed) {
  /** A, the soft bound of the log-scale α. */
  public static final double ALPHA_BOUND = 3;

  /** d. */
  public int size() {
    return bMu.length;
  }

  /** u and −ln |det| = Σ α of x (plain Java, double precision); {@code out} receives u, the return value is Σ_i α_i. */
  public double forward(double[] x, double[] out) {
    int d = size();
    double[] v = order(x);
    double[] h = hidden(v);
    double sumAlpha = 0;
    double[] u = new double[d];
    for (int i = 0; i < d; i++) {
      double mu = head(h, wMu, bMu, i);
      double alpha = bounded(head(h, wAlpha, bAlpha, i));
      u[i] = (v[i] - mu) * Math.exp(-alpha);
      sumAlpha += alpha;
    }
    System.arraycopy(order(u), 0, out, 0, d);
    return sumAlpha;
  }

  /** x from u: d passes, each fixing one more coordinate (plain Java). */
  public double[] inverse(double[] u) {
    int d = size();
    double[] uo = order(u);
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      double[] h = hidden(v); // depends on v_0 … v_{i−1} only (the masks)
      v[i] = uo[i] * Math.exp(bounded(head(h, wAlpha, bAlpha, i))) + head(h, wMu, bMu, i);
    }
    return order(v);
  }

  private static double bounded(double a) {
    return ALPHA_BOUND * Math.tanh(a / ALPHA_BOUND);
  }

  private double[] order(double[] x) {
    if (!reversed) {
      return x.clone();
    }
    double[] r = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      r[i] = x[x.length - 1 - i];
    }
    return r;
  }

  private double[] hidden(double[] v) {
    int hSize = b1.length;
    double[] h = new double[hSize];
    for (int k = 0; k < hSize; k++) {
      double s = b1[k];
      for (int i = 0; i < v.length; i++) {
        s += v[i] * w1[i][k];
      }
      h[k] = Math.max(0, s);
    }
    return h;
  }

  private static double head(double[] h, float[][] w, float[] b, int i) {
    double s = b[i];
    for (int k = 0; k < h.length; k++) {
      s += h[k] * w[k][i];
    }
    return s;
  }

  /** The six weight operands (w1, b1, wMu, bMu, wAlpha, bAlpha) as constants. */
  public List<Operand<TFloat32>> constants(Ops tf) {
    return List.of(tf.constant(StdArrays.ndCopyOf(w1)), tf.constant(b1), tf.constant(StdArrays.ndCopyOf(wMu)), tf.constant(bMu),
        tf.constant(StdArrays.ndCopyOf(wAlpha)), tf.constant(bAlpha));
  }

  /**
   * u and Σ_i α_i of x ({@code [..., d]}) as TensorFlow ops, for the weight operands {@code w} (see {@link #constants};
   * variables times their masks while the flow is fitted).
   */
  public static List<Operand<TFloat32>> forward(Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> w, boolean reversed) {
    Operand<TFloat32> v = reversed ? tf.reverse(x, tf.constant(new int[] {-1})) : x;
    List<Operand<TFloat32>> ma = heads(tf, v, w);
    Operand<TFloat32> u = tf.math.mul(tf.math.sub(v, ma.get(0)), tf.math.exp(tf.math.neg(ma.get(1))));
    return List.of(reversed ? tf.reverse(u, tf.constant(new int[] {-1})) : u, tf.reduceSum(ma.get(1), tf.constant(-1)));
  }

  /** x from u as TensorFlow ops on this transform's constants: d passes, unrolled. */
  public Operand<TFloat32> inverse(Ops tf, Operand<TFloat32> u) {
    List<Operand<TFloat32>> w = constants(tf);
    Operand<TFloat32> uo = reversed ? tf.reverse(u, tf.constant(new int[] {-1})) : u;
    Operand<TFloat32> v = tf.zerosLike(uo);
    for (int i = 0; i < size(); i++) {
      List<Operand<TFloat32>> ma = heads(tf, v, w);
      // every coordinate is recomputed; coordinate i is exact after pass i (it depends on v_0 … v_{i−1} only)
      v = tf.math.add(tf.math.mul(uo, tf.math.exp(ma.get(1))), ma.get(0));
    }
    return reversed ? tf.reverse(v, tf.constant(new int[] {-1})) : v;
  }

  /** μ and α at v (the transform's order). */
  private static List<Operand<TFloat32>> heads(Ops tf, Operand<TFloat32> v, List<Operand<TFloat32>> w) {
    Operand<TFloat32> h = tf.nn.relu(tf.math.add(matMulLast(tf, v, w.get(0)), w.get(1)));
    Operand<TFloat32> a = tf.math.add(matMulLast(tf, h, w.get(4)), w.get(5));
    Operand<TFloat32> bound = tf.constant((float) ALPHA_BOUND);
    return List.of(tf.math.add(matMulLast(tf, h, w.get(2)), w.get(3)), tf.math.mul(bound, tf.math.tanh(tf.math.div(a, bound))));
  }

  /** x W over the last axis of x (any rank ≥ 2). */
  static Operand<TFloat32> matMulLast(Ops tf, Operand<TFloat32> x, Operand<TFloat32> w) {
    long in = w.shape().get(0);
    long out = w.shape().get(1);
    Operand<TInt32> lead = tf.stridedSlice(tf.shape(x), org.tensorflow.ndarray.index.Indices.slice(0, -1));
    Operand<TFloat32> y = tf.linalg.matMul(tf.reshape(x, tf.constant(new long[] {-1, in})), w);
    return tf.reshape(y, tf.concat(List.of(lead, tf.constant(new int[] {(int) out})), tf.constant(0)));
  }
}
