package dev.vaelab.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class KMeansTest {
  /** Three blobs of 400 points around (0,0,0), (10,0,0), (0,10,10), unit spread. */
  static double[][] blobs(Random r) {
    double[][] centres = {{0, 0, 0}, {10, 0, 0}, {0, 10, 10}};
    double[][] x = new double[1200][3];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < 3; j++) {
        x[i][j] = centres[i / 400][j] + r.nextGaussian();
      }
    }
    return x;
  }

  @Test
  void findsSeparatedBlobsAndPutsEachCentreAtItsPointsMean() {
    double[][] x = blobs(new Random(1));
    for (double tol : new double[] {0, KMeans.TOLERANCE}) {
      KMeans.Clustering c = KMeans.cluster(x, 3, new Random(5), 300, tol);
      for (int blob = 0; blob < 3; blob++) {
        int label = c.labels()[blob * 400];
        for (int i = blob * 400; i < blob * 400 + 400; i++) {
          assertThat(c.labels()[i]).as("point %d", i).isEqualTo(label);
        }
        // the centre is the mean of its blob (recomputed here)
        for (int j = 0; j < 3; j++) {
          double mean = 0;
          for (int i = blob * 400; i < blob * 400 + 400; i++) {
            mean += x[i][j];
          }
          assertThat(c.centres()[label][j]).isCloseTo(mean / 400, within(1e-9));
        }
      }
    }
  }

  @Test
  void everyPointIsLabelledWithItsNearestCentre() {
    Random r = new Random(2);
    double[][] x = new double[5000][7];
    for (double[] row : x) {
      for (int j = 0; j < 7; j++) {
        row[j] = r.nextGaussian() * (1 + j);
      }
    }
    KMeans.Clustering c = KMeans.cluster(x, 6, new Random(3), 40, 0);
    for (int i = 0; i < x.length; i++) {
      int best = 0;
      double bd = Double.POSITIVE_INFINITY;
      for (int m = 0; m < 6; m++) {
        double s = 0;
        for (int j = 0; j < 7; j++) {
          double t = x[i][j] - c.centres()[m][j];
          s += t * t;
        }
        if (s < bd) {
          bd = s;
          best = m;
        }
      }
      assertThat(c.labels()[i]).as("point %d", i).isEqualTo(best);
    }
  }

  @Test
  void theToleranceStopsNoLaterThanTheExactRuleAndTheSeedFixesTheResult() {
    double[][] x = blobs(new Random(9));
    KMeans.Clustering a = KMeans.cluster(x, 3, new Random(11), 300, KMeans.TOLERANCE);
    KMeans.Clustering b = KMeans.cluster(x, 3, new Random(11), 300, KMeans.TOLERANCE);
    assertThat(a.labels()).containsExactly(b.labels());
    assertThatThrownBy(() -> KMeans.cluster(x, 3, new Random(1), 10, -1)).hasMessageContaining("-1");
    assertThatThrownBy(() -> KMeans.cluster(x, 0, new Random(1), 10, 0)).hasMessageContaining("k = 0");
  }

  @Test
  void hamerlysBoundsSkipWorkButNotAnswers() {
    Random r = new Random(8);
    double[][] x = new double[6000][12];
    for (double[] row : x) {
      int c = r.nextInt(7);
      for (int j = 0; j < 12; j++) {
        row[j] = r.nextGaussian() * (0.5 + j % 3) + c * ((j * 7 + c) % 5);
      }
    }
    for (long seed = 0; seed < 3; seed++) {
      KMeans.Clustering plain = KMeans.greedyClustering(x, 7, new Random(seed), false);
      KMeans.Clustering bounded = KMeans.greedyClustering(x, 7, new Random(seed), true);
      assertThat(bounded.labels()).containsExactly(plain.labels());
      for (int m = 0; m < 7; m++) {
        for (int j = 0; j < 12; j++) {
          assertThat(bounded.centres()[m][j]).isCloseTo(plain.centres()[m][j], within(1e-9));
        }
      }
      assertThat(KMeans.labels(x, 7, new Random(seed))).containsExactly(bounded.labels());
    }
  }

  @Test
  void greedySeedingPicksTheBestOfItsDrawsAsRecomputedHere() {
    Random data = new Random(21);
    double[][] x = new double[3000][5];
    for (double[] row : x) {
      int c = data.nextInt(6);
      for (int j = 0; j < 5; j++) {
        row[j] = 3 * c * ((j + c) % 2) + data.nextGaussian();
      }
    }
    int k = 6;
    int trials = 2 + (int) Math.log(k); // scikit-learn's number of local trials
    for (long seed = 0; seed < 3; seed++) {
      // greedy k-means++ written out with exact distances, drawing from a Random of the same seed
      Random r = new Random(seed);
      double[][] expected = new double[k][];
      expected[0] = x[r.nextInt(x.length)];
      double[] dist = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        dist[i] = squared(x[i], expected[0]);
      }
      for (int m = 1; m < k; m++) {
        double total = 0;
        for (double v : dist) {
          total += v;
        }
        double bestPotential = Double.POSITIVE_INFINITY;
        int best = -1;
        for (int t = 0; t < trials; t++) {
          double u = r.nextDouble() * total;
          int pick = x.length - 1;
          for (int i = 0; i < x.length; i++) {
            u -= dist[i];
            if (u < 0) {
              pick = i;
              break;
            }
          }
          double potential = 0;
          for (int i = 0; i < x.length; i++) {
            potential += Math.min(dist[i], squared(x[i], x[pick]));
          }
          if (potential < bestPotential) {
            bestPotential = potential;
            best = pick;
          }
        }
        expected[m] = x[best];
        for (int i = 0; i < x.length; i++) {
          dist[i] = Math.min(dist[i], squared(x[i], expected[m]));
        }
      }
      double[][] got = KMeansPlusPlus.greedy(x, k, new Random(seed));
      for (int m = 0; m < k; m++) {
        assertThat(got[m]).as("seed %d centre %d", seed, m).containsExactly(expected[m]);
      }
    }
  }

  private static double squared(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += (a[j] - b[j]) * (a[j] - b[j]);
    }
    return s;
  }
}
