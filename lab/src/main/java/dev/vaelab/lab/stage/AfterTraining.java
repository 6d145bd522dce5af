package dev.vaelab.lab.stage;

/** The family's work after training, before the final test evaluation (its summary entries are kept). */
public final class AfterTraining implements Stage {
  @Override
  public void run(TrainingRun r) {
    r.afterTraining = r.hook.after(r.graph, r.data.train(), r.data.test(), r.trainer::checkpointNow);
  }
}
