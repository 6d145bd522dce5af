package dev.vaelab.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** y[i, j, o] = b_o + Σ_{a, c, q} M[a, c] W[a, c, q, o] x̃[i + a, j + c, q], recomputed in plain Java. */
class MaskedConv2dTest {
  @Test
  void theMaskedConvolutionWithOneSidedPaddingIsTheSumWrittenOut() {
    int h = 4;
    int w = 5;
    int in = 2;
    int out = 3;
    int kh = 2;
    int kw = 3;
    float[] mask = {1, 1, 1, 1, 0, 0}; // the vertical stack of a type-A layer: current row masked
    Random r = new Random(3);
    float[][][][] x = new float[1][h][w][in];
    for (float[][] row : x[0]) {
      for (float[] px : row) {
        for (int q = 0; q < in; q++) {
          px[q] = (float) r.nextGaussian();
        }
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Parameters params = new Parameters(tf);
      MaskedConv2d conv = new MaskedConv2d(params, "m", in, out, kh, kw, mask, 1, 1, 1, 9);
      Operand<TFloat32> y = conv.apply(tf, tf.constant(x));
      List<Operand<TFloat32>> fetch = List.of(y, params.variable("m_W"), params.variable("m_b"));
      Session.Runner runner = s.runner();
      fetch.forEach(runner::fetch);
      try (Result res = runner.run()) {
        float[] yv = dev.vaelab.core.graph.Feeds.values((TFloat32) res.get(0));
        float[] wv = dev.vaelab.core.graph.Feeds.values((TFloat32) res.get(1)); // [kh, kw, in, out]
        float[] bv = dev.vaelab.core.graph.Feeds.values((TFloat32) res.get(2));
        assertThat(res.get(0).shape().asArray()).containsExactly(1, h, w, out); // padTop 1, left/right 1
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            for (int o = 0; o < out; o++) {
              double sum = bv[o];
              for (int a = 0; a < kh; a++) {
                for (int c = 0; c < kw; c++) {
                  int xi = i + a - 1; // one row of padding above, none below
                  int xj = j + c - 1; // one column each side
                  if (mask[a * kw + c] == 0 || xi < 0 || xi >= h || xj < 0 || xj >= w) {
                    continue;
                  }
                  for (int q = 0; q < in; q++) {
                    sum += wv[((a * kw + c) * in + q) * out + o] * x[0][xi][xj][q];
                  }
                }
              }
              assertThat((double) yv[(i * w + j) * out + o]).as("y[%d,%d,%d]", i, j, o).isCloseTo(sum, within(1e-5));
            }
          }
        }
      }
    }
    try (Graph g = new Graph()) {
      Parameters p = new Parameters(Ops.create(g));
      assertThatThrownBy(() -> new MaskedConv2d(p, "b", 1, 1, 2, 2, new float[] {1, 0.5f, 1, 1}, 1, 1, 0, 1))
          .hasMessageContaining("mask values must be 0 or 1, got 0.5");
    }
  }
}
