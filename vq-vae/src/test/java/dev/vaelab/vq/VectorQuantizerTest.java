package dev.vaelab.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.nn.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

class VectorQuantizerTest {
  static final int B = 3;
  static final int H = 2;
  static final int K = 6;
  static final int D = 4;

  static float[] randomInputs(long seed, int n) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** A graph with one quantiser over a fed z_e of shape [B, H, H, D]. */
  static final class Rig implements AutoCloseable {
    final Graph g = new Graph();
    final Session s;
    final Ops tf = Ops.create(g);
    final Parameters params = new Parameters(tf);
    final VectorQuantizer vq;
    final Placeholder<TFloat32> ze = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, H, H, D)));
    final Quantized q;

    Rig(VectorQuantizerConfig cfg) {
      vq = new VectorQuantizer(tf, params, "vq", cfg);
      q = vq.quantize(tf, ze);
      s = new Session(g);
    }

    List<float[]> run(float[] input, List<Operand<TFloat32>> fetch, List<Op> targets) {
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(input.length / (H * H * D), H, H, D), DataBuffers.of(input, true, false))) {
        Session.Runner r = s.runner().feed(ze, t);
        fetch.forEach(r::fetch);
        targets.forEach(r::addTarget);
        try (Result res = r.run()) {
          List<float[]> out = new ArrayList<>();
          for (int i = 0; i < fetch.size(); i++) {
            out.add(Feeds.values(res.get(i)));
          }
          return out;
        }
      }
    }

    long[] codes(float[] input) {
      try (TFloat32 t = TFloat32.tensorOf(Shape.of(input.length / (H * H * D), H, H, D), DataBuffers.of(input, true, false));
          Result res = s.runner().feed(ze, t).fetch(q.codes()).run()) {
        TInt64 c = (TInt64) res.get(0);
        long[] v = new long[(int) c.shape().size()];
        c.copyTo(DataBuffers.of(v, false, false));
        return v;
      }
    }

    float[] codebook() {
      try (Result res = s.runner().fetch(vq.codebookValue()).run()) {
        return Feeds.values(res.get(0));
      }
    }

    @Override
    public void close() {
      s.close();
      g.close();
    }
  }

  static double sq(float[] a, int i, float[] e, int k) {
    double s = 0;
    for (int j = 0; j < D; j++) {
      double t = a[i * D + j] - e[k * D + j];
      s += t * t;
    }
    return s;
  }

  static VectorQuantizerConfig cfg(CodebookUpdate u) {
    return VectorQuantizerConfig.defaults().withCodebookSize(K).withDimension(D).withUpdate(u).withSeed(3);
  }

  @Test
  void nearestCodesAndLossTermsMatchBruteForce() {
    try (Rig rig = new Rig(cfg(CodebookUpdate.GRADIENT))) {
      float[] in = randomInputs(1, B * H * H * D);
      float[] e = rig.codebook();
      long[] codes = rig.codes(in);
      List<float[]> out = rig.run(in, List.of(rig.q.quantized(), rig.q.codebookLoss(), rig.q.commitmentLoss()), List.of());
      int m = B * H * H;
      double[] perExample = new double[B];
      for (int i = 0; i < m; i++) {
        int best = 0;
        for (int k = 1; k < K; k++) {
          if (sq(in, i, e, k) < sq(in, i, e, best)) {
            best = k;
          }
        }
        assertThat(codes[i]).as("position %d", i).isEqualTo(best);
        for (int j = 0; j < D; j++) {
          assertThat(out.get(0)[i * D + j]).isCloseTo(e[best * D + j], within(1e-5f));
        }
        perExample[i / (H * H)] += sq(in, i, e, best);
      }
      for (int b = 0; b < B; b++) {
        assertThat((double) out.get(1)[b]).isCloseTo(perExample[b], within(1e-4));
        assertThat((double) out.get(2)[b]).isCloseTo(perExample[b], within(1e-4));
      }
    }
  }

  @Test
  void emaStepsFollowTheFormulasWithLaplaceSmoothing() {
    VectorQuantizerConfig c = cfg(CodebookUpdate.EMA);
    double gamma = c.decay();
    double eps = c.epsilon();
    try (Rig rig = new Rig(c)) {
      List<Op> updates = rig.vq.updates(rig.tf, rig.q, new dev.vaelab.core.distribution.Seed(3, 1));
      float[] in = randomInputs(2, B * H * H * D);
      int m = B * H * H;
      double[] hiddenN = new double[K];
      double[][] hiddenM = new double[K][D];
      for (int step = 1; step <= 2; step++) {
        float[] e = rig.codebook();
        long[] codes = rig.codes(in); // assignments under the codebook before this step
        rig.run(in, List.of(), updates);
        double[] n = new double[K];
        double[][] s = new double[K][D];
        for (int i = 0; i < m; i++) {
          n[(int) codes[i]]++;
          for (int j = 0; j < D; j++) {
            s[(int) codes[i]][j] += in[i * D + j];
          }
        }
        double debias = 1 - Math.pow(gamma, step);
        double total = 0;
        double[] nHat = new double[K];
        for (int k = 0; k < K; k++) {
          hiddenN[k] = gamma * hiddenN[k] + (1 - gamma) * n[k];
          for (int j = 0; j < D; j++) {
            hiddenM[k][j] = gamma * hiddenM[k][j] + (1 - gamma) * s[k][j];
          }
          nHat[k] = hiddenN[k] / debias;
          total += nHat[k];
        }
        float[] after = rig.codebook();
        for (int k = 0; k < K; k++) {
          double smoothed = (nHat[k] + eps) / (total + K * eps) * total;
          for (int j = 0; j < D; j++) {
            double expected = hiddenM[k][j] / debias / smoothed;
            assertThat((double) after[k * D + j]).as("step %d code %d", step, k).isCloseTo(expected, within(1e-4 * Math.max(1, Math.abs(expected))));
          }
        }
        assertThat(e).isNotEqualTo(after);
      }
    }
  }

  @Test
  void straightThroughGradientIsDecoderGradientPlusCommitment() {
    double beta = 0.25;
    try (Rig rig = new Rig(cfg(CodebookUpdate.GRADIENT).withCommitmentCost(beta))) {
      float[] w = randomInputs(7, B * H * H * D);
      Ops tf = rig.tf;
      Operand<TFloat32> wc = tf.constant(org.tensorflow.ndarray.NdArrays.wrap(Shape.of(B, H, H, D), DataBuffers.of(w, true, false)));
      // a "decoder" whose loss is linear in its input: d loss / d z_q = w / B
      Operand<TFloat32> decoderLoss = tf.math.div(tf.reduceSum(tf.math.mul(wc, rig.q.quantized()), tf.constant(new int[] {0, 1, 2, 3})), tf.constant((float) B));
      Operand<TFloat32> loss =
          tf.math.add(tf.math.add(decoderLoss, tf.math.mul(tf.constant((float) beta), tf.math.mean(rig.q.commitmentLoss(), tf.constant(0)))),
              tf.math.mean(rig.q.codebookLoss(), tf.constant(0)));
      var grads = tf.gradients(loss, List.of(rig.ze, rig.params.variable("vq_codebook")));
      float[] in = randomInputs(8, B * H * H * D);
      float[] e = rig.codebook();
      long[] codes = rig.codes(in);
      List<float[]> g = rig.run(in, List.of(grads.dy(0), grads.dy(1)), List.of());
      double[] expectedCodebook = new double[K * D];
      for (int i = 0; i < B * H * H; i++) {
        int k = (int) codes[i];
        for (int j = 0; j < D; j++) {
          double diff = in[i * D + j] - e[k * D + j];
          double expected = w[i * D + j] / B + 2 * beta * diff / B;
          assertThat((double) g.get(0)[i * D + j]).isCloseTo(expected, within(1e-5));
          expectedCodebook[k * D + j] += -2 * diff / B; // codebook loss pulls e_k towards z_e
        }
      }
      for (int i = 0; i < K * D; i++) {
        assertThat((double) g.get(1)[i]).isCloseTo(expectedCodebook[i], within(1e-5));
      }
    }
  }

  @Test
  void perplexityIsKForUniformUseAndOneForASingleCode() {
    try (Rig rig = new Rig(cfg(CodebookUpdate.GRADIENT).withCodebookSize(4))) {
      float[] e = rig.codebook();
      float[] uniform = new float[H * H * D]; // one example, its 4 positions = the 4 codes
      System.arraycopy(e, 0, uniform, 0, 4 * D);
      assertThat((double) rig.run(uniform, List.of(rig.q.perplexity()), List.of()).get(0)[0]).isCloseTo(4.0, within(1e-4));
      float[] single = new float[H * H * D];
      for (int p = 0; p < 4; p++) {
        System.arraycopy(e, 2 * D, single, p * D, D);
      }
      assertThat((double) rig.run(single, List.of(rig.q.perplexity()), List.of()).get(0)[0]).isCloseTo(1.0, within(1e-4));
    }
    assertThat(VectorQuantizer.perplexity(new double[] {5, 5, 5, 5})).isCloseTo(4.0, within(1e-12));
    assertThat(VectorQuantizer.perplexity(new double[] {0, 9, 0})).isCloseTo(1.0, within(1e-12));
  }

  static int used(long[] codes) {
    return (int) java.util.Arrays.stream(codes).distinct().count();
  }

  @Test
  void deadCodeRestartRevivesACollapsedCodebook() {
    for (double threshold : new double[] {0, 0.5}) {
      try (Rig rig = new Rig(cfg(CodebookUpdate.GRADIENT).withCodebookSize(K).withDeadCodeThreshold(threshold))) {
        // collapse: code 0 at the data, the others far away
        float[] far = new float[K * D];
        java.util.Arrays.fill(far, 100f);
        java.util.Arrays.fill(far, 0, D, 0f);
        Placeholder<TFloat32> cb = rig.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(K, D)));
        var assign = rig.tf.assign(rig.vq.codebook(), cb);
        List<Op> updates = rig.vq.updates(rig.tf, rig.q, new dev.vaelab.core.distribution.Seed(3, 5));
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(K, D), DataBuffers.of(far, true, false))) {
          try (Result ignored = rig.s.runner().feed(cb, t).addTarget(assign).run()) {
            // codebook collapsed
          }
        }
        float[] in = randomInputs(11, 8 * H * H * D);
        assertThat(used(rig.codes(in))).isEqualTo(1);
        for (int step = 0; step < 5; step++) {
          rig.run(in, List.of(), updates);
        }
        if (threshold == 0) {
          assertThat(used(rig.codes(in))).as("no restarts: still collapsed").isEqualTo(1);
        } else {
          assertThat(used(rig.codes(in))).as("restarts revive codes").isGreaterThanOrEqualTo(K - 1);
        }
      }
    }
  }

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> VectorQuantizerConfig.defaults().withCodebookSize(0)).hasMessageContaining("K must be >= 1, got 0");
    assertThatThrownBy(() -> VectorQuantizerConfig.defaults().withDecay(1.0)).hasMessageContaining("gamma must be in (0, 1), got 1.0");
    assertThatThrownBy(() -> VectorQuantizerConfig.defaults().withCommitmentCost(-0.1)).hasMessageContaining("beta");
    try (Rig rig = new Rig(cfg(CodebookUpdate.EMA))) {
      assertThat(rig.params.variables()).as("an EMA codebook is not an optimizer parameter").isEmpty();
      assertThatThrownBy(() -> rig.vq.quantize(rig.tf, rig.tf.zeros(rig.tf.constant(new int[] {2, 3}), TFloat32.class)))
          .hasMessageContaining("last dimension D = 4");
    }
  }
}
