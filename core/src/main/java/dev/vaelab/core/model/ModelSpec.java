package dev.vaelab.core.model;

import dev.vaelab.core.nn.Parameters;
import org.tensorflow.op.Ops;

/**
 * A recipe that builds a {@link LatentVariableModel} into a graph. Building the same spec twice
 * gives variables with the same names, so a checkpoint of one graph restores into the other.
 */
public interface ModelSpec {
  /** Short model name used in run folders and summaries, e.g. {@code gaussian-vae}. */
  String name();

  /** D, the observation size. */
  long dataSize();

  /** d, the latent size. */
  long latentSize();

  /**
   * Creates the model's variables in {@code params} and returns the triad.
   *
   * @param seed initialiser seed
   */
  LatentVariableModel build(Ops tf, Parameters params, long seed);

  /** C, the length of the context each example is conditioned on (0: an unconditioned model). */
  default long contextSize() {
    return 0;
  }

  /**
   * Builds the triad with what the graph offers its components: the context (of {@link
   * #contextSize()} values per example) and the training step. Models that need neither keep the
   * three-argument {@link #build(Ops, Parameters, long)}; conditional models and models with
   * step-dependent components override this.
   */
  default LatentVariableModel build(Ops tf, Parameters params, long seed, BuildContext context) {
    if (context.conditioning().isPresent()) {
      throw new IllegalArgumentException("model '" + name() + "' is not conditional; it was given a context of "
          + context.conditioning().size() + " values");
    }
    return build(tf, params, seed);
  }

  /**
   * Rejects data this model cannot score, naming the problem (e.g. values outside [0, 1] for a
   * Bernoulli decoder). Called by the trainer and the evaluator; accepts everything by default.
   */
  default void checkData(dev.vaelab.core.data.Dataset data) {}
}
