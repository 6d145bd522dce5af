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
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Burda et al.'s two-stochastic-layer model: its ELBO decomposed into the two KL terms and the
 * distortion, each recomputed in plain Java from the layers' Gaussian parameters at the same draw.
 */
class TwoStochasticLayerVaeTest {
  static final int D = 6;
  static final int D1 = 3;
  static final int D2 = 2;
  static final int K = 400;

  static double logNormal(double x, double mu, double logVar) {
    return -0.5 * (Math.log(2 * Math.PI) + logVar + (x - mu) * (x - mu) / Math.exp(logVar));
  }

  @Test
  void theElboIsTheDistortionPlusTwoKlTermsRecomputedInJava() {
    TwoStochasticLayerVae spec = new TwoStochasticLayerVae(D, new long[] {5}, D1, new long[] {4}, D2, Activation.TANH);
    float[][] y = {{1, 0, 1, 1, 0, 0}, {0, 0, 0, 1, 1, 1}};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      LatentVariableModel model = spec.build(tf, new Parameters(tf), 3);
      Operand<TFloat32> yy = tf.constant(y);
      ChainedGaussian q = (ChainedGaussian) model.encoder().encode(tf, yy);
      ChainedGaussian p = (ChainedGaussian) model.prior().distribution(tf);
      Operand<TFloat32> z = q.sample(tf, SampleShape.samplesPerExample(tf, yy, K, D1 + D2), new Seed(5, 6));
      Operand<TFloat32> z1 = q.outerPart(tf, z);
      Operand<TFloat32> z2 = q.innerPart(tf, z);
      DiagonalGaussian q2 = q.innerGiven(tf, z1);
      DiagonalGaussian p1 = p.innerGiven(tf, z2);
      Bernoulli dec = (Bernoulli) model.decoder().decode(tf, z);
      try (Result r = s.runner().fetch(z)
          .fetch(q.outer().loc()).fetch(q.outer().logVariance())
          .fetch(q2.loc()).fetch(q2.logVariance())
          .fetch(p1.loc()).fetch(p1.logVariance())
          .fetch(dec.logits())
          .fetch(q.logProb(tf, z)).fetch(p.logProb(tf, z)).fetch(dec.logProb(tf, yy))
          .run()) {
        float[] zz = Feeds.values(r.get(0));
        float[] mu1 = Feeds.values(r.get(1));
        float[] lv1 = Feeds.values(r.get(2));
        float[] mu2 = Feeds.values(r.get(3));
        float[] lv2 = Feeds.values(r.get(4));
        float[] pm1 = Feeds.values(r.get(5));
        float[] plv1 = Feeds.values(r.get(6));
        float[] logits = Feeds.values(r.get(7));
        float[] logQ = Feeds.values(r.get(8));
        float[] logP = Feeds.values(r.get(9));
        float[] logLik = Feeds.values(r.get(10));
        int n = y.length;
        double sumEps = 0;
        double sumEps2 = 0;
        for (int k = 0; k < K; k++) {
          for (int b = 0; b < n; b++) {
            int row = k * n + b;
            // KL₁ term: ln q(z₁|y) − ln p(z₁|z₂); KL₂ term: ln q(z₂|z₁) − ln N(z₂; 0, I); distortion −ln p(y|z₁)
            double kl1 = 0;
            for (int j = 0; j < D1; j++) {
              double v = zz[row * (D1 + D2) + j];
              kl1 += logNormal(v, mu1[b * D1 + j], lv1[b * D1 + j]) - logNormal(v, pm1[row * D1 + j], plv1[row * D1 + j]);
            }
            double kl2 = 0;
            for (int j = 0; j < D2; j++) {
              double v = zz[row * (D1 + D2) + D1 + j];
              kl2 += logNormal(v, mu2[row * D2 + j], lv2[row * D2 + j]) - logNormal(v, 0, 0);
              double eps = (v - mu2[row * D2 + j]) / Math.exp(0.5 * lv2[row * D2 + j]);
              sumEps += eps;
              sumEps2 += eps * eps;
            }
            double distortion = 0;
            for (int i = 0; i < D; i++) {
              double l = logits[row * D + i];
              double logSig = -Math.log1p(Math.exp(-l));
              double logOneMinus = -Math.log1p(Math.exp(l));
              distortion -= y[b][i] * logSig + (1 - y[b][i]) * logOneMinus;
            }
            assertThat((double) (logQ[row] - logP[row])).as("rate of draw %d example %d", k, b).isCloseTo(kl1 + kl2, within(1e-3));
            assertThat((double) -logLik[row]).as("distortion of draw %d example %d", k, b).isCloseTo(distortion, within(1e-3));
          }
        }
        // z₂ was drawn from q(z₂|z₁) at the z₁ of the same draw: standardised, it is N(0, 1)
        double m = sumEps / (K * n * D2);
        double var = sumEps2 / (K * n * D2) - m * m;
        assertThat(m).isCloseTo(0, within(4 / Math.sqrt(K * n * D2)));
        assertThat(var).isCloseTo(1, within(0.15));
      }
    }
  }

  @Test
  void burdasSizesAndBadSizes() {
    TwoStochasticLayerVae b = TwoStochasticLayerVae.burda();
    assertThat(b.latentSize()).isEqualTo(150);
    assertThat(b.hidden1()).containsExactly(200, 200);
    assertThat(b.hidden2()).containsExactly(100, 100);
    assertThatThrownBy(() -> new TwoStochasticLayerVae(784, new long[] {}, 100, new long[] {100}, 50, Activation.TANH))
        .hasMessageContaining("hidden1 must list at least one hidden size");
    assertThatThrownBy(() -> new TwoStochasticLayerVae(784, new long[] {200}, 0, new long[] {100}, 50, Activation.TANH))
        .hasMessageContaining("got 784, 0, 50");
  }
}
