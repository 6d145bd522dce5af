package dev.vaelab.gaussian.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.graph.Feeds;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Issue 28: the masked autoregressive flow's density integrates to 1, agrees between Java and TensorFlow, and samples what it fits. */
class MafTest {
  /** Two Gaussian clusters (1D: at −2 and 1.5; 2D: the second coordinate bent by the first). */
  static float[] data(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n * d];
    for (int i = 0; i < n; i++) {
      double a = r.nextBoolean() ? -2 + 0.5 * r.nextGaussian() : 1.5 + 0.8 * r.nextGaussian();
      x[i * d] = (float) a;
      if (d == 2) {
        x[i * d + 1] = (float) (0.5 * a * a - 1 + 0.3 * r.nextGaussian());
      }
    }
    return x;
  }

  static final MafFit SMALL = new MafFit(3, 32, 30, 1500);

  @Test
  void densityIntegratesToOneInOneDimension() {
    Maf maf = SMALL.fit(data(2000, 1, 1), 2000, 1, 7);
    double h = 0.002;
    double sum = 0;
    for (double x = -15; x <= 15; x += h) {
      sum += Math.exp(maf.logDensity(new double[] {x})) * h;
    }
    assertThat(sum).isCloseTo(1.0, within(2e-3));
  }

  @Test
  void densityIntegratesToOneInTwoDimensionsAndFitsTheData() {
    float[] x = data(3000, 2, 2);
    Maf maf = SMALL.fit(x, 3000, 2, 8);
    double h = 0.04;
    double sum = 0;
    for (double a = -10; a <= 10; a += h) {
      for (double b = -10; b <= 20; b += h) {
        sum += Math.exp(maf.logDensity(new double[] {a, b})) * h * h;
      }
    }
    assertThat(sum).isCloseTo(1.0, within(1e-2));
    // the fit is better than the best single Gaussian's average log-density on the same points
    double fitted = 0;
    for (int i = 0; i < 3000; i++) {
      fitted += maf.logDensity(new double[] {x[2 * i], x[2 * i + 1]});
    }
    assertThat(fitted / 3000).isGreaterThan(gaussianLogLikelihood(x, 3000) + 0.3);
  }

  @Test
  void samplesFollowTheDensityAndTensorFlowGivesTheSameDensity() {
    float[] x = data(3000, 2, 3);
    Maf maf = SMALL.fit(x, 3000, 2, 9);
    // each transform's inverse undoes its forward map
    Random rnd = new Random(5);
    for (MafTransform t : maf.transforms()) {
      for (int rep = 0; rep < 20; rep++) {
        double[] u = {rnd.nextGaussian(), rnd.nextGaussian()};
        double[] back = new double[2];
        t.forward(t.inverse(u), back);
        assertThat(back[0]).isCloseTo(u[0], within(1e-9));
        assertThat(back[1]).isCloseTo(u[1], within(1e-9));
      }
    }
    double h = 0.04;
    double m0 = 0;
    for (double a = -10; a <= 10; a += h) {
      for (double b = -10; b <= 20; b += h) {
        m0 += a * Math.exp(maf.logDensity(new double[] {a, b})) * h * h;
      }
    }
    // the samples' mean is the density's, integrated on the grid (the sampler draws from the density it reports)
    float[] s = maf.sample(20000, 4);
    assertThat(mean(s, 2)[0]).isCloseTo(m0, within(0.03));
    // ln p at [k = 2, batch = 3, d = 2] points, in a graph of constants, against plain Java
    float[] z = {-2f, 1f, 0.3f, -0.7f, 1.5f, 0.2f, 0f, 0f, -3f, 3f, 2f, 1f};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> v = tf.constant(Shape.of(2, 3, 2), DataBuffers.of(z));
      Operand<TFloat32> lp = maf.logProb(tf, v);
      Operand<TFloat32> back = maf.fromNoise(tf, tf.constant(Shape.of(2, 3, 2), DataBuffers.of(z)));
      try (Session sess = new Session(g); Result r = sess.runner().fetch(lp).fetch(back).run()) {
        float[] got = Feeds.values(r.get(0));
        float[] xs = Feeds.values(r.get(1));
        for (int i = 0; i < 6; i++) {
          assertThat((double) got[i]).isCloseTo(maf.logDensity(new double[] {z[2 * i], z[2 * i + 1]}), within(1e-3));
        }
        // fromNoise is the inverse of the density's map: the Java sampler's inverse of the same noise
        float[] again = inverseOf(maf, z);
        for (int i = 0; i < 12; i++) {
          assertThat((double) xs[i]).isCloseTo(again[i], within(1e-3));
        }
      }
    }
  }

  /** x = T⁻¹(u) in plain Java, for each pair of u. */
  static float[] inverseOf(Maf maf, float[] u) {
    float[] out = new float[u.length];
    for (int i = 0; i < u.length / 2; i++) {
      double[] v = {u[2 * i], u[2 * i + 1]};
      for (int k = maf.transforms().size() - 1; k >= 0; k--) {
        v = maf.transforms().get(k).inverse(v);
      }
      out[2 * i] = (float) (v[0] * maf.scale()[0] + maf.shift()[0]);
      out[2 * i + 1] = (float) (v[1] * maf.scale()[1] + maf.shift()[1]);
    }
    return out;
  }

  static double[] mean(float[] x, int d) {
    double[] m = new double[d];
    int n = x.length / d;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        m[j] += x[i * d + j] / (double) n;
      }
    }
    return m;
  }

  /** The average log-density of the maximum-likelihood full-covariance Gaussian of 2D points. */
  static double gaussianLogLikelihood(float[] x, int n) {
    double[] m = mean(x, 2);
    double a = 0, b = 0, c = 0;
    for (int i = 0; i < n; i++) {
      double u = x[2 * i] - m[0];
      double v = x[2 * i + 1] - m[1];
      a += u * u / n;
      b += u * v / n;
      c += v * v / n;
    }
    double det = a * c - b * b;
    // the average Mahalanobis term of the ML fit is exactly d = 2
    return -0.5 * 2 - Math.log(2 * Math.PI) - 0.5 * Math.log(det);
  }
}
