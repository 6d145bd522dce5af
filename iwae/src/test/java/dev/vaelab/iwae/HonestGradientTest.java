package dev.vaelab.iwae;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.distribution.Categorical;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.ObjectiveContext;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;

/** The importance-weighted bound differentiates through samples: a non-reparameterised encoder is refused. */
class HonestGradientTest {
  @Test
  void aCategoricalEncoderIsRefusedWhenTheGraphIsBuilt() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      LatentVariableModel m = new LatentVariableModel(
          (t, y) -> new Categorical(t.constant(new float[][] {{0f, 1f, 2f}})),
          t -> new Categorical(t.constant(new float[3])),
          (t, z) -> new DiagonalGaussian(t.reduceSum(z, t.constant(-1), org.tensorflow.op.core.ReduceSum.keepDims(true)), t.constant(0f)),
          1, 3);
      assertThatThrownBy(() -> ImportanceWeightedBound.of(5).build(tf, m, tf.constant(new float[][] {{0.5f}}),
              new ObjectiveContext(tf.constant(0f), new Seed.Sequence(1))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("objective iwae-5")
          .hasMessageContaining("Categorical")
          .hasMessageContaining("not reparameterised");
    }
  }
}
