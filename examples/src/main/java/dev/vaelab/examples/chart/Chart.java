package dev.vaelab.examples.chart;

import dev.vaelab.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG chart drawn by XChart: lines (with a marker at every point, so a one-epoch curve is a visible
 * dot), point clouds and histogram bars, on linear or logarithmic axes; the title above the plot, the
 * axis titles beside their axes, the legend outside the plot on the right, XChart's tick spacing
 * and number formats. Written atomically.
 */
public final class Chart {
  /** Colours used in order (matplotlib's ten). */
  public static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
    new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
  };
  /** Default size in pixels. */
  public static final int WIDTH = 900;
  public static final int HEIGHT = 520;

  private enum Kind { LINE, POINTS, SQUARES, BARS }

  private record Series(String label, double[] x, double[] y, Kind kind, Color color) {}

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private boolean logX;
  private boolean logY;
  private final List<Series> series = new ArrayList<>();
  private String[] xNames;

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

  /** Adds a line with a marker at every point. */
  public Chart line(String label, double[] x, double[] y) {
    return line(label, x, y, PALETTE[series.size() % PALETTE.length]);
  }

  /** Adds a line in a given colour. */
  public Chart line(String label, double[] x, double[] y, Color color) {
    series.add(new Series(label, x, y, Kind.LINE, color));
    return this;
  }

  /** Adds points. */
  public Chart points(String label, double[] x, double[] y) {
    return points(label, x, y, PALETTE[series.size() % PALETTE.length]);
  }

  /** Adds points in a given colour. */
  public Chart points(String label, double[] x, double[] y, Color color) {
    series.add(new Series(label, x, y, Kind.POINTS, color));
    return this;
  }

  /** Adds points drawn as squares (to tell a second group of series from the first). */
  public Chart squares(String label, double[] x, double[] y, Color color) {
    series.add(new Series(label, x, y, Kind.SQUARES, color));
    return this;
  }

  /** Names the categories at x = 0, 1, 2, ...: the x axis shows those names at whole x and nothing between. */
  public Chart xCategories(String... names) {
    xNames = names.clone();
    return this;
  }

  /** Adds bars centred at x (equally spaced) with heights y, in light grey, drawn under the other series. */
  public Chart bars(String label, double[] x, double[] y) {
    series.add(0, new Series(label, x, y, Kind.BARS, new Color(0xbbbbbb)));
    return this;
  }

  /**
   * Renders the chart.
   *
   * @throws IllegalArgumentException for a chart without series, or a series whose x and y differ in length
   */
  public BufferedImage render(int w, int h) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no series");
    }
    XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    org.knowm.xchart.style.XYStyler s = c.getStyler();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setLegendBorderColor(new Color(0xcccccc));
    s.setPlotGridLinesColor(new Color(0xe6e6e6));
    s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    s.setChartTitleBoxVisible(false);
    s.setChartTitlePadding(10);
    s.setAntiAlias(true);
    c.getStyler().setMarkerSize(6);
    Set<String> names = new LinkedHashSet<>();
    for (Series x : series) {
      if (x.x().length != x.y().length) {
        throw new IllegalArgumentException("series '" + x.label() + "' has " + x.x().length + " x values and " + x.y().length + " y values");
      }
      String name = x.label();
      for (int i = 2; !names.add(name); i++) {
        name = x.label() + " (" + i + ")"; // XChart needs unique series names
      }
      double[][] kept = finitePoints(x.x(), x.y());
      double[] xs = kept[0];
      double[] ys = kept[1];
      if (xs.length == 0) {
        continue; // nothing finite to draw: XChart's tick calculation never ends on NaN or infinite values
      }
      if (x.kind() == Kind.BARS) {
        double[][] steps = bars(xs, ys);
        xs = steps[0];
        ys = steps[1];
      }
      XYSeries added = c.addSeries(name, xs, ys);
      switch (x.kind()) {
        case LINE -> {
          added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
          added.setMarker(xs.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE); // dense curves: a line only
          added.setLineStyle(new BasicStroke(1.8f));
        }
        case POINTS, SQUARES -> {
          added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
          added.setMarker(x.kind() == Kind.SQUARES ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE);
        }
        case BARS -> {
          added.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
          added.setMarker(SeriesMarkers.NONE);
          added.setFillColor(x.color());
        }
      }
      added.setLineColor(x.color());
      added.setMarkerColor(x.color());
    }
    if (c.getSeriesMap().isEmpty()) {
      throw new IllegalArgumentException("chart '" + title + "' has no finite value to draw");
    }
    for (boolean onX : new boolean[] {true, false}) {
      double[] range = finiteRange(series, onX);
      if (!Double.isFinite(range[1] - range[0]) || Math.max(Math.abs(range[0]), Math.abs(range[1])) > MAX_ABS) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "chart '%s': %s values reach %g, beyond what an axis shows (|v| <= %g)",
            title, onX ? "x" : "y", Math.max(Math.abs(range[0]), Math.abs(range[1])), MAX_ABS));
      }
    }
    if (xNames != null) {
      String[] categories = xNames;
      c.setCustomXAxisTickLabelsFormatter(v -> {
        long i = Math.round(v);
        return Math.abs(v - i) < 1e-9 && i >= 0 && i < categories.length ? categories[(int) i] : "";
      });
    } else if (!logX && wholeX()) { // epochs, iterations: whole numbers only, never "1.0" or a repeated "2"
      c.setCustomXAxisTickLabelsFormatter(v -> Math.abs(v - Math.rint(v)) < 1e-9 ? String.format(java.util.Locale.ROOT, "%d", Math.round(v)) : "");
    } else if (!logX) {
      s.setXAxisDecimalPattern(pattern(series, true));
    }
    if (!logY) {
      s.setYAxisDecimalPattern(pattern(series, false));
    }
    return BitmapEncoder.getBufferedImage(c);
  }

  /**
   * Largest |value| an axis is drawn for: beyond it (a diverged model's latents, say) the chart is
   * refused rather than handed to the tick calculation, whose work grows with the range.
   */
  public static final double MAX_ABS = 1e12;

  /** The points whose x and y are both finite. */
  static double[][] finitePoints(double[] x, double[] y) {
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      n += Double.isFinite(x[i]) && Double.isFinite(y[i]) ? 1 : 0;
    }
    if (n == x.length) {
      return new double[][] {x, y};
    }
    double[] ox = new double[n];
    double[] oy = new double[n];
    for (int i = 0, at = 0; i < x.length; i++) {
      if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
        ox[at] = x[i];
        oy[at++] = y[i];
      }
    }
    return new double[][] {ox, oy};
  }

  private static double[] finiteRange(List<Series> all, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : all) {
      double[][] kept = finitePoints(s.x(), s.y());
      for (double v : x ? kept[0] : kept[1]) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return lo <= hi ? new double[] {lo, hi} : new double[] {0, 0};
  }

  /** Whether every x value is a whole number (bars are drawn between whole numbers, so not with bars). */
  private boolean wholeX() {
    for (Series x : series) {
      if (x.kind() == Kind.BARS) {
        return false;
      }
      for (double v : x.x()) {
        if (v != Math.rint(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A tick-label pattern with a leading zero and as many decimals as about ten ticks over the data's
   * range need (at most 6), so ticks are neither repeated nor cut ("0.08", not ".08").
   */
  private static String pattern(List<Series> all, boolean x) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series s : all) {
      for (double v : x ? s.x() : s.y()) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return pattern(lo, hi);
  }

  /** The tick-label pattern for data from {@code lo} to {@code hi}. */
  public static String pattern(double lo, double hi) {
    double span = hi - lo;
    if (!(span > 0)) {
      span = Math.max(Math.abs(hi), 1e-12) * 0.1; // one value: XChart pads the axis by about that much
    }
    int decimals = (int) Math.max(0, Math.min(6, Math.ceil(-Math.log10(span / 10))));
    return decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals);
  }

  /** The outline of bars centred at x with heights y: (x − w/2, 0), (x − w/2, y), (x + w/2, y), (x + w/2, 0) per bar. */
  private static double[][] bars(double[] x, double[] y) {
    double w = x.length > 1 ? x[1] - x[0] : 1;
    double[] ox = new double[4 * x.length];
    double[] oy = new double[4 * x.length];
    for (int i = 0; i < x.length; i++) {
      ox[4 * i] = x[i] - w / 2;
      ox[4 * i + 1] = x[i] - w / 2;
      ox[4 * i + 2] = x[i] + w / 2;
      ox[4 * i + 3] = x[i] + w / 2;
      oy[4 * i + 1] = y[i];
      oy[4 * i + 2] = y[i];
    }
    return new double[][] {ox, oy};
  }

  /** Writes the chart as a PNG of the default size. */
  public void write(Path file) {
    BufferedImage img = render(WIDTH, HEIGHT);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available");
      }
    });
  }
}
