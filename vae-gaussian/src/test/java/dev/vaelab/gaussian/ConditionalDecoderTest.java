package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.model.BuildContext;
import dev.vaelab.core.model.Conditioning;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.nn.Parameters;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The conditional decoder's ln p(y|z, c), recomputed in plain Java from its weights. */
class ConditionalDecoderTest {
  @Test
  void logLikelihoodOfTheConditionalBernoulliDecoderRecomputed() {
    int d = 2;
    int c = 3;
    int h = 4;
    int dd = 5;
    GaussianVae spec = GaussianVae.builder().dataSize(dd).hidden(h).latentSize(d).contextSize(c).build();
    float[][] z = {{0.3f, -1.2f}, {2.0f, 0.5f}, {-0.7f, 0.1f}};
    float[][] ctx = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};
    float[][] y = {{1, 0, 1, 1, 0}, {0, 0, 1, 0, 1}, {1, 1, 1, 0, 0}};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(tf);
      LatentVariableModel model = spec.build(tf, params, 1, new BuildContext(Conditioning.on(tf.constant(ctx), c), tf.constant(0f)));
      Operand<TFloat32> logLik = model.decoder().decode(tf, tf.constant(z)).logProb(tf, tf.constant(y));
      try (Result r = s.runner().fetch(logLik)
          .fetch(params.variable("dec_l0_W")).fetch(params.variable("dec_l0_b"))
          .fetch(params.variable("dec_l1_W")).fetch(params.variable("dec_l1_b")).run()) {
        float[] ll = Feeds.values(r.get(0));
        float[] w0 = Feeds.values(r.get(1)); // [d + c, h]
        float[] b0 = Feeds.values(r.get(2));
        float[] w1 = Feeds.values(r.get(3)); // [h, D]
        float[] b1 = Feeds.values(r.get(4));
        for (int n = 0; n < z.length; n++) {
          double[] in = new double[d + c]; // [z, c]
          for (int i = 0; i < d; i++) {
            in[i] = z[n][i];
          }
          for (int i = 0; i < c; i++) {
            in[d + i] = ctx[n][i];
          }
          double[] hid = new double[h];
          for (int j = 0; j < h; j++) {
            double a = b0[j];
            for (int i = 0; i < d + c; i++) {
              a += in[i] * w0[i * h + j];
            }
            hid[j] = Math.max(0, a);
          }
          double expected = 0;
          for (int k = 0; k < dd; k++) {
            double l = b1[k];
            for (int j = 0; j < h; j++) {
              l += hid[j] * w1[j * dd + k];
            }
            expected += y[n][k] * -Math.log1p(Math.exp(-l)) + (1 - y[n][k]) * -Math.log1p(Math.exp(l));
          }
          assertThat((double) ll[n]).as("example %d", n).isCloseTo(expected, within(1e-5 + 1e-6 * Math.abs(expected)));
        }
        // the context matters: the same z under another class scores differently
        assertThat(ll[0]).isNotEqualTo(ll[1]);
      }
    }
  }
}
