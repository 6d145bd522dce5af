package dev.vaelab.lab.stage;

import dev.vaelab.core.graph.Checkpoints;
import dev.vaelab.core.io.Json;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.Sizes;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Records what the run read: its settings with the data's shape and preprocessing (config.json of
 * a new run). A continued run must still read data of the shape it was trained on, and its
 * config.json must still describe the model of its newest checkpoint (a copy of the configuration is
 * stored in every checkpoint); only {@link #CHANGEABLE_ON_RESUME} may change.
 */
public final class RecordSettings implements Stage {
  /** Settings that may change when a run is continued: they do not change the model or its training. */
  public static final Set<String> CHANGEABLE_ON_RESUME = Set.of("epochs", "nll_k", "nll_examples", "metrics");

  @Override
  public void run(TrainingRun r) {
    RunSpec requested = r.requested;
    RunSpec spec = requested.withRead(r.data.record()); // the data's shape and preprocessing, in config.json
    if (r.resume && !requested.read().dataShape().isEmpty() && !requested.read().dataShape().equals(spec.read().dataShape())) {
      throw new IllegalArgumentException("the run was trained on examples of shape " + requested.read().dataShape() + " but its data "
          + r.data.name() + " now have shape " + spec.read().dataShape());
    }
    if (r.resume) {
      spec = requested; // what the run recorded when it started (its data checked unchanged by LoadData) stays as it was
    }
    Sizes.checkFloats("--batch-size " + spec.training().batchSize(), spec.training().batchSize(), spec.shape().size(), "examples in one batch");
    long samples = r.recipe.samplesPerExample();
    if (samples > 1) { // the decoder sees batch × samples examples: [k, batch, D] in one tensor
      Sizes.checkBlock("--batch-size " + spec.training().batchSize() + " " + r.recipe.samplesOption(), (long) spec.training().batchSize() * samples,
          spec.shape().size(), "decoded samples in one batch (batch × samples per example)");
    }
    if (spec.training().nllK() > 0) { // checked now, not after training
      Sizes.checkImportanceSamples("--nll-k " + spec.training().nllK(), spec.training().nllK(), spec.training().nllExamples(),
          dev.vaelab.core.eval.ImportanceSampledLogLikelihood.DEFAULT_BATCH);
    }
    if (spec.training().nllK() > 0 && r.data.test().size() < 1) {
      throw new IllegalArgumentException("the test split is empty: no test log-likelihood can be estimated");
    }
    if (r.resume) {
      checkCheckpointMatches(spec, r.folder);
    } else {
      r.folder.writeSpec(spec);
    }
    r.spec = spec;
  }

  /**
   * Before a run is continued: config.json must still describe the model of the newest checkpoint;
   * otherwise a message naming each setting that differs and both values.
   */
  public static void checkCheckpointMatches(RunSpec spec, RunFolder folder) {
    // killed before the first checkpoint: no candidates, the run starts from the beginning
    for (Path c : Checkpoints.candidates(folder.checkpoints())) {
      var text = Checkpoints.readExtra(c, RunFolder.CONFIG);
      if (text.isEmpty()) {
        continue; // written by an older version: restoring will tell
      }
      String source = c.resolve(RunFolder.CONFIG).toString();
      RunSpec saved = RunSpec.parse(Json.parse(text.get(), source).getAsJsonObject(), source, null);
      List<String> diff = spec.differences(saved, CHANGEABLE_ON_RESUME);
      if (!diff.isEmpty()) {
        throw new IllegalArgumentException(folder.file(RunFolder.CONFIG) + " no longer matches checkpoint " + c.getFileName()
            + ": " + String.join("; ", diff).replace(" here but ", " in config.json but ") + " in the checkpoint"
            + " (only " + CHANGEABLE_ON_RESUME + " may change when a run is continued)");
      }
      return;
    }
  }
}
