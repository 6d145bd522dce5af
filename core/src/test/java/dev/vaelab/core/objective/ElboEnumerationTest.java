package dev.vaelab.core.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Categorical;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.MixtureOfDiagonalGaussians;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A tiny discrete model — z ∈ {1, 2, 3} with prior π, y | z = k ~ N(μ_k, I) in R² — where ln p(y)
 * is known exactly: the ELBO of a Categorical encoder, enumerated exactly, equals ln p(y) when the
 * encoder is the exact posterior and is lower otherwise.
 */
class ElboEnumerationTest {
  static final float[] PRIOR_LOGITS = {0.3f, -0.2f, 0.6f};
  static final float[][] MU = {{0f, 0f}, {2f, 1f}, {-1f, 3f}};
  static final float[][] Y = {{0.5f, 0.2f}, {1.5f, 1.4f}, {-0.8f, 2.2f}, {4f, -3f}};

  /** ln π_k + ln N(y; μ_k, I), in double. */
  static double[] logJoint(float[] y) {
    double norm = 0;
    for (float l : PRIOR_LOGITS) {
      norm += Math.exp(l);
    }
    double[] out = new double[3];
    for (int k = 0; k < 3; k++) {
      double q = 0;
      for (int j = 0; j < 2; j++) {
        q += (y[j] - MU[k][j]) * (y[j] - MU[k][j]);
      }
      out[k] = PRIOR_LOGITS[k] - Math.log(norm) - Math.log(2 * Math.PI) - 0.5 * q;
    }
    return out;
  }

  static double logSumExp(double[] a) {
    return dev.vaelab.core.math.LogSumExp.logSumExp(a); // plain Java, itself checked by LogSumExpTest
  }

  /** The triad with the given encoder logits per example. */
  static LatentVariableModel model(float[][] encoderLogits) {
    return new LatentVariableModel(
        (tf, y) -> new Categorical(tf.constant(encoderLogits)),
        tf -> new Categorical(tf.constant(PRIOR_LOGITS)),
        (tf, z) -> {
          // mean = Σ_k z_k μ_k for one-hot z of shape [..., 3]
          Operand<TFloat32> mean = tf.reduceSum(tf.math.mul(tf.expandDims(z, tf.constant(-1)), tf.constant(MU)), tf.constant(-2));
          return new DiagonalGaussian(mean, tf.constant(0f));
        },
        2, 3);
  }

  static float[] bound(LatentVariableModel m) {
    return GraphRunner.run(tf -> Elbo.standard().build(tf, m, tf.constant(Y), context(tf)).bound());
  }

  static ObjectiveContext context(Ops tf) {
    return new ObjectiveContext(tf.constant(0f), new Seed.Sequence(1));
  }

  @Test
  void theEnumeratedElboIsTheLogLikelihoodAtTheExactPosteriorAndLowerElsewhere() {
    float[][] exact = new float[Y.length][3];
    for (int i = 0; i < Y.length; i++) {
      double[] lj = logJoint(Y[i]);
      double lse = logSumExp(lj);
      for (int k = 0; k < 3; k++) {
        exact[i][k] = (float) (lj[k] - lse); // ln q*(k|y) = ln p(k|y)
      }
    }
    float[] atExact = bound(model(exact));
    float[][] uniform = new float[Y.length][3];
    float[] atUniform = bound(model(uniform));
    for (int i = 0; i < Y.length; i++) {
      double logp = logSumExp(logJoint(Y[i]));
      assertThat((double) atExact[i]).isCloseTo(logp, within(1e-4));
      // the gap is KL(q ‖ p(z|y)) > 0 for the uniform q
      double gap = 0;
      double[] lj = logJoint(Y[i]);
      double lse = logSumExp(lj);
      for (int k = 0; k < 3; k++) {
        gap += (1.0 / 3) * (Math.log(1.0 / 3) - (lj[k] - lse));
      }
      assertThat((double) atUniform[i]).isLessThan((float) logp);
      assertThat((double) atUniform[i]).isCloseTo(logp - gap, within(1e-4));
    }
  }

  @Test
  void theEnumeratedElboHasTheGradientOfTheExactExpectation() {
    // d ELBO / d ℓ_k at uniform logits, against central finite differences in plain Java
    float[][] logits = {{0.1f, -0.3f, 0.2f}};
    float[][] y = {Y[1]};
    List<float[]> r = GraphRunner.runAll(tf -> {
      Operand<TFloat32> l = tf.constant(logits);
      LatentVariableModel m = new LatentVariableModel((t, yy) -> new Categorical(l), model(logits).prior(), model(logits).decoder(), 2, 3);
      Operand<TFloat32> b = Elbo.standard().build(tf, m, tf.constant(y), context(tf)).bound();
      var g = tf.gradients(tf.reduceSum(b, tf.constant(0)), List.of(l));
      return List.of(b, g.<TFloat32>dy(0));
    });
    for (int k = 0; k < 3; k++) {
      double h = 1e-3;
      double[] up = elboInJava(logits[0], k, h, y[0]);
      double[] down = elboInJava(logits[0], k, -h, y[0]);
      assertThat((double) r.get(1)[k]).isCloseTo((up[0] - down[0]) / (2 * h), within(2e-3));
    }
  }

  /** The exact ELBO Σ_k q_k (ln p(y, k) − ln q_k) with logit k shifted by h. */
  static double[] elboInJava(float[] logits, int k, double h, float[] y) {
    double[] l = new double[3];
    for (int i = 0; i < 3; i++) {
      l[i] = logits[i] + (i == k ? h : 0);
    }
    double lse = logSumExp(l);
    double[] lj = logJoint(y);
    double e = 0;
    for (int i = 0; i < 3; i++) {
      double lq = l[i] - lse;
      e += Math.exp(lq) * (lj[i] - lq);
    }
    return new double[] {e};
  }

  @Test
  void aNonReparameterisedEncoderThatCannotBeEnumeratedIsRejectedWhenTheGraphIsBuilt() {
    LatentVariableModel m = new LatentVariableModel(
        (tf, y) -> mixture(tf),
        tf -> new dev.vaelab.core.distribution.StandardNormal(2),
        (tf, z) -> new DiagonalGaussian(z, tf.constant(0f)),
        2, 2);
    assertThatThrownBy(() -> GraphRunner.run(tf -> Elbo.standard().build(tf, m, tf.constant(Y), context(tf)).bound()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("objective elbo")
        .hasMessageContaining("MixtureOfDiagonalGaussians")
        .hasMessageContaining("not reparameterised");
  }

  static Distribution mixture(Ops tf) {
    return new MixtureOfDiagonalGaussians(tf.constant(new float[] {0f, 0f}), tf.constant(new float[][] {{0f, 0f}, {1f, 1f}}),
        tf.constant(new float[][] {{0f, 0f}, {0f, 0f}}));
  }
}
