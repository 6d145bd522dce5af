package dev.vaelab.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The representation metrics on separable and on shuffled labels, and NMI / ARI against independent computations. */
class RepresentationMetricsTest {
  /** n points per class around 4 well-separated centres in 3-D; labels the class. */
  static double[][] clusters(int n, long seed, int[] labelsOut) {
    double[][] centres = {{0, 0, 0}, {8, 0, 0}, {0, 8, 0}, {0, 0, 8}};
    Random r = new Random(seed);
    double[][] x = new double[4 * n][];
    for (int i = 0; i < x.length; i++) {
      int c = i % 4;
      labelsOut[i] = c;
      x[i] = new double[] {centres[c][0] + r.nextGaussian(), centres[c][1] + r.nextGaussian(), centres[c][2] + r.nextGaussian()};
    }
    return x;
  }

  static int[] shuffled(int[] labels, long seed) {
    int[] out = labels.clone();
    Random r = new Random(seed);
    for (int i = out.length - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = out[i];
      out[i] = out[j];
      out[j] = t;
    }
    return out;
  }

  @Test
  void aLinearProbeAndKnnFindSeparableClassesAndNotShuffledOnes() {
    int[] trainLabels = new int[800];
    int[] testLabels = new int[400];
    double[][] train = clusters(200, 1, trainLabels);
    double[][] test = clusters(100, 2, testLabels);
    assertThat(LinearProbe.of(train, trainLabels, test, testLabels, 10, 3).accuracy()).isGreaterThan(0.99);
    assertThat(NearestNeighbours.of(train, trainLabels, test, testLabels, 5).accuracy()).isGreaterThan(0.99);
    // labels independent of the vectors: chance, 1/4
    LinearProbe chance = LinearProbe.of(train, shuffled(trainLabels, 4), test, shuffled(testLabels, 5), 10, 3);
    assertThat(chance.accuracy()).isLessThan(0.37);
    assertThat(chance.classes()).isEqualTo(4);
    assertThat(NearestNeighbours.of(train, shuffled(trainLabels, 4), test, shuffled(testLabels, 5), 5).accuracy()).isLessThan(0.37);
  }

  @Test
  void nearestNeighboursVoteAsWrittenOnAHandMadeSet() {
    double[][] train = {{0}, {1}, {2}, {10}, {11}};
    int[] labels = {0, 0, 1, 1, 1};
    // x = 1.2: neighbours 1 (0), 2 (1), 0 (0) → label 0 by 2 votes to 1; x = 9: 10, 11, 2 → label 1
    assertThat(NearestNeighbours.of(train, labels, new double[][] {{1.2}, {9}}, new int[] {0, 1}, 3).accuracy()).isEqualTo(1.0);
    // k = 2 at x = 1.6: neighbours 2 (label 1) then 1 (label 0): a tie, given to the closer one's label, 1
    assertThat(NearestNeighbours.of(train, labels, new double[][] {{1.6}}, new int[] {1}, 2).accuracy()).isEqualTo(1.0);
  }

  @Test
  void kMeansRecoversSeparableClassesAndNotShuffledLabels() {
    int[] labels = new int[800];
    double[][] x = clusters(200, 6, labels);
    Clustering c = Clustering.of(x, labels, 7);
    assertThat(c.clusters()).isEqualTo(4);
    assertThat(c.nmi()).isGreaterThan(0.98);
    assertThat(c.ari()).isGreaterThan(0.98);
    Clustering none = Clustering.of(x, shuffled(labels, 8), 7);
    assertThat(none.nmi()).isLessThan(0.02);
    assertThat(Math.abs(none.ari())).isLessThan(0.02);
  }

  @Test
  void nmiAndAriEqualTheirDefinitionsComputedAnotherWay() {
    int[] truth = {0, 0, 0, 1, 1, 1};
    int[] pred = {0, 0, 1, 1, 2, 2};
    // ARI by the Rand index's pair counting: agreements over the 15 pairs, adjusted by its expectation
    // pairs together in both: (0,1), (4,5) → 2; together in truth: 6; in pred: 3; C(6,2) = 15
    double expected = 6.0 * 3 / 15;
    double ari = (2 - expected) / ((6 + 3) / 2.0 - expected);
    assertThat(Clustering.ari(pred, truth)).isCloseTo(ari, within(1e-12));
    assertThat(ari).isCloseTo(0.24242424, within(1e-8)); // the value scikit-learn's documentation gives for this example
    // NMI = 2 (H(U) + H(V) − H(U, V)) / (H(U) + H(V)), entropies of the label lists themselves
    double hTruth = -2 * 0.5 * Math.log(0.5);
    double hPred = -3 * (1.0 / 3) * Math.log(1.0 / 3);
    double hJoint = -(2 * (2.0 / 6) * Math.log(2.0 / 6) + 2 * (1.0 / 6) * Math.log(1.0 / 6));
    double nmi = 2 * (hTruth + hPred - hJoint) / (hTruth + hPred);
    assertThat(Clustering.nmi(pred, truth)).isCloseTo(nmi, within(1e-12));
    assertThat(Clustering.nmi(truth, truth)).isCloseTo(1, within(1e-12));
    assertThat(Clustering.ari(new int[] {1, 1, 0, 0}, new int[] {0, 0, 1, 1})).isCloseTo(1, within(1e-12)); // names do not matter
  }
}
