package dev.vaelab.examples;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.gmm.MixtureParameters;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** A PNG of a one-dimensional mixture fit: the data histogram (as a density) under the fitted density. */
public final class MixtureFigure {
  private static final Color[] COLORS = {
    new Color(0xd62728), new Color(0x2ca02c), new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)
  };

  private MixtureFigure() {}

  /** Writes the figure; {@code x} must be one-dimensional. */
  public static void write(Path file, double[][] x, MixtureParameters p, int bins) {
    if (p.dimension() != 1) {
      throw new IllegalArgumentException("the 1-D figure needs one-dimensional data, got dimension " + p.dimension());
    }
    int w = 800;
    int h = 480;
    int left = 60;
    int right = 20;
    int top = 30;
    int bottom = 50;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] r : x) {
      lo = Math.min(lo, r[0]);
      hi = Math.max(hi, r[0]);
    }
    double width = (hi - lo) / bins;
    double[] hist = new double[bins];
    for (double[] r : x) {
      int b = Math.min(bins - 1, (int) ((r[0] - lo) / width));
      hist[b] += 1.0 / (x.length * width);
    }
    int steps = 400;
    double[] dens = new double[steps + 1];
    double[][] comp = new double[p.components()][steps + 1];
    double ymax = 0;
    for (double v : hist) {
      ymax = Math.max(ymax, v);
    }
    for (int s = 0; s <= steps; s++) {
      double t = lo + (hi - lo) * s / steps;
      for (int c = 0; c < p.components(); c++) {
        double sd = p.standardDeviation(c, 0);
        double z = (t - p.means()[c][0]) / sd;
        comp[c][s] = p.weights()[c] * Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
        dens[s] += comp[c][s];
      }
      ymax = Math.max(ymax, dens[s]);
    }
    ymax *= 1.08;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int pw = w - left - right;
    int ph = h - top - bottom;
    g.setColor(new Color(0xbbbbbb));
    for (int b = 0; b < bins; b++) {
      int x0 = left + (int) Math.round((double) b / bins * pw);
      int x1 = left + (int) Math.round((double) (b + 1) / bins * pw);
      int y0 = top + ph - (int) Math.round(hist[b] / ymax * ph);
      g.fillRect(x0, y0, Math.max(1, x1 - x0 - 1), top + ph - y0);
    }
    g.setStroke(new BasicStroke(1.5f));
    for (int c = 0; c < p.components(); c++) {
      g.setColor(COLORS[c % COLORS.length]);
      polyline(g, comp[c], ymax, left, top, pw, ph);
    }
    g.setStroke(new BasicStroke(2.5f));
    g.setColor(Color.BLACK);
    polyline(g, dens, ymax, left, top, pw, ph);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(String.format("%.2f", lo), left - 10, top + ph + 18);
    g.drawString(String.format("%.2f", hi), left + pw - 30, top + ph + 18);
    g.drawString(String.format("%.3f", ymax), 5, top + 10);
    g.drawString("histogram of the data (grey), fitted mixture density (black) and its weighted components", left, h - 12);
    g.dispose();
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer");
      }
    });
  }

  private static void polyline(Graphics2D g, double[] v, double ymax, int left, int top, int pw, int ph) {
    int n = v.length;
    int[] xs = new int[n];
    int[] ys = new int[n];
    for (int s = 0; s < n; s++) {
      xs[s] = left + (int) Math.round((double) s / (n - 1) * pw);
      ys[s] = top + ph - (int) Math.round(v[s] / ymax * ph);
    }
    g.drawPolyline(xs, ys, n);
  }
}
