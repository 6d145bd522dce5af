package dev.vaelab.metrics;

import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.ElasticNetCDTrainer;

/**
 * Disentanglement, completeness and informativeness (Eastwood &amp; Williams 2018) with importances from the lasso — the
 * linear regressor of their paper — fitted by Tribuo's coordinate-descent elastic net with an L1 ratio of 1 (α = 0.01
 * on standardised codes and targets). For each factor k a lasso predicts v_k from all codes (a nominal factor, such as
 * dSprites' shape: one lasso per category, on its indicator); the importance R_ik is |w_ik| (summed over a nominal
 * factor's categories). Then, with P_ik = R_ik / Σ_k' R_ik' and P̃_ik = R_ik / Σ_i' R_i'k:
 *
 * <pre>
 *   D = Σ_i ρ_i (1 − H_K(P_i·)),  ρ_i = Σ_k R_ik / Σ R      (H_K: entropy in base K, the number of factors)
 *   C = Σ_k ρ̃_k (1 − H_D(P̃_·k)), ρ̃_k = Σ_i R_ik / Σ R      (H_D: entropy in base D, the number of codes)
 *   I = the mean over factors of the test R² = 1 − Σ(v − v̂)² / Σ(v − v̄)² of the predictions (a nominal factor: the mean over its indicators)
 * </pre>
 *
 * disentanglement_lib weighs with gradient-boosted trees and reports their accuracy as informativeness; the formulas for
 * D and C are the same. D = C = 1 when each code predicts one factor and each factor is predicted by one code.
 *
 * @param disentanglement D
 * @param completeness C
 * @param informativeness I
 * @param importance R_ik, codes × factors
 */
public record Dci(double disentanglement, double completeness, double informativeness, double[][] importance) {
  /** The lasso's α. */
  public static final double ALPHA = 0.01;
  /** Training points of the protocol. */
  public static final int TRAIN = 10_000;
  /** Test points of the protocol. */
  public static final int TEST = 5_000;

  /**
   * @param nominal which factors are categories without order (one lasso per category)
   */
  public static Dci of(double[][] trainCodes, int[][] trainFactors, double[][] testCodes, int[][] testFactors, boolean[] nominal, long seed) {
    Vectors.requireMatrix(trainCodes, "DCI, training codes", 2);
    Vectors.requireMatrix(testCodes, "DCI, test codes", 2);
    Vectors.requireSameDimension(trainCodes, testCodes, "DCI");
    int d = trainCodes[0].length;
    int k = trainFactors[0].length;
    if (nominal.length != k) {
      throw new IllegalArgumentException("DCI: " + nominal.length + " nominal flags for " + k + " factors");
    }
    Standardisation st = Standardisation.fit(trainCodes);
    double[][] tr = st.apply(trainCodes);
    double[][] te = st.apply(testCodes);
    double[][] r = new double[d][k];
    double informativeness = 0;
    for (int j = 0; j < k; j++) {
      int[] vTrain = Disentanglement.column(trainFactors, j);
      int[] vTest = Disentanglement.column(testFactors, j);
      int categories = 0;
      for (int v : vTrain) {
        categories = Math.max(categories, v + 1);
      }
      int targets = nominal[j] && categories > 2 ? categories : 1;
      double r2 = 0;
      for (int c = 0; c < targets; c++) {
        final int cat = c;
        double[] yTrain = target(vTrain, targets > 1 ? cat : -1);
        double[] yTest = target(vTest, targets > 1 ? cat : -1);
        Fit f = lasso(tr, yTrain, te, seed);
        for (int i = 0; i < d; i++) {
          r[i][j] += Math.abs(f.weights[i]);
        }
        r2 += rSquared(yTest, f.predict(te));
      }
      informativeness += r2 / targets;
    }
    informativeness /= k;
    return new Dci(disentanglement(r), completeness(r), informativeness, r);
  }

