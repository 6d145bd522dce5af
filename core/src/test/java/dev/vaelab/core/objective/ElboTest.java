package dev.vaelab.core.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElboTest {
  // 3 examples, d = 2 latents, D = 3 pixels; encoder and decoder are fixed linear maps
  static final float[][] Y = {{1, 0, 1}, {0, 0, 1}, {1, 1, 0}};
  static final float[][] MU = {{0.5f, -0.2f}, {0.05f, 0.01f}, {-1.0f, 0.8f}};
  static final float[][] W = {{1.5f, -2f, 0.3f}, {0.7f, 0.1f, -1.2f}};

  static LatentVariableModel fixedModel(float logVar) {
    return new LatentVariableModel(
        (tf, y) -> new DiagonalGaussian(tf.constant(MU), tf.fill(tf.constant(new int[] {3, 2}), tf.constant(logVar))),
        new StandardNormalPrior(2),
        (tf, z) -> new Bernoulli(tf.linalg.matMul(z, tf.constant(W))),
        3,
        2);
  }

  static double klDim(double mu, double lv) {
    return 0.5 * (mu * mu + Math.exp(lv) - 1 - lv);
  }

  /** fetches total, rate, distortion, bound, rateWeight. */
  static List<float[]> terms(Elbo elbo, float logVar, float step) {
    return GraphRunner.runAll(
        tf -> {
          ElboLoss l =
              elbo.build(tf, fixedModel(logVar), tf.constant(Y), new ObjectiveContext(tf.constant(step), new Seed.Sequence(11)));
          return List.of(l.total(), l.rate(), l.distortion(), l.bound(), l.rateWeight());
        });
  }

  @Test
  void rateIsAnalyticKlAndDistortionIsBernoulliNllAtTheSampledZ() {
    float lv = -30f; // σ = e^-15: the sample is μ to float precision
    List<float[]> t = terms(Elbo.standard(), lv, 0);
    for (int b = 0; b < 3; b++) {
      double rate = klDim(MU[b][0], lv) + klDim(MU[b][1], lv);
      double nll = 0;
      for (int j = 0; j < 3; j++) {
        double logit = MU[b][0] * W[0][j] + MU[b][1] * W[1][j];
        nll += Math.log1p(Math.exp(logit)) - Y[b][j] * logit; // softplus(l) − y l
      }
      assertThat((double) t.get(1)[b]).isCloseTo(rate, within(1e-4 * rate));
      assertThat((double) t.get(2)[b]).isCloseTo(nll, within(1e-4));
      assertThat((double) t.get(3)[b]).isCloseTo(-(rate + nll), within(1e-3));
    }
    double meanLoss = 0;
    for (int b = 0; b < 3; b++) {
      meanLoss += (t.get(1)[b] + t.get(2)[b]) / 3.0;
    }
    assertThat((double) t.get(0)[0]).isCloseTo(meanLoss, within(1e-3));
  }

  @Test
  void betaWarmupAndFreeBitsFollowTheirFormulas() {
    float lv = -0.5f;
    double beta = 2.0;
    double lambda = 0.2;
    long warmup = 1000;
    Elbo elbo = Elbo.standard().withBeta(beta).withWarmupSteps(warmup).withFreeBits(lambda);
    List<float[]> t = terms(elbo, lv, 250f);
    double betaT = beta * 250.0 / warmup;
    assertThat((double) t.get(4)[0]).isCloseTo(betaT, within(1e-6));
    assertThat(elbo.rateWeightAt(250)).isCloseTo(betaT, within(1e-12));
    assertThat(elbo.rateWeightAt(5000)).isEqualTo(beta);
    // free bits: Σ_j max(λ, mean_b KL_bj); dimension 1 has mean KL below λ and is floored
    double rateTerm = 0;
    boolean someFloored = false;
    for (int j = 0; j < 2; j++) {
      double m = 0;
      for (int b = 0; b < 3; b++) {
        m += klDim(MU[b][j], lv) / 3;
      }
      someFloored |= m < lambda;
      rateTerm += Math.max(lambda, m);
    }
    assertThat(someFloored).isTrue();
    double meanDistortion = (t.get(2)[0] + t.get(2)[1] + t.get(2)[2]) / 3.0;
    assertThat((double) t.get(0)[0]).isCloseTo(meanDistortion + betaT * rateTerm, within(1e-4));
    // the reported rate stays the unweighted, unfloored KL
    assertThat((double) t.get(1)[1]).isCloseTo(klDim(MU[1][0], lv) + klDim(MU[1][1], lv), within(1e-5));
  }

  @Test
  void monteCarloRateAveragesToTheAnalyticKl() {
    int n = 100_000;
    float[] mu = {0.8f, -0.3f};
    float lv = -0.7f;
    LatentVariableModel model =
        new LatentVariableModel(
            (tf, y) -> new DiagonalGaussian(
                tf.math.add(tf.zeros(tf.constant(new int[] {n, 2}), org.tensorflow.types.TFloat32.class), tf.constant(mu)),
                tf.constant(lv)),
            new StandardNormalPrior(2),
            (tf, z) -> new Bernoulli(tf.linalg.matMul(z, tf.constant(W))),
            3,
            2);
    float[][] y = new float[n][3];
    List<float[]> t =
        GraphRunner.runAll(
            tf -> {
              ElboLoss l = Elbo.standard().withRateEstimator(Elbo.RateEstimator.MONTE_CARLO)
                  .build(tf, model, tf.constant(y), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(5)));
              return List.of(l.rate());
            });
    double analytic = klDim(mu[0], lv) + klDim(mu[1], lv);
    double mean = 0;
    for (float r : t.get(0)) {
      mean += r;
    }
    mean /= n;
    double var = 0;
    for (float r : t.get(0)) {
      var += (r - mean) * (r - mean);
    }
    double se = Math.sqrt(var / (n - 1) / n);
    assertThat(Math.abs(mean - analytic)).isLessThan(4 * se);
    // and the estimator is really stochastic (not the closed form in disguise)
    assertThat(var / (n - 1)).isGreaterThan(0.01);
  }

  @Test
  void invalidSettingsAreRejectedByName() {
    assertThatThrownBy(() -> Elbo.standard().withBeta(-1)).hasMessageContaining("beta").hasMessageContaining("-1");
    assertThatThrownBy(() -> Elbo.standard().withWarmupSteps(-5)).hasMessageContaining("warmupSteps");
    assertThatThrownBy(() -> Elbo.standard().withFreeBits(Double.NaN)).hasMessageContaining("freeBits");
  }
}
