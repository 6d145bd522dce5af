package dev.vaelab.core.train;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.framework.optimizers.Adam;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The framework's {@link Adam} with its bias-correction update ordered.
 *
 * <p>TensorFlow Java 1.0's {@code Adam.finish} updates β₁ᵗ and β₂ᵗ ({@code beta1_power},
 * {@code beta2_power}) in the same group as the {@code ApplyAdam} ops, with no ordering between them:
 * depending on scheduling, some variables are updated with the bias correction 1/(1 − β₁ᵗ) of step
 * t and others with that of step t + 1 (early in training that is a factor of almost 2). Runs with
 * the same seed then differ and the Adam step is silently wrong for part of the parameters. Here the
 * power updates depend on every {@code ApplyAdam} of the step. Everything else — the update rule,
 * the slot and variable names (so checkpoints are unchanged) — is the framework's.
 */
public final class OrderedAdam extends Adam {
  private final Graph graph;

  /** Adam with learning rate {@code learningRate} and the framework's default β₁, β₂, ε. */
  public OrderedAdam(Graph graph, float learningRate) {
    super(graph, learningRate);
    this.graph = graph;
  }

  @Override
  protected Op finish(List<Op> updateOperations, String name) {
    Ops tf = getTF();
    Ops after = tf.withControlDependencies(updateOperations);
    List<Op> all = new ArrayList<>(updateOperations);
    all.add(powerUpdate(after, "beta1_power", BETA_ONE_DEFAULT));
    all.add(powerUpdate(after, "beta2_power", BETA_TWO_DEFAULT));
    return tf.withControlDependencies(all).withName(name).noOp();
  }

  private Op powerUpdate(Ops after, String variable, float beta) {
    Operand<TFloat32> power = graph.operation(variable).output(0);
    return after.assign(power, after.math.mul(after.identity(power), after.constant(beta)));
  }
}
