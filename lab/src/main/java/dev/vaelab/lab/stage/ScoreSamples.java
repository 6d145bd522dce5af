package dev.vaelab.lab.stage;

import dev.vaelab.lab.score.MetricNames;
import dev.vaelab.lab.score.SampleScores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample-quality metrics the run asked for ({@code --metrics fd,kid,pr}), on {@value SampleScores#DEFAULT_SAMPLES}
 * rows of each of the trained model's sample sets against its test split, with the floor — restored from the final
 * checkpoint, as {@code vaelab evaluate --metrics} would — added to what summary.json reports and to TensorBoard
 * ({@code samples/fd_prior}, … at the last epoch). Nothing when none was asked for.
 */
public final class ScoreSamples implements Stage {
  @Override
  public void run(TrainingRun r) {
    List<String> which = MetricNames.sample(MetricNames.parse(r.spec.training().metrics()));
    if (which.isEmpty()) {
      return;
    }
    Map<String, Object> scores = RunSampleMetrics.compute(r.spec, r.folder, which, SampleScores.DEFAULT_SAMPLES, r.spec.data().seed(), null, r.log);
    Map<String, Object> after = new LinkedHashMap<>(r.afterTraining);
    after.putAll(scores);
    r.afterTraining = after;
    long epoch = r.trainer.epochsDone();
    scores.forEach((k, v) -> {
      if (v instanceof Double d && SampleScores.isResultKey(k) && Double.isFinite(d)) {
        r.tensorBoard.scalar("samples/" + k, epoch, d);
      }
    });
  }
}
