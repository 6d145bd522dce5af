package dev.vaelab.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DiagonalGaussianTest {

  @Test
  void logProbMatchesTheDensityFormula() {
    float[][] mu = {{0.5f, -1f}, {2f, 0f}};
    float[][] lv = {{0.3f, -1.5f}, {1f, 0f}};
    float[][] z = {{0.1f, -0.2f}, {-3f, 4f}};
    float[] lp = GraphRunner.run(tf -> new DiagonalGaussian(tf.constant(mu), tf.constant(lv)).logProb(tf, tf.constant(z)));
    for (int b = 0; b < 2; b++) {
      double expected = 0;
      for (int j = 0; j < 2; j++) {
        double var = Math.exp(lv[b][j]);
        expected += -0.5 * Math.log(2 * Math.PI * var) - (z[b][j] - mu[b][j]) * (z[b][j] - mu[b][j]) / (2 * var);
      }
      assertThat((double) lp[b]).isCloseTo(expected, within(1e-5));
    }
  }

  @Test
  void entropyMatchesFormula() {
    float[][] lv = {{0.3f, -1.5f, 2f}};
    float[] h = GraphRunner.run(tf -> new DiagonalGaussian(tf.constant(new float[][] {{1f, 2f, 3f}}), tf.constant(lv)).entropy(tf));
    double expected = 0;
    for (float v : lv[0]) {
      expected += 0.5 * (1 + Math.log(2 * Math.PI) + v);
    }
    assertThat((double) h[0]).isCloseTo(expected, within(1e-5));
  }

  @Test
  void reparameterisedSamplesHaveTheRightMeanAndVariance() {
    int n = 100_000;
    float[] mu = {1.5f, -2f};
    float[] lv = {(float) Math.log(0.25), (float) Math.log(4.0)};
    float[] z =
        GraphRunner.run(
            tf -> new DiagonalGaussian(tf.constant(mu), tf.constant(lv))
                .sample(tf, tf.constant(new int[] {n, 2}), new Seed(7, 3)));
    for (int j = 0; j < 2; j++) {
      double m = 0;
      for (int i = 0; i < n; i++) {
        m += z[2 * i + j];
      }
      m /= n;
      double v = 0;
      for (int i = 0; i < n; i++) {
        v += (z[2 * i + j] - m) * (z[2 * i + j] - m);
      }
      v /= n - 1;
      double trueVar = Math.exp(lv[j]);
      assertThat(m).isCloseTo(mu[j], within(5 * Math.sqrt(trueVar / n)));
      // the sample variance has standard error ≈ σ² √(2/n)
      assertThat(v).isCloseTo(trueVar, within(5 * trueVar * Math.sqrt(2.0 / n)));
    }
  }

  @Test
  void samplesAreDifferentiableInMeanAndScale() {
    // z = μ + σ ε  ⇒  dΣz/dμ = n, dΣz/d(ln σ²) = Σ ½ σ ε = ½ Σ (z − μ)
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var mu = tf.placeholder(TFloat32.class);
      var lv = tf.placeholder(TFloat32.class);
      var z = new DiagonalGaussian(mu, lv).sample(tf, tf.constant(new int[] {1000, 1}), new Seed(1, 1));
      var sum = tf.reduceSum(z, tf.constant(new int[] {0, 1}));
      var grads = tf.gradients(sum, List.of(mu, lv));
      try (TFloat32 muV = TFloat32.vectorOf(0.7f);
          TFloat32 lvV = TFloat32.vectorOf(0.4f);
          Result r = s.runner().feed(mu, muV).feed(lv, lvV).fetch(grads.dy(0)).fetch(grads.dy(1)).fetch(z).run()) {
        float dMu = ((TFloat32) r.get(0)).getFloat(0);
        float dLv = ((TFloat32) r.get(1)).getFloat(0);
        float[] zs = dev.vaelab.core.graph.Feeds.values(r.get(2));
        double expected = 0;
        for (float v : zs) {
          expected += 0.5 * (v - 0.7);
        }
        assertThat(dMu).isCloseTo(1000f, within(1e-2f));
        assertThat((double) dLv).isCloseTo(expected, within(1e-2 * Math.max(1, Math.abs(expected))));
      }
    }
  }

  @Test
  void sharedSigmaBroadcastsLikeAGaussianDecoderWithFixedSigma() {
    float[][] mean = {{0.2f, 0.8f}, {0.5f, 0.1f}};
    float[][] y = {{0f, 1f}, {1f, 0f}};
    double sigma = 0.3;
    float[] lp =
        GraphRunner.run(tf -> Gaussian.withFixedSigma(tf, tf.constant(mean), sigma).logProb(tf, tf.constant(y)));
    for (int b = 0; b < 2; b++) {
      double expected = 0;
      for (int j = 0; j < 2; j++) {
        double d = y[b][j] - mean[b][j];
        expected += -0.5 * Math.log(2 * Math.PI) - Math.log(sigma) - d * d / (2 * sigma * sigma);
      }
      assertThat((double) lp[b]).isCloseTo(expected, within(1e-4));
    }
  }
}
