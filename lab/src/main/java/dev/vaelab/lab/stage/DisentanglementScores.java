package dev.vaelab.lab.stage;

import dev.vaelab.core.data.DSprites;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.RowEncoder;
import dev.vaelab.metrics.Disentanglement;
import dev.vaelab.metrics.FactorRepresentation;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disentanglement metrics of a trained run on data with known factors ({@code mig}, {@code dci}, {@code sap},
 * {@code factorvae}, {@code betavae}; see {@link Disentanglement}): the run's data must be a dSprites grid, whose factor
 * combinations are drawn, rendered and encoded by the run's model ({@code ModelFamily.rowEncoder}) as each metric's
 * protocol asks. Refused, before any work, on data without factors.
 */
public final class DisentanglementScores {
  /** Observations rendered and encoded at once. */
  private static final int CHUNK = 4096;

  private DisentanglementScores() {}

  /** The grid of the run's data, or a refusal naming the data and what would do. */
  public static DSprites.Grid grid(RunSpec spec, List<String> which) {
    DSprites.Grid g = DSprites.named(spec.data().data());
    if (g == null) {
      throw new IllegalArgumentException("--metrics " + String.join(",", which) + ": the run's data (" + spec.data().data() + ") have no known"
          + " generative factors; the disentanglement metrics need data generated from a factor grid: --data dsprites, dsprites-small,"
          + " dsprites-colour or dsprites-colour-small");
    }
    return g;
  }

  /**
   * @param scale multiplies every protocol's points (1: disentanglement_lib's)
   */
  public static Map<String, Object> compute(RunSpec spec, RunFolder folder, List<String> which, double scale, long seed, PrintStream log) {
    if (which.isEmpty()) {
      return Map.of();
    }
    DSprites.Grid g = grid(spec, which);
    long t0 = System.nanoTime();
    try (RowEncoder encoder = spec.family().rowEncoder(spec, folder, seed, log)) {
      long[] encoded = new long[1];
      FactorRepresentation rep = new FactorRepresentation() {
        @Override
        public int[] factorSizes() {
          return g.factorSizes();
        }

        @Override
        public double[][] codes(int[][] factors) {
          double[][] out = new double[factors.length][];
          for (int from = 0; from < factors.length; from += CHUNK) {
            int m = Math.min(CHUNK, factors.length - from);
            int[][] part = java.util.Arrays.copyOfRange(factors, from, from + m);
            double[][] z = encoder.codes(g.render(part), m);
            System.arraycopy(z, 0, out, from, m);
          }
          encoded[0] += factors.length;
          return out;
        }
      };
      boolean[] nominal = {true, false, false, false, false}; // the shape is a category; scale, orientation and position are ordered
      log.printf("disentanglement metrics %s on %s (factors %s)%n", String.join(",", which), g.name(), String.join(", ", DSprites.FACTORS));
      Map<String, Object> out = new LinkedHashMap<>(Disentanglement.evaluate(rep, nominal, which, scale, seed));
      out.forEach((k, v) -> log.printf("%-22s %s%n", k, v));
      out.put("disentanglement_observations", encoded[0]);
      out.put("disentanglement_seconds", (System.nanoTime() - t0) / 1e9);
      return out;
    }
  }
}
