package dev.vaelab.gaussian;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma &amp; Ba 2015) for a second set of variables in a graph that already has the model's optimiser — a
 * FactorVAE's discriminator — written out as assign ops on state of its own (the framework's Adam keeps one set of
 * β-power variables per graph):
 *
 * <pre>
 *   t ← t + 1;  m ← β₁ m + (1 − β₁) g;  v ← β₂ v + (1 − β₂) g²;  θ ← θ − η √(1 − β₂ᵗ) / (1 − β₁ᵗ) · m / (√v + ε)
 * </pre>
 */
public final class AdamStep {
  private AdamStep() {}

  /**
   * The ops of one step minimising {@code loss} over {@code vars}, built with {@code tf} (its control dependencies apply).
   *
   * @param name prefix of the state variables' names
   */
  public static List<Op> minimise(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> vars, double learningRate, double beta1, double beta2,
      String name) {
    Gradients grads = tf.gradients(loss, vars);
    Ops root = tf.withControlDependencies(List.of());
    Variable<TFloat32> t = root.withName(name + "_t").variable(root.constant(0f)); // initial values built outside the step's control dependencies
    Operand<TFloat32> tNext = tf.assignAdd(t, tf.constant(1f));
    Operand<TFloat32> b1 = tf.constant((float) beta1);
    Operand<TFloat32> b2 = tf.constant((float) beta2);
    Operand<TFloat32> correction = tf.math.div(tf.math.sqrt(tf.math.sub(tf.constant(1f), tf.math.pow(b2, tNext))),
        tf.math.sub(tf.constant(1f), tf.math.pow(b1, tNext)));
    Operand<TFloat32> rate = tf.math.mul(tf.constant((float) learningRate), correction);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      Variable<TFloat32> v = vars.get(i);
      Shape s = v.shape();
      Variable<TFloat32> m = root.withName(name + "_m" + i).variable(new Zeros<TFloat32>().call(root, root.constant(s.asArray()), TFloat32.class));
      Variable<TFloat32> sq = root.withName(name + "_v" + i).variable(new Zeros<TFloat32>().call(root, root.constant(s.asArray()), TFloat32.class));
      Operand<TFloat32> g = grads.<TFloat32>dy(i);
      Operand<TFloat32> mNew = tf.assign(m, tf.math.add(tf.math.mul(b1, tf.identity(m)), tf.math.mul(tf.math.sub(tf.constant(1f), b1), g)));
      Operand<TFloat32> vNew = tf.assign(sq, tf.math.add(tf.math.mul(b2, tf.identity(sq)), tf.math.mul(tf.math.sub(tf.constant(1f), b2), tf.math.square(g))));
      ops.add(tf.assignSub(v, tf.math.mul(rate, tf.math.div(mNew, tf.math.add(tf.math.sqrt(vNew), tf.constant(1e-8f))))));
    }
    return ops;
  }
}
