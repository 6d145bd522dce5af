package dev.vaelab.core.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.testing.GraphRunner;
import org.junit.jupiter.api.Test;

class LogSumExpTest {

  static double javaLse(double... a) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) {
      m = Math.max(m, v);
    }
    double s = 0;
    for (double v : a) {
      s += Math.exp(v - m);
    }
    return m + Math.log(s);
  }

  @Test
  void logSumExpOnEveryAxisOfANonSquareInputMatchesPlainJava() {
    float[][] a = {{1000f, 999f, 998f, 1000.5f}, {-1000f, -1001f, -999.5f, -1000f}, {0f, 1f, 2f, 3f}};
    float[] axis1 = GraphRunner.run(tf -> LogSumExp.logSumExp(tf, tf.constant(a), 1));
    float[] axis0 = GraphRunner.run(tf -> LogSumExp.logSumExp(tf, tf.constant(a), 0));
    assertThat(axis1).hasSize(3);
    assertThat(axis0).hasSize(4);
    for (int i = 0; i < 3; i++) {
      double[] row = new double[4];
      for (int j = 0; j < 4; j++) {
        row[j] = a[i][j];
      }
      assertThat((double) axis1[i]).isCloseTo(javaLse(row), within(1e-3));
    }
    for (int j = 0; j < 4; j++) {
      double expected = javaLse(a[0][j], a[1][j], a[2][j]);
      assertThat((double) axis0[j]).isCloseTo(expected, within(1e-3));
    }
  }

  @Test
  void squareInputIsReducedAlongTheRequestedAxis() {
    // the framework's keepDims=false path silently gives wrong numbers here (TFJAVA.md)
    float[][] a = {{1f, 2f, 3f}, {10f, 20f, 30f}, {-1f, -2f, -3f}};
    float[] axis1 = GraphRunner.run(tf -> LogSumExp.logSumExp(tf, tf.constant(a), 1));
    for (int i = 0; i < 3; i++) {
      assertThat((double) axis1[i]).isCloseTo(javaLse(a[i][0], a[i][1], a[i][2]), within(1e-4));
    }
  }

  @Test
  void logMeanExpOnAMiddleAxisIsStableAtPlusMinusThousand() {
    float[][][] a = new float[2][5][3];
    for (int i = 0; i < 2; i++) {
      for (int k = 0; k < 5; k++) {
        for (int j = 0; j < 3; j++) {
          a[i][k][j] = (i == 0 ? 1000f : -1000f) + 0.7f * k - 0.3f * j;
        }
      }
    }
    float[] out = GraphRunner.run(tf -> LogSumExp.logMeanExp(tf, tf.constant(a), 1));
    assertThat(out).hasSize(6);
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        double[] v = new double[5];
        for (int k = 0; k < 5; k++) {
          v[k] = a[i][k][j];
        }
        double expected = javaLse(v) - Math.log(5);
        assertThat(Float.isFinite(out[i * 3 + j])).isTrue();
        assertThat((double) out[i * 3 + j]).isCloseTo(expected, within(1e-3));
      }
    }
  }

  @Test
  void hostSideLogSumExpHandlesMinusInfinity() {
    assertThat(LogSumExp.logSumExp(new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}))
        .isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(LogSumExp.logSumExp(new double[] {-1e4, Math.log(2) - 1e4})).isCloseTo(Math.log(3) - 1e4, within(1e-9));
  }
}
