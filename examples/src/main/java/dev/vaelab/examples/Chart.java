package dev.vaelab.examples;

import dev.vaelab.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** A small PNG chart: lines and point clouds on linear or logarithmic axes, with a legend. */
public final class Chart {
  /** Colours used in order. */
  public static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };

  private enum Kind { LINE, POINTS, BARS }

  private record Series(String label, double[] x, double[] y, Kind kind, Color color) {
    boolean points() {
      return kind == Kind.POINTS;
    }
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();

  public Chart(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  public Chart logX() {
    logX = true;
    return this;
  }

  public Chart logY() {
    logY = true;
    return this;
  }

  /** Adds a line. */
  public Chart line(String label, double[] x, double[] y) {
    series.add(new Series(label, x, y, Kind.LINE, PALETTE[series.size() % PALETTE.length]));
    return this;
  }

  /** Adds a line in a given colour. */
  public Chart line(String label, double[] x, double[] y, Color color) {
    series.add(new Series(label, x, y, Kind.LINE, color));
    return this;
  }

  /** Adds points. */
  public Chart points(String label, double[] x, double[] y) {
    series.add(new Series(label, x, y, Kind.POINTS, PALETTE[series.size() % PALETTE.length]));
    return this;
  }

  /** Adds points in a given colour. */
  public Chart points(String label, double[] x, double[] y, Color color) {
    series.add(new Series(label, x, y, Kind.POINTS, color));
    return this;
  }

  /** Adds bars centred at x (equally spaced) with heights y, in light grey, drawn under the other series. */
  public Chart bars(String label, double[] x, double[] y) {
    series.add(0, new Series(label, x, y, Kind.BARS, new Color(0xbbbbbb)));
    return this;
  }

  /** Renders the chart. */
  public BufferedImage render(int w, int h) {
    int left = 80;
    int right = 20;
    int top = 40;
    int bottom = 60;
    double x0 = Double.POSITIVE_INFINITY;
    double x1 = Double.NEGATIVE_INFINITY;
    double y0 = Double.POSITIVE_INFINITY;
    double y1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.x().length; i++) {
        double x = tx(s.x()[i]);
        double y = ty(s.y()[i]);
        if (Double.isFinite(x) && Double.isFinite(y)) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 == x0) {
      x1 = x0 + 1;
    }
    if (y1 == y0) {
      y1 = y0 + 1;
    }
    double padY = 0.05 * (y1 - y0);
    y0 -= padY;
    y1 += padY;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, w, h);
    int pw = w - left - right;
    int ph = h - top - bottom;
    g.setColor(Color.BLACK);
    g.drawRect(left, top, pw, ph);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (int t = 0; t <= 4; t++) {
      double fx = x0 + (x1 - x0) * t / 4;
      double fy = y0 + (y1 - y0) * t / 4;
      int px = left + pw * t / 4;
      int py = top + ph - ph * t / 4;
      g.drawLine(px, top + ph, px, top + ph + 4);
      g.drawLine(left - 4, py, left, py);
      g.drawString(fmt(logX ? Math.pow(10, fx) : fx), px - 20, top + ph + 18);
      g.drawString(fmt(logY ? Math.pow(10, fy) : fy), 5, py + 4);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(title, left, 24);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(xLabel + (logX ? " (log scale)" : ""), left + pw / 2 - 60, h - 15);
    g.drawString(yLabel + (logY ? " (log)" : ""), 5, top - 8);
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(new BasicStroke(2f));
      int n = s.x().length;
      int[] xs = new int[n];
      int[] ys = new int[n];
      int m = 0;
      if (s.kind() == Kind.BARS) {
        double half = n > 1 ? (s.x()[1] - s.x()[0]) / 2 : 0.5;
        int base = top + ph - (int) Math.round((ty(0) - y0) / (y1 - y0) * ph);
        for (int i = 0; i < n; i++) {
          int xa = left + (int) Math.round((tx(s.x()[i] - half) - x0) / (x1 - x0) * pw);
          int xb = left + (int) Math.round((tx(s.x()[i] + half) - x0) / (x1 - x0) * pw);
          int yt = top + ph - (int) Math.round((ty(s.y()[i]) - y0) / (y1 - y0) * ph);
          g.fillRect(xa, Math.min(yt, base), Math.max(1, xb - xa - 1), Math.abs(base - yt));
        }
        continue;
      }
      for (int i = 0; i < n; i++) {
        double x = tx(s.x()[i]);
        double y = ty(s.y()[i]);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          continue;
        }
        xs[m] = left + (int) Math.round((x - x0) / (x1 - x0) * pw);
        ys[m] = top + ph - (int) Math.round((y - y0) / (y1 - y0) * ph);
        if (s.points()) {
          g.fillOval(xs[m] - 2, ys[m] - 2, 5, 5);
        }
        m++;
      }
      if (s.kind() == Kind.LINE) {
        g.drawPolyline(xs, ys, m);
      }
    }
    // the legend last, on a white box, so no data hides it
    int labelled = (int) series.stream().filter(s -> s.label() != null && !s.label().isEmpty()).count();
    if (labelled > 0) {
      g.setColor(new Color(255, 255, 255, 220));
      g.fillRect(left + pw - 230, top + 4, 226, 16 * labelled + 8);
      int ly = top + 18;
      for (Series s : series) {
        if (s.label() != null && !s.label().isEmpty()) {
          g.setColor(s.color());
          g.fillRect(left + pw - 222, ly - 9, 12, 10);
          g.setColor(Color.BLACK);
          g.drawString(s.label(), left + pw - 204, ly);
          ly += 16;
        }
      }
    }
    g.dispose();
    return img;
  }

  /** Writes the chart as a PNG (atomically). */
  public void write(Path file) {
    BufferedImage img = render(800, 500);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer");
      }
    });
  }

  private double tx(double x) {
    return logX ? (x > 0 ? Math.log10(x) : Double.NaN) : x;
  }

  private double ty(double y) {
    return logY ? (y > 0 ? Math.log10(y) : Double.NaN) : y;
  }

  private static String fmt(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) {
      return String.format("%.1e", v);
    }
    return String.format("%.3g", v);
  }
}
