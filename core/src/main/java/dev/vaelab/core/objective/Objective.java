package dev.vaelab.core.objective;

import dev.vaelab.core.model.LatentVariableModel;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * One member of the bound family: turns a triad and a batch into a {@link Loss}. The ELBO lives in
 * core ({@link Elbo}); the importance-weighted bound and the VQ objective implement the same
 * interface in their modules.
 */
public interface Objective {
  /** Short name for summaries, e.g. {@code elbo}. */
  String name();

  /**
   * Builds the loss of {@code model} on the batch {@code y} ({@code [batch, D]}).
   */
  Loss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context);
}
