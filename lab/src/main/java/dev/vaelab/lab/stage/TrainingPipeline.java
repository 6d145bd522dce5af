package dev.vaelab.lab.stage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A training run assembled from small stages, run in order on one {@link TrainingRun}:
 *
 * <pre>
 *   LoadData → RecordSettings → BuildOrRestore → Fit → AfterTraining → EvaluateTest → ScoreRepresentation → ScoreSamples
 *     → ScoreDisentanglement → WriteImages → WriteSummary
 * </pre>
 *
 * Every gradient-trained family runs {@link #standard()}; what differs between families is their
 * {@link Recipe} and {@link RunHook}. A stage can be replaced or inserted ({@link #replacing},
 * {@link #after}) to assemble another run from the same parts.
 */
public final class TrainingPipeline {
  private final List<Stage> stages;

  private TrainingPipeline(List<Stage> stages) {
    this.stages = List.copyOf(stages);
  }

  /** The standard run. */
  public static TrainingPipeline standard() {
    return new TrainingPipeline(List.of(new LoadData(), new RecordSettings(), new BuildOrRestore(), new Fit(), new AfterTraining(),
        new EvaluateTest(), new ScoreRepresentation(), new ScoreSamples(), new ScoreDisentanglement(), new WriteImages(), new WriteSummary()));
  }

  /** The stages, in order. */
  public List<Stage> stages() {
    return stages;
  }

  /** This pipeline with the stage of {@code type} replaced by {@code stage}. */
  public TrainingPipeline replacing(Class<? extends Stage> type, Stage stage) {
    List<Stage> s = new ArrayList<>(stages);
    int i = indexOf(type);
    s.set(i, stage);
    return new TrainingPipeline(s);
  }

  /** This pipeline with {@code stage} inserted after the stage of {@code type}. */
  public TrainingPipeline after(Class<? extends Stage> type, Stage stage) {
    List<Stage> s = new ArrayList<>(stages);
    s.add(indexOf(type) + 1, stage);
    return new TrainingPipeline(s);
  }

  private int indexOf(Class<? extends Stage> type) {
    for (int i = 0; i < stages.size(); i++) {
      if (type.isInstance(stages.get(i))) {
        return i;
      }
    }
    throw new IllegalArgumentException("no stage " + type.getSimpleName() + " in " + stages.stream().map(x -> x.getClass().getSimpleName()).toList());
  }

  /** Runs every stage on {@code run}, then releases its graph; returns the summary. */
  public Map<String, Object> run(TrainingRun run) {
    try (run) {
      for (Stage s : stages) {
        s.run(run);
      }
      return run.summary();
    }
  }
}
