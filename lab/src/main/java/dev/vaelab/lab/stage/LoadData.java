package dev.vaelab.lab.stage;

/**
 * Reads the run's data as its family needs them, after refusing {@code --stream} for a family that
 * needs its whole training set in memory.
 */
public final class LoadData implements Stage {
  @Override
  public void run(TrainingRun r) {
    if (r.requested.data().stream() && !r.recipe.streams()) {
      throw new IllegalArgumentException("model " + r.recipe.model() + " needs its whole training set in memory; --stream is for the other models");
    }
    r.data = r.recipe.data(r.requested);
  }
}
