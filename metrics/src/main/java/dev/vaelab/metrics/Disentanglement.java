package dev.vaelab.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The disentanglement metrics of a model on data with known factors, by name — {@code mig}, {@code dci}, {@code sap},
 * {@code factorvae}, {@code betavae} — on the protocol of disentanglement_lib (points, bins, splits: the constants of
 * each metric's class), results under the keys {@code mig}, {@code dci_disentanglement}, {@code dci_completeness},
 * {@code dci_informativeness}, {@code sap}, {@code factorvae_score}, {@code betavae_score}.
 */
public final class Disentanglement {
  /** The names {@code --metrics} takes. */
  public static final List<String> NAMES = List.of("mig", "dci", "sap", "factorvae", "betavae");

  private Disentanglement() {}

  /**
   * @param nominal which factors are categories without order (for DCI)
   * @param scale multiplies every protocol's number of points and votes (1: disentanglement_lib's; smaller for quick checks)
   */
  public static Map<String, Object> evaluate(FactorRepresentation rep, boolean[] nominal, List<String> which, double scale, long seed) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!(scale > 0)) {
      throw new IllegalArgumentException("the protocol's scale must be > 0, got " + scale);
    }
    for (String w : which) {
      if (!NAMES.contains(w)) {
        throw new IllegalArgumentException("unknown disentanglement metric '" + w + "'; the names are " + NAMES);
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    if (which.contains("mig")) {
      int[][] f = rep.sample(n(Mig.POINTS, scale), random);
      out.put("mig", Mig.of(rep.codes(f), f, Mig.BINS).score());
    }
    if (which.contains("dci") || which.contains("sap")) {
      int[][] ftr = rep.sample(n(Dci.TRAIN, scale), random);
      int[][] fte = rep.sample(n(Dci.TEST, scale), random);
      double[][] ztr = rep.codes(ftr);
      double[][] zte = rep.codes(fte);
      if (which.contains("dci")) {
        Dci dci = Dci.of(ztr, ftr, zte, fte, nominal, seed);
        out.put("dci_disentanglement", dci.disentanglement());
        out.put("dci_completeness", dci.completeness());
        out.put("dci_informativeness", dci.informativeness());
      }
      if (which.contains("sap")) {
        out.put("sap", Sap.of(ztr, ftr, zte, fte, seed).score());
      }
    }
    if (which.contains("factorvae")) {
      FactorVaeScore s = FactorVaeScore.of(rep, n(FactorVaeScore.TRAIN, scale), n(FactorVaeScore.EVAL, scale), FactorVaeScore.BATCH,
          n(FactorVaeScore.VARIANCE_POINTS, scale), random.nextLong());
      out.put("factorvae_score", s.score());
      out.put("factorvae_active_codes", s.activeCodes());
    }
    if (which.contains("betavae")) {
      out.put("betavae_score", BetaVaeScore.of(rep, n(BetaVaeScore.TRAIN, scale), n(BetaVaeScore.EVAL, scale), BetaVaeScore.BATCH, random.nextLong())
          .score());
    }
    return out;
  }

  private static int n(int protocol, double scale) {
    return Math.max(2, (int) Math.round(protocol * scale));
  }

  static int[] column(int[][] x, int j) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i][j];
    }
    return out;
  }

  static double[] column(double[][] x, int j) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i][j];
    }
    return out;
  }

  /** The unbiased variance of column j. */
  static double variance(double[][] x, int j) {
    double m = 0;
    for (double[] r : x) {
      m += r[j];
    }
    m /= x.length;
    double s = 0;
    for (double[] r : x) {
      s += (r[j] - m) * (r[j] - m);
    }
    return s / (x.length - 1);
  }
}
