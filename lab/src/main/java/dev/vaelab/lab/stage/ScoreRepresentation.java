package dev.vaelab.lab.stage;

import dev.vaelab.lab.score.RepresentationScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The representation metrics the run asked for ({@code --metrics probe,knn,cluster}), computed on the trained model's
 * representation of its data — restored from the final checkpoint, as {@code vaelab evaluate --metrics} would — and
 * added to what summary.json reports and to TensorBoard ({@code representation/probe_accuracy}, … at the last epoch).
 * Nothing when none was asked for.
 */
public final class ScoreRepresentation implements Stage {
  @Override
  public void run(TrainingRun r) {
    List<String> which = dev.vaelab.lab.score.MetricNames.representation(dev.vaelab.lab.score.MetricNames.parse(r.spec.training().metrics()));
    if (which.isEmpty()) {
      return;
    }
    Map<String, Object> scores = RepresentationScores.compute(r.spec.family().representation(r.spec, r.folder, r.spec.data(), r.log), which,
        r.spec.data().seed());
    Map<String, Object> after = new LinkedHashMap<>(r.afterTraining);
    after.putAll(scores);
    r.afterTraining = after;
    scores.forEach((k, v) -> r.log.printf("%s %s%n", k, v));
    long epoch = r.trainer.epochsDone();
    scores.forEach((k, v) -> {
      if (v instanceof Double d) { // TensorBoard shows them beside the curves, at the last epoch
        r.tensorBoard.scalar("representation/" + k, epoch, d);
      }
    });
  }
}
