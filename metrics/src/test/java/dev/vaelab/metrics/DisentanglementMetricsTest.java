package dev.vaelab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: the disentanglement metrics on synthetic codes whose answer is known — a code equal to the factors scores
 * (near) the maximum, a random rotation of it lower, noise near 0 — and mutual information against counting.
 */
class DisentanglementMetricsTest {
  static final int[] SIZES = {3, 6, 8, 10};

  /** Codes made from the factors by {@code map} (one row per observation). */
  static FactorRepresentation rep(java.util.function.Function<int[], double[]> map) {
    return new FactorRepresentation() {
      @Override
      public int[] factorSizes() {
        return SIZES;
      }

      @Override
      public double[][] codes(int[][] factors) {
        double[][] out = new double[factors.length][];
        for (int i = 0; i < factors.length; i++) {
          out[i] = map.apply(factors[i]);
        }
        return out;
      }
    };
  }

  static double[] scaled(int[] f) {
    double[] z = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      z[k] = (f[k] - (SIZES[k] - 1) / 2.0) / SIZES[k]; // each factor centred, comparable spread
    }
    return z;
  }

  /** A fixed random rotation of R⁴ (Gram–Schmidt of a Gaussian matrix). */
  static double[][] rotation(long seed) {
    Random r = new Random(seed);
    double[][] q = new double[4][4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        q[i][j] = r.nextGaussian();
      }
      for (int p = 0; p < i; p++) {
        double dot = 0;
        for (int j = 0; j < 4; j++) {
          dot += q[i][j] * q[p][j];
        }
        for (int j = 0; j < 4; j++) {
          q[i][j] -= dot * q[p][j];
        }
      }
      double n = 0;
      for (int j = 0; j < 4; j++) {
        n += q[i][j] * q[i][j];
      }
      for (int j = 0; j < 4; j++) {
        q[i][j] /= Math.sqrt(n);
      }
    }
    return q;
  }

  static final double[][] Q = rotation(11);
  static final FactorRepresentation IDENTITY = rep(DisentanglementMetricsTest::scaled);
  static final FactorRepresentation ROTATED = rep(f -> {
    double[] z = scaled(f);
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        out[i] += Q[i][j] * z[j];
      }
    }
    return out;
  });
  static final Random NOISE = new Random(5);
  static final FactorRepresentation NOISE_CODES = rep(f -> new double[] {NOISE.nextGaussian(), NOISE.nextGaussian(), NOISE.nextGaussian(),
      NOISE.nextGaussian()});
  static final boolean[] NOMINAL = {true, false, false, false};

  @Test
  void mutualInformationIsTheCountedEntropiesDifference() {
    Random r = new Random(3);
    int[] a = new int[500];
    int[] b = new int[500];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextInt(4);
      b[i] = (a[i] + (r.nextInt(3) == 0 ? 1 : 0)) % 5; // dependent on a
    }
    // I(A;B) = H(A) + H(B) − H(A,B), each entropy counted here from scratch
    double hab = entropyOfCounts(pairs(a, b));
    double expected = entropyOfCounts(a) + entropyOfCounts(b) - hab;
    assertThat(MutualInformation.of(a, b)).isCloseTo(expected, within(1e-12));
    assertThat(MutualInformation.entropy(a)).isCloseTo(entropyOfCounts(a), within(1e-12));
    assertThat(MutualInformation.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0})).isCloseTo(Math.log(2), within(1e-15));
    assertThat(MutualInformation.of(new int[] {0, 1, 0, 1}, new int[] {0, 0, 1, 1})).isCloseTo(0, within(1e-15));
    // numpy's histogram: 5 equal bins on [0, 10], the maximum in the last
    assertThat(MutualInformation.histogram(new double[] {0, 1.99, 2, 5, 9.99, 10}, 5)).containsExactly(0, 0, 1, 2, 4, 4);
  }

  static int[] pairs(int[] a, int[] b) {
    int[] out = new int[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] * 100 + b[i];
    }
    return out;
  }

  static double entropyOfCounts(int[] x) {
    Map<Integer, Integer> c = new java.util.HashMap<>();
    for (int v : x) {
      c.merge(v, 1, Integer::sum);
    }
    double h = 0;
    for (int n : c.values()) {
      double p = (double) n / x.length;
      h -= p * Math.log(p);
    }
    return h;
  }

  static Map<String, Object> all(FactorRepresentation rep) {
    return Disentanglement.evaluate(rep, NOMINAL, Disentanglement.NAMES, 0.1, 7);
  }

  @Test
  void theFactorsThemselvesScoreNearTheMaximumARotationLowerAndNoiseNearZero() {
    Map<String, Object> id = all(IDENTITY);
    Map<String, Object> rot = all(ROTATED);
    Map<String, Object> noise = all(NOISE_CODES);
    // MIG: each factor in its own code, losslessly (1 but for the estimator's small positive bias on independent pairs)
    assertThat((Double) id.get("mig")).isGreaterThan(0.85);
    assertThat((Double) rot.get("mig")).isLessThan((Double) id.get("mig") - 0.3);
    assertThat((Double) noise.get("mig")).isLessThan(0.05);
    // SAP
    assertThat((Double) id.get("sap")).isGreaterThan((Double) rot.get("sap") + 0.1);
    assertThat((Double) noise.get("sap")).isLessThan(0.05);
    // DCI: each code predicts one factor, each factor one code
    assertThat((Double) id.get("dci_disentanglement")).isGreaterThan(0.9);
    assertThat((Double) id.get("dci_completeness")).isGreaterThan(0.9);
    assertThat((Double) rot.get("dci_disentanglement")).isLessThan((Double) id.get("dci_disentanglement") - 0.3);
    assertThat((Double) noise.get("dci_informativeness")).isLessThan(0.05);
    assertThat((Double) id.get("dci_informativeness")).isGreaterThan(0.7); // a linear read-out of v_k (shape through its indicators)
    // FactorVAE: fixing a factor zeroes exactly its code's variance, so every vote is right
    assertThat(id.get("factorvae_score")).isEqualTo(1.0);
    // (a rotation can keep it at 1: each fixed factor still lowers one code most, consistently — the score needs no axis alignment
    // beyond that, a known property of the FactorVAE score)
    assertThat((Double) noise.get("factorvae_score")).isLessThan(0.5); // chance: 1/4 (the majority vote fits noise a little)
    // β-VAE score: the shared factor's code differs by 0
    assertThat((Double) id.get("betavae_score")).isGreaterThan(0.95);
    assertThat((Double) noise.get("betavae_score")).isLessThan(0.45);
  }

  @Test
  void dciWeightsAreTheEntropyFormulaOnAKnownImportanceMatrix() {
    // a perfectly diagonal importance: D = C = 1; a uniform one: D = C = 0 (entropy = log base)
    assertThat(Dci.entropy(new double[] {1, 0, 0}, 3)).isEqualTo(0.0);
    assertThat(Dci.entropy(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 3)).isCloseTo(1.0, within(1e-12));
    assertThat(Dci.rSquared(new double[] {1, 2, 3}, new double[] {1, 2, 3})).isEqualTo(1.0);
    // R = [[1, 0], [1, 1]] (codes × factors), worked out by hand: code 0 predicts factor 0 alone (1 − H = 1, share 1/3),
    // code 1 both equally (1 − H = 0, share 2/3): D = 1/3; factor 0 is spread over both codes (0, share 2/3), factor 1 on
    // code 1 alone (1, share 1/3): C = 1/3
    double[][] r = {{1, 0}, {1, 1}};
    assertThat(Dci.disentanglement(r)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(Dci.completeness(r)).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(Dci.disentanglement(new double[][] {{2, 0, 0}, {0, 3, 0}})).isCloseTo(1.0, within(1e-12));
    assertThat(Dci.completeness(new double[][] {{2, 0, 0}, {0, 3, 0}})).isCloseTo(1.0, within(1e-12)); // factor 2 unexplained: no weight
    assertThat(Dci.disentanglement(new double[][] {{1, 1}, {1, 1}})).isCloseTo(0.0, within(1e-12));
    assertThat(Dci.rSquared(new double[] {1, 2, 3}, new double[] {2, 2, 2})).isEqualTo(0.0);
  }

  @Test
  void migRefusesMismatchedRowsAndASingleCode() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mig.of(new double[][] {{1}, {2}}, new int[][] {{0}, {1}}, 20))
        .hasMessageContaining("at least 2 codes");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Mig.of(new double[][] {{1, 2}, {2, 3}}, new int[][] {{0}}, 20))
        .hasMessageContaining("2 code rows but 1 factor rows");
    assertThat(Disentanglement.NAMES).containsExactly("mig", "dci", "sap", "factorvae", "betavae");
  }
}
