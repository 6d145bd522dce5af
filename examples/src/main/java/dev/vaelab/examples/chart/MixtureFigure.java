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
    double[] y = new double[x.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = x[i][0];
    }
    double[] means = new double[p.components()];
    double[] sds = new double[p.components()];
    for (int c = 0; c < means.length; c++) {
      means[c] = p.means()[c][0];
      sds[c] = p.standardDeviation(c, 0);
    }
    write(file, y, p.weights(), means, sds, bins);
  }

  /** Writes the figure of values {@code y} under the mixture Σ_c λ_c N(μ_c, σ_c²). */
  public static void write(Path file, double[] y, double[] weights, double[] means, double[] sds, int bins) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double v : y) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    double width = (hi - lo) / bins;
    double[] centres = new double[bins];
    double[] hist = new double[bins];
    for (int b = 0; b < bins; b++) {
      centres[b] = lo + (b + 0.5) * width;
    }
    for (double v : y) {
      int b = Math.min(bins - 1, (int) ((v - lo) / width));
      hist[b] += 1.0 / (y.length * width);
    }
    int steps = 400;
    int k = weights.length;
    double[] t = new double[steps + 1];
    double[] dens = new double[steps + 1];
    double[][] comp = new double[k][steps + 1];
    for (int s = 0; s <= steps; s++) {
      t[s] = lo + (hi - lo) * s / steps;
      for (int c = 0; c < k; c++) {
        double z = (t[s] - means[c]) / sds[c];
        comp[c][s] = weights[c] * Math.exp(-0.5 * z * z) / (sds[c] * Math.sqrt(2 * Math.PI));
        dens[s] += comp[c][s];
      }
    }
    Chart chart = new Chart("data histogram, fitted mixture density and its weighted components", "y", "density")
        .bars("data", centres, hist);
    for (int c = 0; c < k; c++) {
      chart.line(String.format(java.util.Locale.ROOT, "λ=%.2f μ=%.2f σ=%.2f", weights[c], means[c], sds[c]),
          t, comp[c], Chart.PALETTE[(c + 1) % Chart.PALETTE.length]);
    }
    chart.line("mixture", t, dens, java.awt.Color.BLACK).write(file);
  }
}
