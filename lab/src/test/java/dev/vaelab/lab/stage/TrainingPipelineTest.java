package dev.vaelab.lab.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The standard run's stages, in order; a stage replaced or inserted by its type. */
class TrainingPipelineTest {
  static List<String> names(TrainingPipeline p) {
    return p.stages().stream().map(s -> s.getClass().getSimpleName()).toList();
  }

  @Test
  void theStandardRunIsTheseStagesInThisOrder() {
    assertThat(names(TrainingPipeline.standard())).containsExactly("LoadData", "RecordSettings", "BuildOrRestore", "Fit", "AfterTraining",
        "EvaluateTest", "ScoreRepresentation", "ScoreSamples", "ScoreDisentanglement", "WriteImages", "WriteSummary");
  }

  @Test
  void aStageIsReplacedOrInsertedByItsType() {
    Stage noImages = r -> {};
    TrainingPipeline p = TrainingPipeline.standard().replacing(WriteImages.class, noImages);
    assertThat(p.stages()).contains(noImages).noneMatch(s -> s instanceof WriteImages);
    assertThat(p.stages().indexOf(noImages)).isEqualTo(9);
    Stage extra = r -> {};
    TrainingPipeline q = TrainingPipeline.standard().after(Fit.class, extra);
    assertThat(q.stages().indexOf(extra)).isEqualTo(4);
    assertThat(q.stages()).hasSize(12);
    assertThatThrownBy(() -> p.replacing(WriteImages.class, extra)).hasMessageContaining("no stage WriteImages");
  }
}
