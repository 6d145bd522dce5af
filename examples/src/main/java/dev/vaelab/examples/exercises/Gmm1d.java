package dev.vaelab.examples.exercises;

import dev.vaelab.examples.chart.Chart;
import dev.vaelab.examples.chart.MixtureFigure;
import dev.vaelab.gmm.EmIteration;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Note 004's one-dimensional mixture p(x) = Σ_n λ_n N(x | μ_n, σ_n²) fitted by EM (vaelab-gmm-em),
 * with the traces that show EM as McAllester's alternating optimisation: after each E-step the ELBO
 * equals the log-likelihood; the M-step raises the ELBO; the log-likelihood never decreases.
 */
public final class Gmm1d implements Exercise {
  /** True parameters (B4(b)). */
  public static final double[] WEIGHTS = {0.3, 0.5, 0.2};
  public static final double[] MEANS = {-2, 0, 3};
  public static final double[] SDS = {0.5, 1.0, 0.7};
  /** Sample size. */
  public static final int N = 20_000;

  /** The result. */
  public record Result(GaussianMixtureFit fit, double[][] data, double maxElboGapAfterEStep, double minLogLikelihoodStep, List<String> report,
      List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "gmm-1d";
  }

  @Override
  public String summary() {
    return "the 1-D Gaussian mixture of the VAE notes fitted by EM, with ELBO and log-likelihood traces (McAllester)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.VAE_NOTES.slide("Example: Gaussian Mixture Models"), LectureNote.MCALLESTER.slide("EM is Alternating Optimization of the VAE"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    Random random = new Random(4);
    double[][] x = new double[N][1];
    for (int i = 0; i < N; i++) {
      double u = random.nextDouble();
      int c = u < WEIGHTS[0] ? 0 : u < WEIGHTS[0] + WEIGHTS[1] ? 1 : 2;
      x[i][0] = MEANS[c] + SDS[c] * random.nextGaussian();
    }
    GaussianMixtureFit fit = new GaussianMixture(GaussianMixtureConfig.of(3).withSeed(1)).fit(x);
    rep.line("N = %d points from weights (.3, .5, .2), means (−2, 0, 3), sds (.5, 1, .7); EM with K = 3", N);
    rep.line("%d iterations, converged %s; fitted (sorted by mean):", fit.iterations(), fit.converged());
    Integer[] order = {0, 1, 2};
    java.util.Arrays.sort(order, (a, b) -> Double.compare(fit.parameters().means()[a][0], fit.parameters().means()[b][0]));
    for (int c : order) {
      rep.line("  λ = %.4f  μ = %+.4f  σ = %.4f", fit.parameters().weights()[c], fit.parameters().means()[c][0], fit.parameters().standardDeviation(c, 0));
    }
    double maxGap = 0;
    double minStep = Double.POSITIVE_INFINITY;
    int shown = Math.min(40, fit.trace().size());
    double[] it = new double[shown];
    double[] ll = new double[shown];
    double[] before = new double[shown];
    for (int t = 0; t < fit.trace().size(); t++) {
      EmIteration e = fit.trace().get(t);
      maxGap = Math.max(maxGap, Math.abs(e.elboAfterEStep() - e.logLikelihood()));
      if (t > 0) {
        minStep = Math.min(minStep, e.logLikelihood() - fit.trace().get(t - 1).logLikelihood());
      }
      if (t < shown) {
        it[t] = e.iteration();
        ll[t] = e.logLikelihood();
        before[t] = t == 0 ? Double.NaN : e.elboBeforeEStep();
      }
    }
    for (int t = 0; t < Math.min(5, fit.trace().size()); t++) {
      EmIteration e = fit.trace().get(t);
      rep.line("  iteration %d: ELBO before E-step %s ≤ ln p %.6f = ELBO after E-step %.6f (rate %.4f, distortion %.4f)",
          e.iteration(), Double.isNaN(e.elboBeforeEStep()) ? "(start)" : String.format(java.util.Locale.ROOT, "%.6f", e.elboBeforeEStep()),
          e.logLikelihood(), e.elboAfterEStep(), e.rate(), e.distortion());
    }
    rep.line("max |ELBO after E-step − ln p| over all iterations: %.2e; smallest log-likelihood step: %.2e (never negative)", maxGap, minStep);
    MixtureFigure.write(dir.resolve("gmm-1d-fit.png"), x, fit.parameters(), 80);
    new Chart("EM as alternating optimisation", "iteration", "nats per example")
        .line("ln p(y) = ELBO after E-step", it, ll).points("ELBO before E-step (after M-step)", it, before)
        .write(dir.resolve("gmm-1d-trace.png"));
    return new Result(fit, x, maxGap, minStep, rep.lines(), List.of("gmm-1d-fit.png", "gmm-1d-trace.png"));
  }
}
