package dev.vaelab.examples.chart;

import dev.vaelab.gmm.MixtureParameters;
import java.nio.file.Path;

/** A PNG of a one-dimensional mixture fit: the data histogram (as a density) under the fitted density and its weighted components. */
public final class MixtureFigure {
  private MixtureFigure() {}

  /** Writes the figure; {@code x} must be one-dimensional. */
  public static void write(Path file, double[][] x, MixtureParameters p, int bins) {
    if (p.dimension() != 1) {
      throw new IllegalArgumentException("the 1-D figure needs one-dimensional data, got dimension " + p.dimension());
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] r : x) {
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[0]);
    }
    double width = (hi - lo) / bins;
    double[] centres = new double[bins];
    double[] hist = new double[bins];
    for (int b = 0; b < bins; b++) {
      centres[b] = lo + (b + 0.5) * width;
    }
    for (double[] r : x) {
      int b = Math.min(bins - 1, (int) ((r[0] - lo) / width));
      hist[b] += 1.0 / (x.length * width);
    }
    int steps = 400;
    double[] t = new double[steps + 1];
    double[] dens = new double[steps + 1];
    double[][] comp = new double[p.components()][steps + 1];
    for (int s = 0; s <= steps; s++) {
      t[s] = lo + (hi - lo) * s / steps;
      for (int c = 0; c < p.components(); c++) {
        double sd = p.standardDeviation(c, 0);
        double z = (t[s] - p.means()[c][0]) / sd;
        comp[c][s] = p.weights()[c] * Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        dens[s] += comp[c][s];
      }
    }
    Chart chart = new Chart("data histogram, fitted mixture density and its weighted components", "y", "density")
        .bars("data", centres, hist);
    for (int c = 0; c < p.components(); c++) {
      chart.line(String.format(java.util.Locale.ROOT, "λ=%.2f μ=%.2f σ=%.2f", p.weights()[c], p.means()[c][0], p.standardDeviation(c, 0)),
          t, comp[c], Chart.PALETTE[(c + 1) % Chart.PALETTE.length]);
    }
    chart.line("mixture", t, dens, java.awt.Color.BLACK).write(file);
  }
}
