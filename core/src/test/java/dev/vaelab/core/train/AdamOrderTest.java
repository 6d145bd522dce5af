package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.framework.initializers.Zeros;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam against its formula. With a constant gradient g, m_t = (1 − β₁ᵗ) g and v_t = (1 − β₂ᵗ) g², so
 * the bias-corrected step is exactly −lr · g / (|g| + ε) at every t; a bias correction taken from the
 * wrong step (the framework's unordered β-power update) moves some parameters by ≈ 0.74 of it.
 */
class AdamOrderTest {
  static final int VARIABLES = 24;
  static final float[] C = new float[VARIABLES];

  static {
    for (int i = 0; i < VARIABLES; i++) {
      C[i] = (i % 2 == 0 ? 1 : -1) * (0.5f + i * 0.25f);
    }
  }

  /** μ(y) = Σ_i c_i w_i for every example; the objective's loss is mean μ, so ∂loss/∂w_i = c_i. */
  static ModelSpec linear() {
    return new ModelSpec() {
      @Override
      public String name() {
        return "linear";
      }

      @Override
      public long dataSize() {
        return 1;
      }

      @Override
      public long latentSize() {
        return 1;
      }

      @Override
      public LatentVariableModel build(Ops tf, Parameters params, long seed) {
        List<Operand<TFloat32>> w = new ArrayList<>();
        for (int i = 0; i < VARIABLES; i++) {
          w.add(params.create("w" + i, Shape.of(1), new Zeros<>()));
        }
        return new LatentVariableModel(
            (t, y) -> {
              Operand<TFloat32> mu = t.zerosLike(y);
              for (int i = 0; i < VARIABLES; i++) {
                mu = t.math.add(mu, t.math.mul(t.constant(C[i]), w.get(i)));
              }
              return new DiagonalGaussian(mu, t.zerosLike(y));
            },
            new StandardNormalPrior(1), (t, z) -> new DiagonalGaussian(z, t.zerosLike(z)), 1, 1);
      }
    };
  }

  static final Objective MEAN_OF_MU =
      new Objective() {
        @Override
        public String name() {
          return "mean-mu";
        }

        @Override
        public ElboLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext ctx) {
          Operand<TFloat32> mu = tf.reshape(model.encoder().encode(tf, y).mean(tf), tf.constant(new int[] {-1}));
          Operand<TFloat32> zero = tf.zerosLike(mu);
          return new ElboLoss(tf.math.mean(mu, tf.constant(0)), zero, zero, zero, tf.constant(1f));
        }
      };

  @Test
  void everyParameterTakesTheBiasCorrectedStepOfItsOwnIteration() {
    int steps = 6;
    float lr = 0.01f;
    Dataset data = new Dataset("ones", new float[steps], 1, null); // 6 examples, batch 1: 6 steps
    try (ModelGraph g = ModelGraph.build(linear(), MEAN_OF_MU, 1)) {
      new Trainer(g, new TrainerConfig(lr, 1, 0, false), null).fit(data, null, 1, List.of());
      var vars = g.parameters().variables();
      org.tensorflow.Session.Runner r = g.session().runner();
      vars.forEach(r::fetch);
      try (Result res = r.run()) {
        for (int i = 0; i < VARIABLES; i++) {
          double expected = -steps * lr * C[i] / (Math.abs(C[i]) + 1e-8);
          assertThat((double) Feeds.values(res.get(i))[0]).as("w%d", i).isCloseTo(expected, within(1e-5));
        }
      }
    }
  }

}
