package dev.vaelab.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.Feeds;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.EagerSession;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.framework.op.FrameworkOps;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * What the project builds on and works around in TensorFlow Java, as executable facts (docs/tensorflow-java.md lists
 * each with the version it was last checked on). A test here that starts failing after an upgrade means a fact changed:
 * a workaround may be dropped, or a new one is needed.
 */
class TensorFlowFactsTest {

  /** Runs one operand of a graph built by {@code build} and returns its values. */
  static float[] run(java.util.function.Function<Ops, Operand<TFloat32>> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Operand<TFloat32> out = build.apply(Ops.create(g));
      try (Result r = s.runner().fetch(out).run()) {
        return Feeds.values(r.get(0));
      }
    }
  }

  /** Whether TensorFlow can build the gradient of Σ f(x) with respect to x. */
  static String gradientError(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f, float[][] x) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(x.length, x[0].length)));
      Operand<TFloat32> fx = f.apply(tf, in);
      Operand<TFloat32> y = tf.reduceSum(fx, tf.range(tf.constant(0), tf.rank(fx), tf.constant(1)));
      tf.gradients(y, List.of(in));
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }

  @Test
  void gradientsExistOnlyInGraphMode() {
    try (EagerSession e = EagerSession.create()) {
      Ops tf = Ops.create(e);
      Operand<TFloat32> x = tf.constant(new float[] {1f, 2f});
      assertThatThrownBy(() -> tf.gradients(tf.math.square(x), List.of(x))).isInstanceOf(RuntimeException.class);
    }
  }

  /** The ops the project keeps off the gradient path (or writes out by hand, as the RAE's gradient penalty does). */
  @Test
  void theseOpsHaveNoRegisteredGradient() {
    float[][] x = {{0.5f, 1.5f}, {2f, 0.25f}};
    java.util.Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> ops = new java.util.LinkedHashMap<>();
    ops.put("Round", (tf, v) -> tf.math.round(v));
    ops.put("Digamma", (tf, v) -> tf.math.digamma(v));
    ops.put("MatrixInverse", (tf, v) -> tf.linalg.inv(v));
    ops.put("Cholesky", (tf, v) -> tf.linalg.cholesky(tf.linalg.matMul(v, v, org.tensorflow.op.linalg.MatMul.transposeB(true))));
    ops.put("OnesLike", (tf, v) -> tf.onesLike(v));
    // a gradient op's own gradient (a gradient of a gradient through ReLU)
    ops.put("ReluGrad", (tf, v) -> tf.gradients(tf.reduceSum(tf.nn.relu(v), tf.constant(new int[] {0, 1})), List.of(v)).dy(0));
    for (var e : ops.entrySet()) {
      assertThat(gradientError(e.getValue(), x)).as(e.getKey()).contains("No gradient");
    }
    // ArgMin's integer output carries no gradient, and a path through it (here a cast back to float) builds: the VQ
    // layer's nearest-code index is such a path
    assertThat(gradientError((tf, v) -> tf.math.mul(v, tf.dtypes.cast(tf.expandDims(tf.math.argMin(v, tf.constant(1)), tf.constant(1)),
        TFloat32.class)), x)).isNull();
  }

  @Test
  void theseOpsHaveGradientsThatMatchFiniteDifferences() {
    float[][] x = {{0.5f, 1.5f}, {2f, 0.25f}};
    List<BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> fs = List.of(
        (tf, v) -> tf.math.sigmoid(v), (tf, v) -> tf.math.tanh(v), (tf, v) -> tf.math.softplus(v), (tf, v) -> tf.math.lgamma(v),
        (tf, v) -> tf.math.sign(v), (tf, v) -> tf.nn.softmax(v), (tf, v) -> tf.math.sqrt(v));
    for (var f : fs) {
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> in = tf.constant(x);
        Operand<TFloat32> y = tf.reduceSum(tf.math.mul(f.apply(tf, in), tf.constant(new float[][] {{1f, -2f}, {0.5f, 3f}})), tf.constant(new int[] {0, 1}));
        Operand<TFloat32> grad = tf.gradients(y, List.of(in)).dy(0);
        float[] gv;
        try (Result r = s.runner().fetch(grad).run()) {
          gv = Feeds.values(r.get(0));
        }
        for (int k = 0; k < 4; k++) {
          final int kk = k;
          double h = 1e-2;
          double plus = value(f, x, kk, h);
          double minus = value(f, x, kk, -h);
          assertThat((double) gv[k]).isCloseTo((plus - minus) / (2 * h), within(2e-2 + 2e-2 * Math.abs(gv[k])));
        }
      }
    }
  }

  private static double value(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f, float[][] x, int k, double h) {
    float[][] p = {x[0].clone(), x[1].clone()};
    p[k / 2][k % 2] += (float) h;
    return run(tf -> tf.reduceSum(tf.math.mul(f.apply(tf, tf.constant(p)), tf.constant(new float[][] {{1f, -2f}, {0.5f, 3f}})),
        tf.constant(new int[] {0, 1})))[0];
  }

  @Test
  void aRandomOpWhoseShapeDependsOnAVariableBreaksGradients() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> v = tf.variable(tf.constant(new float[] {1f, 2f}));
      Operand<TFloat32> w = tf.identity(v);
      Operand<TFloat32> eps = tf.random.randomStandardNormal(tf.shape(w), TFloat32.class);
      Operand<TFloat32> y = tf.reduceSum(tf.math.mul(w, eps), tf.constant(0));
      assertThatThrownBy(() -> tf.gradients(y, List.of(w))).hasMessageContaining("RandomStandardNormal");
    }
  }

  /** FrameworkOps' reduceLogSumExp without keepDims is wrong on a non-leading axis; with keepDims it is right. */
  @Test
  void reduceLogSumExpWithoutKeepDimsIsWrongOnANonLeadingAxis() {
    float[][] x = {{1f, 2f, 3f}, {4f, 5f, 9f}, {0f, -1f, 2f}};
    double[] want = new double[3];
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (float v : x[i]) {
        s += Math.exp(v);
      }
      want[i] = Math.log(s);
    }
    float[] kept = run(tf -> tf.squeeze(FrameworkOps.create(tf).math.reduceLogSumExp(tf.constant(x), new int[] {1}, true)));
    for (int i = 0; i < 3; i++) {
      assertThat((double) kept[i]).isCloseTo(want[i], within(1e-5));
    }
    float[] dropped = run(tf -> FrameworkOps.create(tf).math.reduceLogSumExp(tf.constant(x), new int[] {1}, false));
    boolean allRight = true;
    for (int i = 0; i < 3; i++) {
      allRight &= Math.abs(dropped[i] - want[i]) < 1e-4;
    }
    assertThat(allRight).as("reduceLogSumExp(axis 1, keepDims = false) on a square input").isFalse();
  }

  /** The framework's Glorot (VarianceScaling) with a uniform distribution draws only values ≥ 0. */
  @Test
  void glorotUniformDrawsOnlyNonNegativeValues() {
    float[] w = run(tf -> new Glorot<TFloat32>(VarianceScaling.Distribution.UNIFORM, 3).call(tf, tf.constant(new long[] {50, 50}), TFloat32.class));
    double min = Double.POSITIVE_INFINITY;
    for (float v : w) {
      min = Math.min(min, v);
    }
    assertThat(min).isGreaterThanOrEqualTo(0);
  }

  /** Optimizer.minimize differentiates every variable of the graph: one not reachable from the loss makes it throw. */
  @Test
  void minimizeThrowsOnAVariableTheLossDoesNotReach() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> used = tf.withName("used").variable(tf.constant(new float[] {1f}));
      tf.withName("counter").variable(tf.constant(new float[] {0f}));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.square(tf.identity(used)), tf.constant(0));
      assertThatThrownBy(() -> new Adam(g).minimize(loss)).isInstanceOf(RuntimeException.class);
    }
  }

  /** Adam names its slots after the variable: a '/' in the variable's name is rejected. */
  @Test
  void adamRejectsAVariableNameWithASlash() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> v = tf.withSubScope("enc").withName("W").variable(tf.constant(new float[] {1f}));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.square(tf.identity(v)), tf.constant(0));
      assertThatThrownBy(() -> new Adam(g).minimize(loss)).isInstanceOf(RuntimeException.class);
    }
  }

  @Test
  void fetchingTheSameOperandTwiceInOneRunThrows() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> c = tf.constant(new float[] {1f});
      assertThatThrownBy(() -> {
        try (Result r = s.runner().fetch(c).fetch(c).run()) {
          r.size();
        }
      }).hasMessageContaining("collision");
    }
  }

  /**
   * A NaN multiplied by a constant zero stays NaN (the note that Grappler folds 0 × x away does not reproduce in this
   * form: a computed NaN times a constant 0 comes out NaN), so the project's NaN checks see it.
   */
  @Test
  void aNanTimesAConstantZeroStaysNan() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2)));
      Operand<TFloat32> y = tf.math.mul(tf.math.log(tf.math.sub(x, tf.constant(2f))), tf.constant(0f));
      try (TFloat32 in = TFloat32.vectorOf(1f, 3f); Result r = s.runner().feed(x, in).fetch(y).run()) {
        float[] v = Feeds.values(r.get(0));
        assertThat(v[1]).isEqualTo(0f);
        assertThat(v[0]).as("ln(−1) × 0").isNaN();
      }
    }
  }

  /** A variable's initial value taken from another variable fails at the first run (uninitialised). */
  @Test
  void aVariableInitialisedFromAnotherFails() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> a = tf.variable(tf.constant(new float[] {1f}));
      Variable<TFloat32> b = tf.variable(tf.identity(a));
      assertThatThrownBy(() -> {
        try (Result r = s.runner().fetch(b).run()) {
          r.size();
        }
      }).hasMessageContaining("ninitialized");
    }
  }

  /** No public Session constructor takes a target: a Session cannot reach a TensorFlow server (distributed runs go through Spark). */
  @Test
  void noPublicSessionConstructorTakesATarget() {
    for (var c : Session.class.getConstructors()) {
      assertThat(c.getParameterTypes()).as(c.toString()).doesNotContain(String.class);
    }
  }
}
