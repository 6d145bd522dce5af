package dev.vaelab.vq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PixelCnnPriorTest {
  static final int K = 8;
  static final int H = 4;
  static final int W = 5;

  static PixelCnnConfig small() {
    return PixelCnnConfig.defaults(K, H, W).withNetwork(16, 3).withTraining(1e-2, 32);
  }

  static int[] randomMaps(int n, long seed) {
    Random r = new Random(seed);
    int[] m = new int[n * H * W];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextInt(K);
    }
    return m;
  }

  /**
   * The autoregressive property, by perturbation: the conditional at position i must not change when
   * the codes at i or after it (raster order) change, and must change when an earlier code changes —
   * including the one above and to the right (no blind spot).
   */
  @Test
  void theConditionalAtAPositionDependsOnEarlierPositionsOnly() {
    try (PixelCnnPrior prior = PixelCnnPrior.create(small(), 3)) {
      int p = H * W;
      int[] base = randomMaps(1, 11);
      float[] l0 = prior.logits(base, 1);
      Random r = new Random(5);
      for (int i = 0; i < p; i++) {
        int[] later = base.clone();
        for (int j = i; j < p; j++) {
          later[j] = (later[j] + 1 + r.nextInt(K - 1)) % K;
        }
        float[] l1 = prior.logits(later, 1);
        for (int c = 0; c < K; c++) {
          assertThat(l1[i * K + c]).as("logit %d at position %d after changing positions >= %d", c, i, i).isEqualTo(l0[i * K + c]);
        }
      }
      // every earlier position within the receptive field changes position (2, 2): left, above, above-left and above-right
      int target = 2 * W + 2;
      for (int earlier : new int[] {2 * W + 1, W + 1, W + 2, W + 3, 2 * W}) {
        int[] changed = base.clone();
        changed[earlier] = (changed[earlier] + 1) % K;
        float[] l1 = prior.logits(changed, 1);
        double diff = 0;
        for (int c = 0; c < K; c++) {
          diff += Math.abs(l1[target * K + c] - l0[target * K + c]);
        }
        assertThat(diff).as("position %d must see position %d", target, earlier).isGreaterThan(1e-6);
      }
    }
  }

  /** ln P(k) = Σ_i ln softmax(f(k)_i)[k_i], recomputed in plain Java from the logits. */
  @Test
  void logProbOfAMapIsTheSumOfItsPerPositionConditionals() {
    try (PixelCnnPrior prior = PixelCnnPrior.create(small(), 4)) {
      int n = 3;
      int p = H * W;
      int[] maps = randomMaps(n, 12);
      float[] logits = prior.logits(maps, n);
      double[] lp = prior.logProb(maps, n);
      float[] per = prior.logProbPerPosition(maps, n);
      for (int e = 0; e < n; e++) {
        double sum = 0;
        for (int i = 0; i < p; i++) {
          int base = (e * p + i) * K;
          double max = Double.NEGATIVE_INFINITY;
          for (int c = 0; c < K; c++) {
            max = Math.max(max, logits[base + c]);
          }
          double z = 0;
          for (int c = 0; c < K; c++) {
            z += Math.exp(logits[base + c] - max);
          }
          double cond = logits[base + maps[e * p + i]] - max - Math.log(z);
          assertThat((double) per[e * p + i]).isCloseTo(cond, within(1e-5));
          sum += cond;
        }
        assertThat(lp[e]).isCloseTo(sum, within(1e-4));
      }
      assertThat(prior.rate(maps, n)).isCloseTo(-(lp[0] + lp[1] + lp[2]) / 3, within(1e-9));
    }
  }

  /**
   * Maps whose positions all carry one code, uniform over K: an independent prior per position can do
   * no better than P ln K nats, the true distribution has ln K nats. The PixelCNN must learn the
   * dependence (rate near ln K), and its samples must be (nearly) constant maps.
   */
  @Test
  void trainingLearnsTheDependenceBetweenPositionsAndSamplesFollowIt(@TempDir Path dir) {
    int n = 512;
    int p = H * W;
    Random r = new Random(9);
    int[] maps = new int[n * p];
    for (int e = 0; e < n; e++) {
      int code = r.nextInt(K);
      java.util.Arrays.fill(maps, e * p, (e + 1) * p, code);
    }
    double independent = p * Math.log(K);
    try (PixelCnnPrior prior = PixelCnnPrior.create(small(), 6)) {
      double first = prior.rate(maps, n);
      assertThat(first).as("an untrained network is near the uniform rate").isGreaterThan(0.5 * independent);
      double last = 0;
      for (int epoch = 1; epoch <= 12; epoch++) {
        last = prior.trainEpoch(maps, n, 1, epoch);
      }
      double rate = prior.rate(maps, n);
      assertThat(rate).as("rate after training vs ln K = %.3f", Math.log(K)).isLessThan(Math.log(K) + 1.0);
      assertThat(last).isLessThan(first);
      int[] s = prior.sample(50, 77);
      int constant = 0;
      for (int e = 0; e < 50; e++) {
        boolean same = true;
        for (int i = 1; i < p; i++) {
          same &= s[e * p + i] == s[e * p];
        }
        constant += same ? 1 : 0;
      }
      assertThat(constant).as("constant sampled maps out of 50").isGreaterThanOrEqualTo(40);
      assertThat(prior.sample(50, 77)).as("sampling depends on the seed only").isEqualTo(s);

      prior.save(dir, 12);
      try (PixelCnnPrior again = PixelCnnPrior.create(small(), 999)) {
        assertThat(again.restore(dir, w -> {})).isEqualTo(12);
        assertThat(again.rate(maps, n)).isEqualTo(rate);
      }
    }
  }

  @Test
  void badCodesAndSettingsAreNamed() {
    try (PixelCnnPrior prior = PixelCnnPrior.create(small(), 1)) {
      int[] maps = randomMaps(1, 1);
      maps[7] = K;
      assertThatThrownBy(() -> prior.rate(maps, 1)).hasMessageContaining("code 8 at map 0, position 7 is outside 0..7");
      assertThatThrownBy(() -> prior.rate(new int[5], 1)).hasMessageContaining("expected 1 code maps of 20 positions");
    }
    assertThatThrownBy(() -> PixelCnnConfig.defaults(K, H, W).withNetwork(16, 0)).hasMessageContaining("at least 1 layer, got 0");
    assertThatThrownBy(() -> new PixelCnnConfig(K, H, W, 8, 2, 4, 16, 1e-3, 8)).hasMessageContaining("odd and >= 3, got 4");
  }

  /** A fit interrupted after epoch 2 and continued to 3 ends with exactly the numbers of an uninterrupted 3-epoch fit. */
  @Test
  void anInterruptedFitContinuesFromItsCheckpointBitIdentically(@TempDir Path dir) {
    int n = 96;
    int[] train = randomMaps(n, 21);
    int[] test = randomMaps(10, 22);
    List<PixelCnnFit.Epoch> straight;
    double rateStraight;
    try (PixelCnnPrior p = PixelCnnPrior.create(small(), 5)) {
      straight = PixelCnnFit.fit(p, train, n, test, 10, 3, 9, dir.resolve("a"), s -> {});
      rateStraight = p.rate(test, 10);
    }
    try (PixelCnnPrior p = PixelCnnPrior.create(small(), 5)) {
      PixelCnnFit.fit(p, train, n, test, 10, 2, 9, dir.resolve("b"), s -> {});
    }
    try (PixelCnnPrior p = PixelCnnPrior.create(small(), 1234)) { // a fresh process: other initial weights, then restored
      List<String> log = new java.util.ArrayList<>();
      List<PixelCnnFit.Epoch> resumed = PixelCnnFit.fit(p, train, n, test, 10, 3, 9, dir.resolve("b"), log::add);
      assertThat(log.get(0)).contains("continuing after epoch 2 of 3");
      assertThat(resumed).hasSize(3);
      for (int e = 0; e < 3; e++) {
        assertThat(resumed.get(e).trainRate()).isEqualTo(straight.get(e).trainRate());
        assertThat(resumed.get(e).testRate()).isEqualTo(straight.get(e).testRate());
      }
      assertThat(p.rate(test, 10)).isEqualTo(rateStraight);
    }
  }
}
