package dev.vaelab.lab.stage;

/**
 * Reads the run's data as its family needs them, after refusing {@code --stream} for a family that
 * needs its whole training set in memory and, when a run is continued, data that changed since it
 * started (their recorded fingerprint).
 */
public final class LoadData implements Stage {
  @Override
  public void run(TrainingRun r) {
    if (r.requested.data().stream() && !r.recipe.streams()) {
      throw new IllegalArgumentException("model " + r.recipe.model() + " needs its whole training set in memory; --stream is for the other models");
    }
    if (r.resume) {
      dev.vaelab.lab.data.DataSource.requireUnchanged(r.requested.data(), r.requested.read(),
          "the checkpoints were trained on the data as they were: restore them, or train a new run on the new data (another --out)");
    }
    r.data = r.recipe.data(r.requested);
  }
}
