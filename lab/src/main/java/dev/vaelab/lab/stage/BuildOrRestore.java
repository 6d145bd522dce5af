package dev.vaelab.lab.stage;

import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.train.MetricsFiles;
import dev.vaelab.core.train.TensorBoardWriter;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.TrainingSettings;
import java.util.Map;

/**
 * Builds the model's graph (its initial values fixed by the run's seed) and its trainer; a
 * continued run restores its newest usable checkpoint (parameters, optimiser state, step, history)
 * and reconciles the metrics files with it.
 */
public final class BuildOrRestore implements Stage {
  @Override
  public void run(TrainingRun r) {
    TrainingSettings ts = r.spec.training();
    long seed = r.spec.data().seed();
    r.graph = r.recipe.graph(r.spec, seed);
    r.tensorBoard = new TensorBoardWriter(r.folder.file(RunFolder.TENSORBOARD));
    r.trainer = new Trainer(r.graph, ts.trainerConfig(seed), r.folder.checkpoints())
        .withCheckpointExtras(Map.of(RunFolder.CONFIG, r.spec.toJson() + "\n"));
    int done = r.resume && !Checkpoints.candidates(r.folder.checkpoints()).isEmpty() ? r.trainer.resume(w -> r.log.println("warning: " + w)) : 0;
    if (done > 0) {
      r.trainer.restoreHistoryIfMissing(MetricsFiles.read(r.folder.dir())); // a checkpoint of an older vaelab
    }
    r.metrics = new MetricsFiles(r.folder.dir()).withHistory(r.trainer.history());
    if (r.resume) {
      r.metrics.write(); // reconcile the metrics files with the checkpoint just restored
      r.log.printf("resuming %s after epoch %d of %d (step %d)%n", r.folder.dir(), done, ts.epochs(), r.trainer.stepsDone());
    }
    r.epochsDoneBefore = done;
  }
}
