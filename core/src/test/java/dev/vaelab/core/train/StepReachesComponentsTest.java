package dev.vaelab.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.RelaxedOneHotCategorical;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.BuildContext;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Mlp;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.Elbo;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The training step reaches the components: a Gumbel-softmax encoder whose temperature is
 * annealed, τ_t = max(τ_min, τ_0 · exp(−r t)), trains, and after t steps uses the τ_t of the formula.
 */
class StepReachesComponentsTest {
  static final double TAU0 = 1.0;
  static final double RATE = 0.01;
  static final double TAU_MIN = 0.5;
  static final int D = 8;
  static final int K = 4;

  /** The annealed temperature as an operand of the step. */
  static Operand<TFloat32> tau(Ops tf, Operand<TFloat32> step) {
    return tf.math.maximum(tf.constant((float) TAU_MIN),
        tf.math.mul(tf.constant((float) TAU0), tf.math.exp(tf.math.mul(tf.constant((float) -RATE), step))));
  }

  static final class Spec implements ModelSpec {
    Operand<TFloat32> temperature;

    @Override
    public String name() {
      return "relaxed-categorical-vae";
    }

    @Override
    public long dataSize() {
      return D;
    }

    @Override
    public long latentSize() {
      return K;
    }

    @Override
    public LatentVariableModel build(Ops tf, Parameters params, long seed) {
      throw new UnsupportedOperationException("needs the step");
    }

    @Override
    public LatentVariableModel build(Ops tf, Parameters params, long seed, BuildContext context) {
      Mlp enc = new Mlp(params, "enc", new long[] {D, 16, K}, Activation.RELU, seed);
      Mlp dec = new Mlp(params, "dec", new long[] {K, 16, D}, Activation.RELU, seed + 1);
      temperature = tau(tf, context.step());
      Operand<TFloat32> uniform = tf.constant(new float[K]);
      return new LatentVariableModel(
          (t, y) -> new RelaxedOneHotCategorical(enc.apply(t, y), temperature),
          t -> new RelaxedOneHotCategorical(uniform, temperature),
          (t, z) -> new Bernoulli(dec.apply(t, z)),
          D, K);
    }
  }

  @Test
  void anAnnealedGumbelSoftmaxEncoderSeesTheTemperatureOfTheStep() {
    Random r = new Random(3);
    float[] v = new float[2000 * D];
    for (int i = 0; i < 2000; i++) {
      int cls = i % K;
      for (int j = 0; j < D; j++) {
        v[i * D + j] = r.nextFloat() < (j / 2 == cls ? 0.9f : 0.1f) ? 1f : 0f;
      }
    }
    Dataset data = new Dataset("four-clusters", v, D, null);
    Spec spec = new Spec();
    try (ModelGraph g = ModelGraph.build(spec, Elbo.standard(), 2)) {
      Trainer t = new Trainer(g, new TrainerConfig(1e-2, 100, 2, false, false), null);
      TrainingHistory h = t.fit(data, null, 5, List.of());
      assertThat(t.stepsDone()).isEqualTo(100);
      try (Result res = g.session().runner().fetch(spec.temperature).run()) {
        double tau = Feeds.scalar(res.get(0));
        assertThat(tau).isCloseTo(Math.max(TAU_MIN, TAU0 * Math.exp(-RATE * 100)), within(1e-6));
        assertThat(tau).isLessThan(TAU0);
      }
      assertThat(h.last().trainElbo()).isGreaterThan(h.epochs().get(0).trainElbo());
    }
  }
}
