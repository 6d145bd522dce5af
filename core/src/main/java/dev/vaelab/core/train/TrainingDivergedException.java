package dev.vaelab.core.train;

/** Training produced a NaN or infinite loss term; the model state after that step is not usable. */
public final class TrainingDivergedException extends RuntimeException {
  private final long step;
  private final String term;

  public TrainingDivergedException(long step, int epoch, String term, double value, String lastCheckpoint) {
    super(
        "training diverged at step "
            + step
            + " (epoch "
            + epoch
            + "): "
            + term
            + " = "
            + value
            + "; last good checkpoint: "
            + (lastCheckpoint == null ? "none" : lastCheckpoint)
            + ". Try a lower learning rate.");
    this.step = step;
    this.term = term;
  }

  /** The step (1-based) whose loss was not finite. */
  public long step() {
    return step;
  }

  /** Name of the loss term that went bad (total, rate or distortion). */
  public String term() {
    return term;
  }
}
