package dev.vaelab.examples.exercises;

import dev.vaelab.examples.chart.Chart;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Note 001, Monte-Carlo estimation: π ≈ 4 · (fraction of uniform points in the unit square inside
 * the quarter circle), with standard error 4 √(p(1−p)/n); four times the samples halve the error.
 */
public final class MonteCarloPi implements Exercise {
  /** Sample sizes n = 100 · 4^j. */
  public static final int STEPS = 9;

  /** The result. */
  public record Result(long[] n, double[] estimate, double[] standardError, double slope, List<String> report, List<String> figures)
      implements ExerciseResult {}

  private final long seed;

  public MonteCarloPi() {
    this(1);
  }

  public MonteCarloPi(long seed) {
    this.seed = seed;
  }

  @Override
  public String name() {
    return "monte-carlo-pi";
  }

  @Override
  public String summary() {
    return "Monte-Carlo π for growing n, its standard error σ/√n, 4× samples halve the error (Gavves)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("Intermezzo: Monte Carlo Estimation"), LectureNote.GAVVES.slide("We can always approximate: Naive Monte Carlo"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report r = new Report(out);
    SplittableRandom random = new SplittableRandom(seed);
    long[] n = new long[STEPS];
    double[] est = new double[STEPS];
    double[] se = new double[STEPS];
    double[] err = new double[STEPS];
    double[] nd = new double[STEPS];
    for (int j = 0; j < STEPS; j++) {
      n[j] = 100L << (2 * j);
      long inside = 0;
      for (long i = 0; i < n[j]; i++) {
        double x = random.nextDouble();
        double y = random.nextDouble();
        if (x * x + y * y <= 1) {
          inside++;
        }
      }
      double p = (double) inside / n[j];
      est[j] = 4 * p;
      se[j] = 4 * Math.sqrt(p * (1 - p) / n[j]);
      err[j] = Math.abs(est[j] - Math.PI);
      nd[j] = n[j];
      r.line("n = %9d  π̂ = %.6f  SE = %.6f  |π̂ − π| = %.6f  (%.2f SE)", n[j], est[j], se[j], err[j], err[j] / se[j]);
    }
    // least-squares slope of log SE against log n: −1/2 means 4× samples halve the error
    double mx = 0;
    double my = 0;
    for (int j = 0; j < STEPS; j++) {
      mx += Math.log(nd[j]) / STEPS;
      my += Math.log(se[j]) / STEPS;
    }
    double sxy = 0;
    double sxx = 0;
    for (int j = 0; j < STEPS; j++) {
      sxy += (Math.log(nd[j]) - mx) * (Math.log(se[j]) - my);
      sxx += (Math.log(nd[j]) - mx) * (Math.log(nd[j]) - mx);
    }
    double slope = sxy / sxx;
    r.line("slope of log SE against log n: %.4f (−0.5: each 4× more samples halves the error; ratio per step %.3f)", slope, Math.pow(4, slope));
    double[] ideal = new double[STEPS];
    for (int j = 0; j < STEPS; j++) {
      ideal[j] = se[0] * Math.sqrt(nd[0] / nd[j]);
    }
    new Chart("Monte-Carlo estimate of π", "samples n", "error")
        .logX().logY()
        .points("|π̂ − π|", nd, err)
        .line("standard error 4√(p(1−p)/n)", nd, se)
        .line("∝ 1/√n", nd, ideal)
        .write(dir.resolve("monte-carlo-pi.png"));
    return new Result(n, est, se, slope, r.lines(), List.of("monte-carlo-pi.png"));
  }
}
