package dev.vaelab.iwae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Elbo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * MIWAE, PIWAE and CIWAE (Rainforth et al. 2018) on the linear-Gaussian model whose ln p(y) is known
 * exactly ({@link Ppca}): their special cases value by value on the same noise, the exact posterior,
 * PIWAE's split gradient, and the signal-to-noise ratios the paper is about.
 */
class RainforthVariantsTest {
  /** A posterior that is off: the bounds differ from ln p(y) and from each other. */
  static final ModelSpec OFF = Ppca.spec(0.7, 0.3, 0.5);
  static final int R = 200;

  static void assertSame(float[][] a, float[][] b, String what) {
    for (int p = 0; p < a.length; p++) {
      for (int r = 0; r < a[p].length; r++) {
        assertThat((double) a[p][r]).as("%s, point %d replica %d", what, p, r).isCloseTo(b[p][r], within(1e-4 * Math.abs(b[p][r]) + 1e-5));
      }
    }
  }

  @Test
  void miwaeWithOneBoundIsIwaeAndWithOneSampleIsTheAveragedElbo() {
    assertSame(ImportanceWeightedBoundTest.bounds(OFF, new MiwaeBound(1, 6), R, 3),
        ImportanceWeightedBoundTest.bounds(OFF, ImportanceWeightedBound.of(6), R, 3), "MIWAE(M=1, K=6) vs IWAE(6)");
    float[][] miwae = ImportanceWeightedBoundTest.bounds(OFF, new MiwaeBound(6, 1), R, 3);
    assertSame(miwae, ImportanceWeightedBoundTest.bounds(OFF, new CiwaeBound(6, 1.0), R, 3), "MIWAE(M=6, K=1) vs CIWAE(6, β=1)");
    // and the averaged ELBO's expectation is the analytic ELBO
    float[][] elbo = ImportanceWeightedBoundTest.bounds(OFF, Elbo.standard(), 4000, 5);
    for (int p = 0; p < Ppca.YS.length; p++) {
      assertThat(ImportanceWeightedBoundTest.mean(miwae[p]))
          .isCloseTo(ImportanceWeightedBoundTest.mean(elbo[p]), within(4 * ImportanceWeightedBoundTest.se(miwae[p]) + 0.02));
    }
  }

  @Test
  void ciwaeIsTheElboAtBetaOneTheIwaeBoundAtZeroAndLinearInBetween() {
    float[][] b1 = ImportanceWeightedBoundTest.bounds(OFF, new CiwaeBound(5, 1.0), R, 9);
    float[][] b0 = ImportanceWeightedBoundTest.bounds(OFF, new CiwaeBound(5, 0.0), R, 9);
    float[][] half = ImportanceWeightedBoundTest.bounds(OFF, new CiwaeBound(5, 0.3), R, 9);
    assertSame(b0, ImportanceWeightedBoundTest.bounds(OFF, ImportanceWeightedBound.of(5), R, 9), "CIWAE(β=0) vs IWAE");
    assertSame(b1, ImportanceWeightedBoundTest.bounds(OFF, new MiwaeBound(5, 1), R, 9), "CIWAE(β=1) vs the 5-sample ELBO");
    float[][] mix = new float[b1.length][R];
    for (int p = 0; p < b1.length; p++) {
      for (int r = 0; r < R; r++) {
        mix[p][r] = (float) (0.3 * b1[p][r] + 0.7 * b0[p][r]);
        // Jensen: the mean of the log-weights never exceeds the log of their mean
        assertThat(b1[p][r]).isLessThanOrEqualTo(b0[p][r] + 1e-4f);
      }
    }
    assertSame(half, mix, "CIWAE(β=0.3) vs 0.3·ELBO + 0.7·IWAE");
  }

  @Test
  void withTheExactPosteriorEveryVariantIsTheLogLikelihood() {
    ModelSpec exact = Ppca.spec(1, 0, 0);
    for (var objective : List.of(new MiwaeBound(4, 3), new PiwaeBound(4, 3), new CiwaeBound(7, 0.5))) {
      float[][] b = ImportanceWeightedBoundTest.bounds(exact, objective, 10, 1);
      for (int p = 0; p < Ppca.YS.length; p++) {
        double truth = Ppca.exactLogLikelihood(Ppca.YS[p]);
        for (float v : b[p]) {
          assertThat((double) v).as("%s point %d", objective.name(), p).isCloseTo(truth, within(2e-4 * Math.abs(truth) + 1e-4));
        }
      }
    }
  }

