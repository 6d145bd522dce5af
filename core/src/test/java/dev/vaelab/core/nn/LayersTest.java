package dev.vaelab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.Feeds;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Dense, Conv2d and ConvTranspose2d against plain-Java recomputation and their algebraic relations. */
class LayersTest {

  static float[] random(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  static Operand<TFloat32> constant(Ops tf, float[] v, long... shape) {
    return tf.constant(Shape.of(shape), org.tensorflow.ndarray.buffer.DataBuffers.of(v, true, false));
  }

  /** Runs the operands and returns their values. */
  static List<float[]> run(Session s, List<Operand<TFloat32>> outs) {
    Session.Runner r = s.runner();
    outs.forEach(r::fetch);
    try (Result res = r.run()) {
      List<float[]> v = new java.util.ArrayList<>();
      for (int i = 0; i < outs.size(); i++) {
        v.add(Feeds.values(res.get(i)));
      }
      return v;
    }
  }

  @Test
  void denseIsXWPlusBAndTreatsLeadingAxesAsBatch() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(tf);
      Dense d = new Dense(p, "d", 3, 2, 7);
      float[] x = random(4 * 5 * 3, 1); // [k = 4, batch = 5, 3]
      Operand<TFloat32> x3 = constant(tf, x, 4, 5, 3);
      Operand<TFloat32> x2 = constant(tf, x, 20, 3);
      List<float[]> v = run(s, List.of(d.apply(tf, x3), d.apply(tf, x2), p.variables().get(0), p.variables().get(1)));
      assertThat(v.get(0)).containsExactly(v.get(1)); // rank 3 = rank 2 on the flattened rows
      float[] w = v.get(2);
      float[] b = v.get(3);
      for (int i = 0; i < 20; i++) {
        for (int o = 0; o < 2; o++) {
          double expected = b[o];
          for (int j = 0; j < 3; j++) {
            expected += x[i * 3 + j] * w[j * 2 + o];
          }
          assertThat((double) v.get(1)[i * 2 + o]).isCloseTo(expected, within(1e-5));
        }
      }
      // PyTorch's nn.Linear initialisation bound 1/√fan_in
      for (float wi : w) {
        assertThat(Math.abs(wi)).isLessThanOrEqualTo((float) (1 / Math.sqrt(3)));
      }
    }
  }

  @Test
  void convolutionsHaveTheB3ShapesAndAOneByOneConvolutionIsAChannelMatMul() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(tf);
      Conv2d down = new Conv2d(p, "down", 1, 32, 4, 2, 1);
      ConvTranspose2d up = new ConvTranspose2d(p, "up", 32, 1, 4, 2, 2);
      Conv2d point = new Conv2d(p, "point", 3, 2, 1, 1, 3);
      assertThat(down.apply(tf, tf.zeros(tf.constant(new int[] {2, 28, 28, 1}), TFloat32.class)).shape().asArray())
          .containsExactly(2, 14, 14, 32);
      Operand<TFloat32> half = tf.zeros(tf.constant(new int[] {2, 14, 14, 32}), TFloat32.class);
      float[] upOut = run(s, List.of(up.apply(tf, half))).get(0);
      assertThat(upOut).hasSize(2 * 28 * 28);
      float[] x = random(2 * 3 * 3 * 3, 4); // [2, 3, 3, 3]
      List<float[]> v = run(s, List.of(point.apply(tf, constant(tf, x, 2, 3, 3, 3)), p.variable("point_W"), p.variable("point_b")));
      float[] w = v.get(1); // [1, 1, 3, 2]
      float[] b = v.get(2);
      for (int pix = 0; pix < 18; pix++) {
        for (int o = 0; o < 2; o++) {
          double expected = b[o];
          for (int c = 0; c < 3; c++) {
            expected += x[pix * 3 + c] * w[c * 2 + o];
          }
          assertThat((double) v.get(0)[pix * 2 + o]).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

  @Test
  void transposedConvolutionIsTheAdjointOfTheConvolution() {
    // with the same kernel, <A x, y> = <x, Aᵀ y> for A = conv without bias, Aᵀ = transposed conv without bias
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters p = new Parameters(tf);
      Conv2d a = new Conv2d(p, "a", 2, 3, 4, 2, 9);
      ConvTranspose2d at = new ConvTranspose2d(p, "at", 3, 2, 4, 2, 9); // same kernel shape, bound and seed
      float[] x = random(1 * 8 * 8 * 2, 5);
      float[] y = random(1 * 4 * 4 * 3, 6);
      Operand<TFloat32> zx = tf.zeros(tf.constant(new int[] {1, 8, 8, 2}), TFloat32.class);
      Operand<TFloat32> zy = tf.zeros(tf.constant(new int[] {1, 4, 4, 3}), TFloat32.class);
      List<float[]> v = run(s, List.of(
          a.apply(tf, constant(tf, x, 1, 8, 8, 2)), a.apply(tf, zx),
          at.apply(tf, constant(tf, y, 1, 4, 4, 3)), at.apply(tf, zy),
          p.variable("a_W"), p.variable("at_W")));
      assertThat(v.get(4)).containsExactly(v.get(5));
      double lhs = 0;
      for (int i = 0; i < y.length; i++) {
        lhs += (v.get(0)[i] - v.get(1)[i]) * y[i];
      }
      double rhs = 0;
      for (int i = 0; i < x.length; i++) {
        rhs += x[i] * (v.get(2)[i] - v.get(3)[i]);
      }
      assertThat(lhs).isCloseTo(rhs, within(1e-4 * Math.max(1, Math.abs(lhs))));
      assertThat(Math.abs(lhs)).isGreaterThan(1e-3);
    }
  }

  /** The hand-written vector-Jacobian product of an MLP equals TensorFlow's gradient of Σ v ⊙ f(x), for every activation. */
  @Test
  void mlpVectorJacobianProductIsTensorFlowsGradient() {
    for (Activation a : Activation.values()) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Parameters p = new Parameters(tf);
        Mlp mlp = new Mlp(p, "m", new long[] {4, 6, 5, 3}, a, 3);
        Operand<TFloat32> x = constant(tf, random(5 * 4, 11), 5, 4);
        Operand<TFloat32> v = constant(tf, random(5 * 3, 12), 5, 3);
        Operand<TFloat32> f = mlp.apply(tf, x);
        Operand<TFloat32> tfGrad = tf.gradients(tf.reduceSum(tf.math.mul(v, f), tf.constant(new int[] {0, 1})), List.of(x)).dy(0);
        // with an output nonlinearity: Σ v ⊙ sigmoid(f)
        Operand<TFloat32> tfGradSig = tf.gradients(tf.reduceSum(tf.math.mul(v, tf.math.sigmoid(f)), tf.constant(new int[] {0, 1})), List.of(x)).dy(0);
        Operand<TFloat32> sig = mlp.vectorJacobian(tf, x, v, l -> tf.math.mul(tf.math.sigmoid(l), tf.math.sub(tf.constant(1f), tf.math.sigmoid(l))));
        List<float[]> r = run(s, List.of(mlp.vectorJacobian(tf, x, v, null), tfGrad, sig, tfGradSig));
        // and it can be differentiated again (a gradient penalty is trained): TensorFlow builds the gradient of its
        // squared norm with respect to the weights, and of the all-ones product's
        Operand<TFloat32> ones = mlp.vectorJacobian(tf, x, null, null);
        for (Operand<TFloat32> pen : List.of(sig, ones)) {
          var second = tf.gradients(tf.reduceSum(tf.math.square(pen), tf.constant(new int[] {0, 1})), p.readsFrom(0));
          for (int i = 0; i < p.variables().size(); i++) {
            for (float gv : run(s, List.of(second.dy(i))).get(0)) {
              assertThat(gv).as("%s: second-order gradient %d", a, i).isFinite();
            }
          }
        }
        for (int i = 0; i < r.get(0).length; i++) {
          assertThat(r.get(0)[i]).as("%s, entry %d", a, i).isCloseTo(r.get(1)[i], within(1e-5f));
          assertThat(r.get(2)[i]).as("%s through a sigmoid, entry %d", a, i).isCloseTo(r.get(3)[i], within(1e-5f));
        }
      }
    }
  }
}
