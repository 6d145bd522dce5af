package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.nn.Parameters;
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

/**
 * Issue 27: FactorVAE's density-ratio estimate of the total correlation against its closed form for a correlated
 * Gaussian, TC = I(z₁; z₂) = −½ ln(1 − ρ²), and the dimension-wise permutation.
 */
class TcDiscriminatorTest {
  static float[] correlated(int n, double rho, Random r) {
    float[] z = new float[2 * n];
    for (int i = 0; i < n; i++) {
      double a = r.nextGaussian();
      double b = rho * a + Math.sqrt(1 - rho * rho) * r.nextGaussian();
      z[2 * i] = (float) a;
      z[2 * i + 1] = (float) b;
    }
    return z;
  }

  static double estimate(double rho, int steps) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      TcDiscriminator d = new TcDiscriminator(new Parameters(tf), 2, new long[] {64, 64}, 5);
      Operand<TFloat32> loss = d.loss(tf, z, new Seed.Sequence(3, tf.constant(0L)).next());
      List<Op> step = AdamStep.minimise(tf, loss, d.variables(), 3e-3, 0.5, 0.9, "test_adam");
      Operand<TFloat32> tc = d.tc(tf, z);
      Random r = new Random(11);
      int batch = 512;
      for (int i = 0; i < steps; i++) {
        try (TFloat32 x = TFloat32.tensorOf(Shape.of(batch, 2), DataBuffers.of(correlated(batch, rho, r), true, false))) {
          Session.Runner run = s.runner().feed(z, x);
          step.forEach(run::addTarget);
          run.run().close();
        }
      }
      int n = 20_000;
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(n, 2), DataBuffers.of(correlated(n, rho, r), true, false));
          Result res = s.runner().feed(z, x).fetch(tc).run()) {
        return ((TFloat32) res.get(0)).getFloat();
      }
    }
  }

  @Test
  void theDiscriminatorsEstimateIsTheClosedFormTotalCorrelation() {
    double rho = 0.8;
    assertThat(estimate(rho, 700)).isCloseTo(-0.5 * Math.log(1 - rho * rho), within(0.08)); // 0.511 nats
    assertThat(estimate(0.0, 300)).isCloseTo(0.0, within(0.05));
  }

  @Test
  void thePermutationKeepsEachColumnsValuesAndBreaksTheirPairing() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      int n = 200;
      float[][] z = new float[n][3];
      for (int i = 0; i < n; i++) {
        z[i] = new float[] {i, 1000 + i, 2000 + i};
      }
      Operand<TFloat32> p = TcDiscriminator.permuteDimensions(tf, tf.constant(z), new Seed.Sequence(9, tf.constant(0L)).next());
      try (Result r = s.runner().fetch(p).run()) {
        float[] v = new float[n * 3];
        ((TFloat32) r.get(0)).copyTo(DataBuffers.of(v, false, false));
        int together = 0;
        for (int j = 0; j < 3; j++) {
          java.util.Set<Float> col = new java.util.TreeSet<>();
          for (int i = 0; i < n; i++) {
            col.add(v[i * 3 + j]);
          }
          assertThat(col).hasSize(n).contains(1000f * j, 1000f * j + n - 1); // a permutation of the column
        }
        for (int i = 0; i < n; i++) {
          together += v[i * 3] + 1000 == v[i * 3 + 1] ? 1 : 0;
        }
        assertThat(together).isLessThan(10); // rows no longer hold together (≈ 1 by chance)
      }
    }
  }
}
