package dev.vaelab.gmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.eval.ExactLogLikelihood;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.ObjectiveContext;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Note 000's claim through core's own code path: on the mixture's triad, core's {@code Elbo}
 * equals the log-likelihood right after an E-step and is strictly lower before it; the triad's
 * enumerated log-likelihood is gmm-em's {@code score}.
 */
class MixtureTriadTest {
  /** 600 points from three full-covariance Gaussians in 2-D. */
  static double[][] points() {
    Random r = new Random(9);
    double[][] x = new double[600][];
    for (int i = 0; i < x.length; i++) {
      double a = r.nextGaussian();
      double b = r.nextGaussian();
      x[i] = switch (i % 3) {
        case 0 -> new double[] {-2 + 0.6 * a, 1 + 0.3 * a + 0.4 * b};
        case 1 -> new double[] {2 + a, -1 + 0.5 * b};
        default -> new double[] {0.5 * a, 3 + 0.8 * b - 0.3 * a};
      };
    }
    return x;
  }

  static float[] run(Function<Ops, Operand<TFloat32>> build) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> out = build.apply(tf);
      try (Result r = s.runner().fetch(out).run()) {
        return Feeds.values(r.get(0));
      }
    }
  }

  static Operand<TFloat32> data(Ops tf, double[][] x) {
    float[][] f = new float[x.length][];
    for (int i = 0; i < x.length; i++) {
      f[i] = new float[] {(float) x[i][0], (float) x[i][1]};
    }
    return tf.constant(f);
  }

  static float[] elbo(double[][] x, MixtureParameters encoderTheta, MixtureParameters theta) {
    return run(tf -> {
      LatentVariableModel m = MixtureTriad.of(tf, encoderTheta, theta);
      return Elbo.standard().build(tf, m, data(tf, x), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(1))).bound();
    });
  }

  static double mean(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f;
    }
    return s / v.length;
  }

  @Test
  void coresElboOnTheTriadIsTheLogLikelihoodAfterAnEStepAndLowerBefore() {
    double[][] x = points();
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withTolerance(1e-10)).fit(x);
    MixtureParameters theta = fit.parameters();
    double[] exact = fit.logLikelihoods(x);

    // after the E-step (encoder = exact posterior of θ): ELBO = ln p(y; θ), example by example
    float[] after = elbo(x, theta, theta);
    for (int i = 0; i < x.length; i++) {
      assertThat((double) after[i]).isCloseTo(exact[i], within(2e-4 * Math.max(1, Math.abs(exact[i]))));
    }
    // the triad's enumerated log-likelihood is gmm-em's score
    float[] enumerated = run(tf -> ExactLogLikelihood.of(tf, MixtureTriad.of(tf, theta), data(tf, x)));
    assertThat(mean(enumerated)).isCloseTo(fit.score(x), within(1e-4));
    for (int i = 0; i < x.length; i += 50) {
      assertThat((double) enumerated[i]).isCloseTo(exact[i], within(2e-4 * Math.max(1, Math.abs(exact[i]))));
    }

    // before the E-step: EM from a poor start θ0; θ1 = one M-step on q(θ0). Core's ELBO(q(θ0), θ1)
    // is strictly below ln p(y; θ1) and is the ELBO gmm-em records before its second E-step
    MixtureParameters theta0 = new MixtureParameters(new double[] {0.5, 0.3, 0.2},
        new double[][] {{-1, 0}, {1, 0}, {0, 1}},
        new double[][][] {{{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}, {{2, 0}, {0, 2}}});
    GaussianMixtureConfig start = GaussianMixtureConfig.of(3).withInitialParameters(theta0).withTolerance(0);
    MixtureParameters theta1 = new GaussianMixture(start.withMaxIterations(1)).fit(x).parameters();
    GaussianMixtureFit two = new GaussianMixture(start.withMaxIterations(2)).fit(x);
    double llTheta1 = two.trace().get(1).logLikelihood();
    double before = mean(elbo(x, theta0, theta1));
    assertThat(before).isLessThan(llTheta1 - 0.01);
    assertThat(before).isCloseTo(two.trace().get(1).elboBeforeEStep(), within(1e-4 * Math.abs(llTheta1)));
    assertThat(mean(elbo(x, theta1, theta1))).isCloseTo(llTheta1, within(1e-4 * Math.abs(llTheta1)));
  }

  @Test
  void aFittedMixtureIsAFixedPriorWithTheMixturesDensity() {
    double[][] x = points();
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withCovarianceType(CovarianceType.DIAGONAL)).fit(x);
    double[] exact = fit.logLikelihoods(x);
    float[] lp = run(tf -> FittedMixturePrior.of(fit.parameters()).build(tf, null, null, 2, dev.vaelab.core.model.Conditioning.NONE, 0)
        .distribution(tf).logProb(tf, data(tf, x)));
    for (int i = 0; i < x.length; i += 20) {
      assertThat((double) lp[i]).isCloseTo(exact[i], within(2e-4 * Math.max(1, Math.abs(exact[i]))));
    }
    // full covariances: the density, and ancestral samples with the mixture's mean
    GaussianMixtureFit full = new GaussianMixture(GaussianMixtureConfig.of(3)).fit(x);
    double[] exactFull = full.logLikelihoods(x);
    float[] lpFull = run(tf -> FittedMixturePrior.of(full.parameters()).build(tf, null, null, 2, dev.vaelab.core.model.Conditioning.NONE, 0)
        .distribution(tf).logProb(tf, data(tf, x)));
    for (int i = 0; i < x.length; i += 20) {
      assertThat((double) lpFull[i]).isCloseTo(exactFull[i], within(2e-4 * Math.max(1, Math.abs(exactFull[i]))));
    }
    float[] mean = run(tf -> FittedMixturePrior.of(full.parameters()).build(tf, null, null, 2, dev.vaelab.core.model.Conditioning.NONE, 0)
        .distribution(tf).mean(tf));
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      for (int k = 0; k < 3; k++) {
        expected += full.parameters().weights()[k] * full.parameters().means()[k][j];
      }
      assertThat((double) mean[j]).isCloseTo(expected, within(1e-5));
    }
    int n = 20000;
    float[] s = run(tf -> FittedMixturePrior.of(full.parameters()).build(tf, null, null, 2, dev.vaelab.core.model.Conditioning.NONE, 0)
        .distribution(tf).sample(tf, tf.constant(new int[] {n, 2}), new Seed(4, 1)));
    for (int j = 0; j < 2; j++) {
      double expected = 0;
      for (int k = 0; k < 3; k++) {
        expected += full.parameters().weights()[k] * full.parameters().means()[k][j];
      }
      double m = 0;
      double sq = 0;
      for (int i = 0; i < n; i++) {
        m += s[i * 2 + j] / n;
        sq += (double) s[i * 2 + j] * s[i * 2 + j] / n;
      }
      assertThat(m).isCloseTo(expected, within(4 * Math.sqrt((sq - m * m) / n)));
    }
  }
}