  @Test
  void miwaeLiesBetweenTheElboAndTheIwaeBoundOfAllItsSamples() {
    float[][] elbo = ImportanceWeightedBoundTest.bounds(OFF, Elbo.standard(), 2000, 11);
    float[][] miwae = ImportanceWeightedBoundTest.bounds(OFF, new MiwaeBound(4, 4), 2000, 11);
    float[][] iwae = ImportanceWeightedBoundTest.bounds(OFF, ImportanceWeightedBound.of(16), 2000, 11);
    for (int p = 0; p < Ppca.YS.length; p++) {
      double e = ImportanceWeightedBoundTest.mean(elbo[p]);
      double m = ImportanceWeightedBoundTest.mean(miwae[p]);
      double i = ImportanceWeightedBoundTest.mean(iwae[p]);
      assertThat(m).as("point %d", p).isGreaterThan(e).isLessThan(i);
      assertThat(i).isLessThan(Ppca.exactLogLikelihood(Ppca.YS[p]));
    }
  }

  @Test
  void piwaeGivesTheDecoderTheIwaeGradientAndTheEncoderTheMiwaeGradient() {
    int m = 4;
    int k = 3;
    List<float[]> piwae = DregGradientTest.gradients(new PiwaeBound(m, k), 0.4, 0.7, 21);
    List<float[]> miwae = DregGradientTest.gradients(new MiwaeBound(m, k), 0.4, 0.7, 21);
    List<float[]> iwae = DregGradientTest.gradients(ImportanceWeightedBound.of(m * k), 0.4, 0.7, 21);
    for (int part = 0; part < 2; part++) { // μ and ln σ²: the encoder
      assertClose(piwae.get(part), miwae.get(part), "encoder part " + part);
    }
    assertClose(piwae.get(2), iwae.get(2), "decoder bias");
    // and the two targets differ, so the test can tell them apart
    assertThat(Math.abs(miwae.get(2)[0] - iwae.get(2)[0])).isGreaterThan(1e-3f);
  }

  static void assertClose(float[] a, float[] b, String what) {
    double scale = 0;
    for (float x : b) {
      scale = Math.max(scale, Math.abs(x));
    }
    for (int i = 0; i < a.length; i++) {
      assertThat((double) a[i]).as("%s [%d]", what, i).isCloseTo(b[i], within(1e-4 * scale + 1e-6));
    }
  }

  /** SNR_j = |mean| / sd over the R replicas (independent draws) of the μ gradient, averaged over j. */
  static double encoderSnr(List<float[]> grads) {
    double total = 0;
    for (int j = 0; j < Ppca.d; j++) {
      double[] c = DregGradientTest.column(grads.get(0), j);
      total += Math.abs(DregGradientTest.mean(c)) / Math.sqrt(DregGradientTest.var(c));
    }
    return total / Ppca.d;
  }

  @Test
  void theEncodersSignalToNoiseRatioFallsWithKAndRecoversWithM() {
    double iwae64 = encoderSnr(DregGradientTest.gradients(ImportanceWeightedBound.of(64), 0.4, 0.7, 31));
    double iwae4 = encoderSnr(DregGradientTest.gradients(ImportanceWeightedBound.of(4), 0.4, 0.7, 31));
    double miwae = encoderSnr(DregGradientTest.gradients(new MiwaeBound(16, 4), 0.4, 0.7, 31));
    // Rainforth et al., Theorem 1: SNR = O(√M / √K) for the encoder
    assertThat(iwae64).isLessThan(iwae4 / 2);
    assertThat(miwae).isGreaterThan(iwae64 * 2);
  }

  @Test
  void badSettingsNameTheValue() {
    assertThatThrownBy(() -> new MiwaeBound(0, 4)).hasMessageContaining("M must be >= 1, got 0");
    assertThatThrownBy(() -> new PiwaeBound(2, 0)).hasMessageContaining("K must be >= 1, got 0");
    assertThatThrownBy(() -> new CiwaeBound(5, 1.5)).hasMessageContaining("β must be in [0, 1], got 1.5");
  }
}
