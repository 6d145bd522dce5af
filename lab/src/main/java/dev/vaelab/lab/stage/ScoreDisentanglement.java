package dev.vaelab.lab.stage;

import dev.vaelab.lab.score.MetricNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disentanglement metrics the run asked for ({@code --metrics mig,dci,sap,factorvae,betavae}, data with known
 * factors), on the trained model restored from its final checkpoint — as {@code vaelab evaluate --metrics} would — added
 * to what summary.json reports and to TensorBoard ({@code disentanglement/mig}, … at the last epoch). Nothing when none
 * was asked for.
 */
public final class ScoreDisentanglement implements Stage {
  @Override
  public void run(TrainingRun r) {
    List<String> which = MetricNames.disentanglement(MetricNames.parse(r.spec.training().metrics()));
    if (which.isEmpty()) {
      return;
    }
    Map<String, Object> scores = DisentanglementScores.compute(r.spec, r.folder, which, 1.0, r.spec.data().seed(), r.log);
    Map<String, Object> after = new LinkedHashMap<>(r.afterTraining);
    after.putAll(scores);
    r.afterTraining = after;
    long epoch = r.trainer.epochsDone();
    scores.forEach((k, v) -> {
      if (v instanceof Double d && Double.isFinite(d) && !k.endsWith("_seconds")) {
        r.tensorBoard.scalar("disentanglement/" + k, epoch, d);
      }
    });
  }
}
