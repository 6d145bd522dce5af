package dev.vaelab.examples.exercises;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.SampleShape;
import dev.vaelab.examples.chart.Chart;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.core.eval.LogWeights;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Note 001 (and 000's derivation of the ELBO): estimate ln p(y) of a trained VAE by naive Monte
 * Carlo, ln (1/S) Σ P_dec(y|z_s) with z_s ~ P_pri, and by importance sampling with the encoder as
 * proposal, ln (1/S) Σ w_s, w_s = P_pri P_dec / P_enc with z_s ~ P_enc, for growing S, repeated to
 * measure the spread; and the Jensen gap ln E[w] − E[ln w] between the estimate and the ELBO.
 */
public final class ImportanceSampling implements Exercise {
  /** Sample counts. */
  public static final int[] S = {1, 10, 100, 1000, 5000};
  /** Repeats for the spread. */
  public static final int REPEATS = 10;
  /** Test images used. */
  public static final int IMAGES = 4;

  /** The result: per S, mean over images of (mean, sd across repeats) of both estimators. */
  public record Result(int[] samples, double[] naiveMean, double[] naiveSd, double[] isMean, double[] isSd, double elbo, double jensenGap,
      List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "importance-sampling";
  }

  @Override
  public String summary() {
    return "naive Monte Carlo vs importance sampling for ln p(y) on a trained VAE, and the Jensen gap (Gavves)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("Importance sampling vs uniform sampling"), LectureNote.GAVVES.slide("Learning importance sampling distribution"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    int smax = S[S.length - 1];
    Dataset test = QuickTraining.test();
    try (ModelGraph g = QuickTraining.train(GaussianVae.builder().build(), Elbo.standard(), 10, 3)) {
      Ops tf = g.tf().withSubScope("is_exercise");
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 784)));
      Operand<TFloat32> zPrior = g.model().prior().distribution(tf).sample(tf, SampleShape.samplesPerExample(tf, y, smax, 20), g.seeds().next());
      Operand<TFloat32> naive = g.model().decoder().decode(tf, zPrior).logProb(tf, y); // [S, b]
      Operand<TFloat32> is = LogWeights.of(tf, g.model(), y, smax, g.seeds().next()).logWeights(); // [S, b]
      float[] rows = new float[IMAGES * 784];
      test.copyRange(0, IMAGES, rows);
      double[][][] naiveEst = new double[S.length][IMAGES][REPEATS];
      double[][][] isEst = new double[S.length][IMAGES][REPEATS];
      double meanLogW = 0;
      double lnMeanW = 0;
      for (int rpt = 0; rpt < REPEATS; rpt++) {
        try (TFloat32 t = Feeds.matrix(rows, IMAGES, 784);
            org.tensorflow.types.TInt64 d = org.tensorflow.types.TInt64.scalarOf(g.nextDraw());
            org.tensorflow.Result r = g.session().runner().feed(y, t).feed(g.drawIndex(), d).fetch(naive).fetch(is).run()) {
          float[] a = Feeds.values(r.get(0));
          float[] b = Feeds.values(r.get(1));
          for (int im = 0; im < IMAGES; im++) {
            for (int k = 0; k < S.length; k++) {
              naiveEst[k][im][rpt] = logMeanExp(a, im, S[k]);
              isEst[k][im][rpt] = logMeanExp(b, im, S[k]);
            }
            double m = 0;
            for (int s = 0; s < smax; s++) {
              m += b[s * IMAGES + im];
            }
            meanLogW += m / smax / (IMAGES * REPEATS);
            lnMeanW += logMeanExp(b, im, smax) / (IMAGES * REPEATS);
          }
        }
      }
      double[] nm = new double[S.length];
      double[] ns = new double[S.length];
      double[] im = new double[S.length];
      double[] is2 = new double[S.length];
      double[] sx = new double[S.length];
      rep.line("VAE 784-400-20 trained 10 epochs on the embedded slice; %d test images, %d repeats", IMAGES, REPEATS);
      rep.line("       S | naive MC (z ~ prior): mean ln p̂ (sd) | importance sampling (z ~ encoder): mean ln p̂ (sd)");
      for (int k = 0; k < S.length; k++) {
        for (int i = 0; i < IMAGES; i++) {
          double[] a = meanSd(naiveEst[k][i]);
          double[] b = meanSd(isEst[k][i]);
          nm[k] += a[0] / IMAGES;
          ns[k] += a[1] / IMAGES;
          im[k] += b[0] / IMAGES;
          is2[k] += b[1] / IMAGES;
        }
        sx[k] = S[k];
        rep.line("%8d | %14.2f (%6.2f)                 | %14.3f (%6.3f)", S[k], nm[k], ns[k], im[k], is2[k]);
      }
      rep.line("Jensen gap at S = %d: ln E[w] − E[ln w] = %.3f − (%.3f) = %.3f nats (E[ln w] is the ELBO)", smax, lnMeanW, meanLogW, lnMeanW - meanLogW);
      new Chart("ln p(y) estimates vs number of samples", "samples S", "mean ln p̂(y) over images")
          .logX().line("naive Monte Carlo (z ~ prior)", sx, nm).line("importance sampling (z ~ encoder)", sx, im)
          .write(dir.resolve("importance-sampling.png"));
      return new Result(S.clone(), nm, ns, im, is2, meanLogW, lnMeanW - meanLogW, rep.lines(), List.of("importance-sampling.png"));
    }
  }

  /** ln (1/S) Σ_{s<S} e^{a[s, im]} for a [smax, IMAGES] array (core's stable log-sum-exp). */
  static double logMeanExp(float[] a, int im, int s) {
    double[] v = new double[s];
    for (int i = 0; i < s; i++) {
      v[i] = a[i * IMAGES + im];
    }
    return dev.vaelab.core.math.LogSumExp.logSumExp(v) - Math.log(s);
  }

  static double[] meanSd(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x / v.length;
    }
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return new double[] {m, Math.sqrt(s / (v.length - 1))};
  }
}
