package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.testing.TinyModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pieces of a data-parallel step against their formulas (plain Java). */
class DataParallelStepTest {
  static Batch batch(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] y = new float[n * d];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextFloat() < 0.3f ? 1f : 0f;
    }
    return Batch.of(y, n);
  }

  static float[] ramp(int n) {
    float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      g[i] = (i % 7 - 3) * 0.25f + 0.01f;
    }
    return g;
  }

  @Test
  void sgdMovesEveryParameterByMinusTheLearningRateTimesTheGivenGradientAndLeavesAdamsMomentsAlone() {
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.SGD, 0.1f);
      float[] before = step.state();
      float[] grad = ramp(step.gradientSize());
      step.apply(grad, null, 0);
      float[] after = step.state();
      // state layout: each parameter, then its Adam m and v
      int at = 0;
      int gi = 0;
      for (var v : g.parameters().variables()) {
        int n = (int) v.shape().size();
        for (int j = 0; j < n; j++) {
          assertThat(after[at + j]).isCloseTo(before[at + j] - 0.1f * grad[gi + j], within(1e-6f));
          assertThat(after[at + n + j]).isZero();
          assertThat(after[at + 2 * n + j]).isZero();
        }
        at += 3 * n;
        gi += n;
      }
      assertThat(gi).isEqualTo(step.gradientSize());
      assertThat(at + 2).isEqualTo(step.trainedStateSize()); // then β₁ᵗ, β₂ᵗ (untouched by SGD)
      assertThat(after[at]).isEqualTo(before[at]);
      assertThat(step.steps()).isEqualTo(1);
    }
  }

  @Test
  void adamWithAConstantGradientStepsByTheLearningRateInItsSignAndKeepsItsMoments() {
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.ADAM, 0.01f);
      float[] start = step.state();
      float[] grad = ramp(step.gradientSize());
      for (int t = 1; t <= 3; t++) {
        step.apply(grad, null, 0);
      }
      float[] after = step.state();
      int at = 0;
      int gi = 0;
      double b1 = 0.9;
      assertThat(after[step.trainedStateSize() - 2]).isCloseTo((float) Math.pow(0.9, 4), within(1e-6f)); // β₁ᵗ⁺¹ after t = 3 steps
      step.setSteps(41);
      assertThat(step.steps()).isEqualTo(41);
      double b2 = 0.999;
      for (var v : g.parameters().variables()) {
        int n = (int) v.shape().size();
        for (int j = 0; j < n; j++) {
          double gj = grad[gi + j];
          // m_t = (1 − β₁ᵗ) g, v_t = (1 − β₂ᵗ) g², so each bias-corrected step is −lr · g / (|g| + ε)
          assertThat(after[at + n + j]).isCloseTo((float) ((1 - Math.pow(b1, 3)) * gj), within(1e-6f));
          assertThat(after[at + 2 * n + j]).isCloseTo((float) ((1 - Math.pow(b2, 3)) * gj * gj), within(1e-7f));
          assertThat(after[at + j]).isCloseTo((float) (start[at + j] - 3 * 0.01 * gj / (Math.abs(gj) + 1e-8)), within(1e-5f));
        }
        at += 3 * n;
        gi += n;
      }
    }
  }

  @Test
  void aLocalStepIsTheGradientOfTheBatchAppliedAndTheStateRoundTrips() {
    Batch b = batch(8, 6, 1);
    float[] viaParts;
    float[] start;
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.ADAM, 0.01f);
      start = step.state();
      DataParallelStep.Gradient grad = step.gradient(b, 2);
      assertThat(grad.values()).hasSize(step.gradientSize());
      assertThat(grad.terms()[0]).isCloseTo(grad.terms()[1] + grad.terms()[2], within(1e-3f)); // loss = rate + distortion (β = 1)
      step.apply(grad.values(), b, 2);
      viaParts = step.state();
      step.setState(start);
      assertThat(step.state()).isEqualTo(start);
    }
    // the same step counter (0), the same noise (draw 2): one local step is the gradient applied, bit for bit
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.ADAM, 0.01f);
      assertThat(step.state()).isEqualTo(start);
      step.localStep(b, 2);
      assertThat(step.state()).isEqualTo(viaParts);
    }
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.ADAM, 0.01f);
      step.localStep(b, 3); // another draw is other noise, so another step
      assertThat(step.state()).isNotEqualTo(viaParts);
    }
  }

  @Test
  void wrongSizesAndLearningRatesAreRefused() {
    try (ModelGraph g = ModelGraph.build(TinyModels.mlpVae(6, 5, 2), Elbo.standard(), 3)) {
      assertThatThrownBy(() -> new DataParallelStep(g, DataParallelStep.Optimizer.SGD, 0f)).hasMessageContaining("got 0.0");
      DataParallelStep step = new DataParallelStep(g, DataParallelStep.Optimizer.SGD, 0.1f);
      assertThatThrownBy(() -> step.apply(new float[3], null, 0)).hasMessageContaining("has " + step.gradientSize() + " values, got 3");
      assertThatThrownBy(() -> step.setState(new float[2])).hasMessageContaining("got 2");
      assertThatThrownBy(() -> DataParallelStep.Optimizer.named("rmsprop")).hasMessageContaining("sgd or adam, got 'rmsprop'");
    }
  }
}
