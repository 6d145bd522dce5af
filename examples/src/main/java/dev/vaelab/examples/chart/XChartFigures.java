package dev.vaelab.examples.chart;

import dev.vaelab.lab.image.RunFigures;
import java.nio.file.Path;
import java.util.function.IntFunction;

/** The run folder's charts drawn with XChart ({@link LatentScatter}, {@link MixtureFigure}); registered as a service. */
public final class XChartFigures implements RunFigures {
  @Override
  public void scatter(Path file, float[] values, int n, int d, int[] labels, IntFunction<String> className, String what) {
    LatentScatter.write(file, values, n, d, labels, className, what);
  }

  @Override
  public void mixture1d(Path file, double[] y, double[] weights, double[] means, double[] sds, int bins) {
    MixtureFigure.write(file, y, weights, means, sds, bins);
  }
}
