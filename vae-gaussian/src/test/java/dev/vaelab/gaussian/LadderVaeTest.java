package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Bernoulli;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.nn.Parameters;
import dev.vaelab.core.objective.SampleShape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Issue 28: the ladder VAE — its ELBO decomposed into per-layer KL terms (with the precision-weighted merge) and the
 * distortion, recomputed in plain Java at the same draw; and its posterior, set to the exact posterior of a linear-Gaussian
 * hierarchy, giving ln p(y) with every sample.
 */
class LadderVaeTest {
  static final int D = 6;
  static final long[] LATENTS = {3, 2, 2};
  static final int K = 50;

  static double logNormal(double x, double mu, double logVar) {
    return -0.5 * (Math.log(2 * Math.PI) + logVar + (x - mu) * (x - mu) / Math.exp(logVar));
  }

  @Test
  void theElboIsTheDistortionPlusPerLayerKlTermsOfThePrecisionWeightedMerge() {
    LadderVae spec = new LadderVae(D, new long[] {5, 4, 3}, LATENTS, Activation.TANH);
    float[][] y = {{1, 0, 1, 1, 0, 0}, {0, 0, 0, 1, 1, 1}};
    int n = y.length;
    int total = 7;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LatentVariableModel model = spec.build(tf, new Parameters(tf), 3);
      Operand<TFloat32> yy = tf.constant(y);
      LadderPosterior q = (LadderPosterior) model.encoder().encode(tf, yy);
      LadderPrior p = (LadderPrior) model.prior().distribution(tf);
      Operand<TFloat32> z = q.sample(tf, SampleShape.samplesPerExample(tf, yy, K, total), new Seed(5, 6));
      List<Operand<TFloat32>> parts = GaussianChain.split(tf, z, LATENTS);
      Session.Runner r = s.runner().fetch(z);
      List<DiagonalGaussian> shown = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        shown.add(q.bottomUp(i)); // μ̂_i, ln σ̂_i²
        shown.add(p.layer(tf, i, i + 1 < 3 ? parts.get(i + 1) : null)); // the top-down p(z_i|z_{i+1}) at the sample
      }
      for (DiagonalGaussian d : shown) {
        r.fetch(tf.math.add(d.loc(), tf.zerosLike(d.loc()))).fetch(tf.math.add(d.logVariance(), tf.zerosLike(d.loc())));
      }
      Bernoulli dec = (Bernoulli) model.decoder().decode(tf, z);
      r.fetch(dec.logits()).fetch(q.logProb(tf, z)).fetch(p.logProb(tf, z)).fetch(dec.logProb(tf, yy));
      try (Result res = r.run()) {
        float[] zz = Feeds.values(res.get(0));
        float[][] par = new float[12][];
        for (int i = 0; i < 12; i++) {
          par[i] = Feeds.values(res.get(1 + i));
        }
        float[] logits = Feeds.values(res.get(13));
        float[] logQ = Feeds.values(res.get(14));
        float[] logP = Feeds.values(res.get(15));
        float[] logLik = Feeds.values(res.get(16));
        for (int k = 0; k < K; k++) {
          for (int b = 0; b < n; b++) {
            int row = k * n + b;
            double q1 = 0;
            double p1 = 0;
            int off = 0;
            for (int i = 0; i < 3; i++) {
              int di = (int) LATENTS[i];
              float[] muUp = par[4 * i];
              float[] lvUp = par[4 * i + 1];
              float[] muP = par[4 * i + 2];
              float[] lvP = par[4 * i + 3];
              for (int j = 0; j < di; j++) {
                double v = zz[row * total + off + j];
                double mUp = muUp[b * di + j]; // bottom-up parameters: one per example
                double lUp = lvUp[b * di + j];
                double mP = i == 2 ? muP[j] : muP[row * di + j]; // top-down: one per sample (the top layer's N(0, I) once)
                double lP = i == 2 ? lvP[j] : lvP[row * di + j];
                double lnQ;
                if (i == 2) {
                  lnQ = logNormal(v, mUp, lUp);
                } else {
                  double precision = Math.exp(-lUp) + Math.exp(-lP); // σ_q⁻² = σ̂⁻² + σ_p⁻²
                  double mean = (mUp * Math.exp(-lUp) + mP * Math.exp(-lP)) / precision;
                  lnQ = logNormal(v, mean, -Math.log(precision));
                }
                q1 += lnQ;
                p1 += logNormal(v, mP, lP);
              }
              off += di;
            }
            double ll = 0;
            for (int j = 0; j < D; j++) {
              double l = logits[row * D + j];
              ll += y[b][j] * l - Math.log1p(Math.exp(l));
            }
            assertThat((double) logQ[row]).isCloseTo(q1, within(1e-3));
            assertThat((double) logP[row]).isCloseTo(p1, within(1e-3));
            assertThat((double) logLik[row]).isCloseTo(ll, within(1e-3));
          }
        }
      }
    }
  }

  /**
   * p(z₂) = N(0, 1), p(z₁|z₂) = N(a z₂ + c₀, s²), p(y|z₁) = N(c z₁, σ²). The exact p(z₁|z₂, y) is the precision-weighted
   * merge of N(y/c, σ²/c²) with p(z₁|z₂), and p(z₂|y) is Gaussian: with these as bottom-up Gaussians the ladder posterior
   * is exact, so every importance weight is p(y) = N(y; c c₀, c²(a² + s²) + σ²).
   */
  @Test
  void theLadderPosteriorAtTheExactPosteriorGivesLnPOfYWithEverySample() {
    double a = 1.3;
    double c0 = -0.4;
    double s2 = 0.6;
    double c = 0.8;
    double sigma2 = 0.3;
    double y = 1.7;
    double v = c * c * s2 + sigma2; // var(y | z₂)
    double precision2 = 1 + c * c * a * a / v;
    double m2 = c * a * (y - c * c0) / v / precision2;
    double lnPy = logNormal(y, c * c0, Math.log(c * c * (a * a + s2) + sigma2));
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      GaussianConditional down = (t, x) -> new DiagonalGaussian(t.math.add(t.math.mul(t.constant((float) a), x), t.constant((float) c0)),
          t.math.add(t.zerosLike(x), t.constant((float) Math.log(s2))));
      LadderPosterior q = new LadderPosterior(List.of(
          new DiagonalGaussian(tf.constant(new float[][] {{(float) (y / c)}}), tf.constant(new float[][] {{(float) Math.log(sigma2 / (c * c))}})),
          new DiagonalGaussian(tf.constant(new float[][] {{(float) m2}}), tf.constant(new float[][] {{(float) -Math.log(precision2)}}))),
          List.of(down));
      LadderPrior p = new LadderPrior(List.of(down), new long[] {1, 1});
      int k = 500;
      Operand<TFloat32> z = q.sample(tf, tf.constant(new int[] {k, 1, 2}), new Seed(3, 4));
      Operand<TFloat32> z1 = GaussianChain.split(tf, z, new long[] {1, 1}).get(0);
      DiagonalGaussian lik = new DiagonalGaussian(tf.math.mul(tf.constant((float) c), z1), tf.math.add(tf.zerosLike(z1), tf.constant((float) Math.log(sigma2))));
      Operand<TFloat32> logW = tf.math.sub(tf.math.add(p.logProb(tf, z), lik.logProb(tf, tf.constant(new float[][] {{(float) y}}))), q.logProb(tf, z));
      try (Result r = s.runner().fetch(logW).run()) {
        for (float w : Feeds.values(r.get(0))) {
          assertThat((double) w).isCloseTo(lnPy, within(2e-4));
        }
      }
    }
  }

  @Test
  void refusesALadderOfOneLayerOrMismatchedWidths() {
    assertThatThrownBy(() -> new LadderVae(D, new long[] {5}, new long[] {3}, Activation.TANH)).hasMessageContaining("at least two stochastic layers");
    assertThatThrownBy(() -> new LadderVae(D, new long[] {5, 4}, new long[] {3, 2, 1}, Activation.TANH)).hasMessageContaining("one width per stochastic layer");
  }
}
