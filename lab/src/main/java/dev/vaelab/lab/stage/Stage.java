package dev.vaelab.lab.stage;

/** One step of a training run: reads what earlier stages left in the {@link TrainingRun}, adds its own. */
@FunctionalInterface
public interface Stage {
  /** Does this stage's work. */
  void run(TrainingRun run);
}
