package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The reduction every data-parallel step applies, against a hand computation. */
class TaskHubTest {
  @Test
  void theAverageIsWeightedByEachTasksRowsAndSkipsTasksWithoutRows() {
    // task 0: 3 rows, mean gradient (1, −2); task 1: no rows; task 2: 1 row, (5, 2):
    // ḡ = (3·(1, −2) + 1·(5, 2)) / 4 = (2, −1) — the gradient of the 4 rows' mean loss
    float[] mean = TaskHub.weightedMean(new float[][] {{1, -2}, null, {5, 2}}, new double[] {3, 0, 1}, 2);
    assertThat(mean).containsExactly(2f, -1f);
    // equal weights: the plain mean (parameter averaging)
    assertThat(TaskHub.weightedMean(new float[][] {{1, 4}, {3, 0}}, new double[] {1, 1}, 2)).containsExactly(2f, 2f);
  }

  @Test
  void impossibleWeightsAndSizesAreRefused() {
    assertThatThrownBy(() -> TaskHub.weightedMean(new float[][] {null, null}, new double[] {0, 0}, 2)).hasMessageContaining("no task had rows");
    assertThatThrownBy(() -> TaskHub.weightedMean(new float[][] {{1}}, new double[] {-1}, 1)).hasMessageContaining("weight -1.0");
    assertThatThrownBy(() -> TaskHub.weightedMean(new float[][] {{1, 2, 3}}, new double[] {1}, 2)).hasMessageContaining("sent 3 values, expected 2");
  }
}
