package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.nn.Made;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.train.OrderedAdam;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.RandomUniform;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Fits a {@link Maf} to n points by maximum likelihood: −(1/B) Σ ln p(x) over minibatches of {@value #BATCH}, Adam at
 * 10⁻³, from weights drawn U(−1/√fan_in, 1/√fan_in) with a fixed seed, the points visited in a seeded order — the same
 * points and settings give the same flow.
 *
 * @param transforms K, the number of MADE transforms (alternating order)
 * @param hidden H, the hidden units of each MADE
 * @param epochs passes over the points (bounded by {@code maxSteps})
 * @param maxSteps the most optimisation steps
 */
public record MafFit(int transforms, int hidden, int epochs, int maxSteps) {
  /** Minibatch size. */
  public static final int BATCH = 256;
  /** Default settings: 5 transforms of 128 hidden units, 50 epochs, at most 4,000 steps. */
  public static final MafFit DEFAULT = new MafFit(5, 128, 50, 4000);

  public MafFit {
    if (transforms < 1 || hidden < 1 || epochs < 1 || maxSteps < 1) {
      throw new IllegalArgumentException("a MAF fit needs transforms, hidden units, epochs and steps >= 1, got " + transforms + ", " + hidden
          + ", " + epochs + ", " + maxSteps);
    }
  }

  /** The flow fitted to the n × d values of {@code x} (row-major). */
  public Maf fit(float[] x, int n, int d, long seed) {
    if (n < 2 || x.length != (long) n * d) {
      throw new IllegalArgumentException("a MAF is fitted to at least 2 points of " + d + " values; got " + x.length + " values for " + n + " points");
    }
    double[] shift = new double[d];
    double[] scale = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        shift[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      shift[j] /= n;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x[i * d + j] - shift[j];
        scale[j] += c * c;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = Math.max(1e-6, Math.sqrt(scale[j] / (n - 1)));
    }
    float[] standard = new float[x.length];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        standard[i * d + j] = (float) ((x[i * d + j] - shift[j]) / scale[j]);
      }
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(tf);
      Placeholder<TFloat32> in = tf.withName("maf_x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, d)));
      float[][] m1 = Made.mask(Made.inputDegrees(d), Made.hiddenDegrees(d, hidden), false);
      float[][] m2 = Made.mask(Made.hiddenDegrees(d, hidden), Made.inputDegrees(d), true);
      List<List<Operand<TFloat32>>> weights = new ArrayList<>();
      Operand<TFloat32> v = in;
      Operand<TFloat32> logDet = null;
      for (int k = 0; k < transforms; k++) {
        long s = seed * 1000 + k * 10L;
        List<Operand<TFloat32>> w = List.of(
            tf.math.mul(weight(params, "maf" + k + "_w1", d, hidden, s), tf.constant(StdArrays.ndCopyOf(m1))),
            bias(params, "maf" + k + "_b1", d, hidden, s + 1),
            tf.math.mul(weight(params, "maf" + k + "_wmu", hidden, d, s + 2), tf.constant(StdArrays.ndCopyOf(m2))),
            bias(params, "maf" + k + "_bmu", hidden, d, s + 3),
            tf.math.mul(weight(params, "maf" + k + "_walpha", hidden, d, s + 4), tf.constant(StdArrays.ndCopyOf(m2))),
            bias(params, "maf" + k + "_balpha", hidden, d, s + 5));
        weights.add(w);
        List<Operand<TFloat32>> ua = MafTransform.forward(tf, v, w, k % 2 == 1);
        v = ua.get(0);
        logDet = logDet == null ? ua.get(1) : tf.math.add(logDet, ua.get(1));
      }
      // −ln p(x̃) = ½‖u‖² + Σ α + (d/2) ln 2π; the constant does not move the optimum and is left out
      Operand<TFloat32> nll = tf.math.mean(tf.math.add(tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.square(v), tf.constant(1))), logDet),
          tf.constant(0));
      List<Variable<TFloat32>> vars = params.variables();
      Gradients grads = tf.gradients(nll, vars);
      List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
      for (int i = 0; i < vars.size(); i++) {
        Output<TFloat32> gr = grads.<TFloat32>dy(i);
        pairs.add(new GradAndVar<TFloat32>(gr, vars.get(i).asOutput()));
      }
      Op step = new OrderedAdam(g, 1e-3f).applyGradients(pairs, "maf_adam");
      try (Session session = new Session(g)) {
        train(session, in, step, nll, standard, n, d, seed);
        return new Maf(shift, scale, fitted(session, weights, d));
      }
    }
  }

  private void train(Session session, Placeholder<TFloat32> in, Op step, Operand<TFloat32> nll, float[] x, int n, int d, long seed) {
    Random random = new Random(seed);
    int steps = 0;
    float[] batch = new float[BATCH * d];
    for (int e = 0; e < epochs && steps < maxSteps; e++) {
      int[] order = Dataset.permutation(n, random);
      for (int from = 0; from + 1 < n && steps < maxSteps; from += BATCH, steps++) {
        int m = Math.min(BATCH, n - from);
        for (int i = 0; i < m; i++) {
          System.arraycopy(x, order[from + i] * d, batch, i * d, d);
        }
        try (TFloat32 xs = TFloat32.tensorOf(Shape.of(m, d), DataBuffers.of(batch, true, false).slice(0, (long) m * d));
            Result r = session.runner().feed(in, xs).addTarget(step).fetch(nll).run()) {
          float l = ((TFloat32) r.get(0)).getFloat();
          if (!Float.isFinite(l)) {
            throw new IllegalStateException("the MAF fit diverged at step " + steps + " (loss " + l + ")");
          }
        }
      }
    }
  }

  private List<MafTransform> fitted(Session session, List<List<Operand<TFloat32>>> weights, int d) {
    List<MafTransform> out = new ArrayList<>();
    for (int k = 0; k < weights.size(); k++) {
      List<Operand<TFloat32>> w = weights.get(k);
      Session.Runner r = session.runner();
      w.forEach(r::fetch);
      try (Result res = r.run()) {
        out.add(new MafTransform(matrix((TFloat32) res.get(0)), vector((TFloat32) res.get(1)), matrix((TFloat32) res.get(2)),
            vector((TFloat32) res.get(3)), matrix((TFloat32) res.get(4)), vector((TFloat32) res.get(5)), k % 2 == 1));
      }
    }
    return out;
  }

  private static float[][] matrix(TFloat32 t) {
    return StdArrays.array2dCopyOf(t);
  }

  private static float[] vector(TFloat32 t) {
    return StdArrays.array1dCopyOf(t);
  }

  private static Operand<TFloat32> weight(Parameters params, String name, long in, long out, long seed) {
    double b = 1.0 / Math.sqrt(in);
    return params.create(name, Shape.of(in, out), new RandomUniform<>(-b, b, seed));
  }

  private static Operand<TFloat32> bias(Parameters params, String name, long in, long out, long seed) {
    double b = 1.0 / Math.sqrt(in);
    return params.create(name, Shape.of(out), new RandomUniform<>(-b, b, seed));
  }
}