  /** D = Σ_i ρ_i (1 − H_K(P_i·)) of an importance matrix R (codes × factors); 0 when R is all zero. */
  static double disentanglement(double[][] r) {
    return weightedOneMinusEntropy(r, false);
  }

  /** C = Σ_k ρ̃_k (1 − H_D(P̃_·k)) of an importance matrix R (codes × factors); 0 when R is all zero. */
  static double completeness(double[][] r) {
    return weightedOneMinusEntropy(r, true);
  }

  /** Σ over rows (or columns) of their share of ΣR times 1 − the entropy of the normalised row (column), in base its length. */
  private static double weightedOneMinusEntropy(double[][] r, boolean columns) {
    int d = r.length;
    int k = r[0].length;
    int outer = columns ? k : d;
    int inner = columns ? d : k;
    double total = 0;
    for (double[] row : r) {
      for (double v : row) {
        total += v;
      }
    }
    if (!(total > 0)) {
      return 0;
    }
    double out = 0;
    for (int a = 0; a < outer; a++) {
      double sum = 0;
      for (int b = 0; b < inner; b++) {
        sum += columns ? r[b][a] : r[a][b];
      }
      if (sum > 0) {
        double[] p = new double[inner];
        for (int b = 0; b < inner; b++) {
          p[b] = (columns ? r[b][a] : r[a][b]) / sum;
        }
        out += sum / total * (1 - entropy(p, inner));
      }
    }
    return out;
  }

  /** Entropy of p in base {@code base} (−Σ p ln p / ln base; 0 ln 0 = 0). */
  static double entropy(double[] p, int base) {
    double h = 0;
    for (double v : p) {
      if (v > 0) {
        h -= v * Math.log(v);
      }
    }
    return h / Math.log(base);
  }

  /** The factor's values, or the indicator of category {@code category} (≥ 0). */
  private static double[] target(int[] v, int category) {
    double[] y = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      y[i] = category >= 0 ? (v[i] == category ? 1 : 0) : v[i];
    }
    return y;
  }

  static double rSquared(double[] y, double[] yHat) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double ss = 0;
    double res = 0;
    for (int i = 0; i < y.length; i++) {
      ss += (y[i] - mean) * (y[i] - mean);
      res += (y[i] - yHat[i]) * (y[i] - yHat[i]);
    }
    return ss > 0 ? 1 - res / ss : 0;
  }

  /** A lasso's weights on the (standardised) codes and its predictions, in the target's own units. */
  private record Fit(double[] weights, Model<Regressor> model, double mean, double scale) {
    double[] predict(double[][] x) {
      MutableDataset<Regressor> data = TribuoData.of(x, i -> new Regressor(Y, 0), new RegressionFactory(), "dci predict");
      List<Prediction<Regressor>> p = model.predict(data);
      double[] out = new double[x.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = p.get(i).getOutput().getValues()[0] * scale + mean;
      }
      return out;
    }
  }

  private static final String Y = "v";

  private static Fit lasso(double[][] x, double[] y, double[][] test, long seed) {
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double ss = 0;
    for (double v : y) {
      ss += (v - mean) * (v - mean);
    }
    double scale = Math.sqrt(ss / y.length);
    if (!(scale > 0)) {
      scale = 1;
    }
    final double m = mean;
    final double s = scale;
    MutableDataset<Regressor> data = TribuoData.of(x, i -> new Regressor(Y, (y[i] - m) / s), new RegressionFactory(), "dci train");
    Model<Regressor> model = new ElasticNetCDTrainer(ALPHA, 1.0, seed).train(data);
    double[] w = new double[x[0].length];
    Map<String, List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>>> top = model.getTopFeatures(-1);
    String[] names = TribuoData.names(w.length);
    for (List<com.oracle.labs.mlrg.olcut.util.Pair<String, Double>> list : top.values()) {
      for (var p : list) {
        int at = java.util.Arrays.asList(names).indexOf(p.getA());
        if (at >= 0) {
          w[at] = p.getB();
        }
      }
    }
    return new Fit(w, model, mean, scale);
  }
}
