package dev.vaelab.lab.stage;

import dev.vaelab.core.data.StreamedNpyRows;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.ProgressBar;
import dev.vaelab.core.train.TrainingListener;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.TrainingSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains up to the run's epochs: the progress bar, the metrics files, the family's hook listeners
 * and TensorBoard (every epoch's scalars, the hook's scalars, 16 samples and 8 reconstructions).
 */
public final class Fit implements Stage {
  @Override
  public void run(TrainingRun r) {
    TrainingSettings ts = r.spec.training();
    r.log.printf("training %s (%d parameters) on %s: %d train / %d test examples, %d epoch%s%n",
        r.recipe.model(), r.graph.parameters().count(), r.data.name(), r.data.rows().size(), r.data.test().size(), ts.epochs(),
        ts.epochs() == 1 ? "" : "s");
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new ProgressBar(r.log, ts.epochs(), r.recipe.boundsLikelihood()));
    listeners.add(r.metrics);
    r.hook = r.recipe.hook(r.graph, r.spec, r.data.train(), r.folder, r.log, r.resume);
    listeners.addAll(r.hook.listeners());
    listeners.add(r.tensorBoard);
    RunHook hook = r.hook;
    listeners.add(new TrainingListener() {
      @Override
      public void onEpochEnd(EpochMetrics m) {
        hook.epochScalars().forEach((tag, v) -> r.tensorBoard.scalar(tag, m.epoch(), v));
        RunImages.epochImagesToTensorBoard(r.tensorBoard, m.epoch(), r.graph, r.data.test(), r.spec.shape());
      }
    });
    try {
      r.trainer.fit(r.data.rows(), r.data.test(), Math.max(0, ts.epochs() - r.epochsDoneBefore), listeners);
    } finally {
      if (r.data.rows() instanceof StreamedNpyRows streamed) {
        streamed.close();
      }
    }
  }
}
