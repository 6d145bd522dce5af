package dev.vaelab.examples.exercises;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.examples.chart.Chart;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Note 001, "low variance estimator": the gradient ∂/∂μ E_{z~N(μ,σ²)}[f(z)] for f(z) = z² (exact
 * value 2μ), estimated per sample by the reparameterisation trick (differentiate f(μ + σε), through
 * the library's {@code DiagonalGaussian.sample}) and by the score function / REINFORCE
 * (f(z) ∂/∂μ ln q(z), through {@code DiagonalGaussian.logProb}), both with TensorFlow gradients.
 */
public final class Reparameterisation implements Exercise {
  /** Samples (independent replicas). */
  public static final int SAMPLES = 100_000;
  /** The settings (μ, σ) tried. */
  public static final double[][] SETTINGS = {{0.5, 1.0}, {2.0, 1.0}, {2.0, 0.3}};

  /** One setting's numbers. */
  public record Row(double mu, double sigma, double exact, double reparamMean, double reparamVar, double scoreMean, double scoreVar) {}

  /** The result. */
  public record Result(List<Row> rows, List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "reparameterisation";
  }

  @Override
  public String summary() {
    return "variance of the reparameterised gradient against the score-function (REINFORCE) gradient (Gavves)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("Solution: Reparameterization trick"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    java.util.List<Row> rows = new java.util.ArrayList<>();
    rep.line("f(z) = z², z ~ N(μ, σ²): ∂/∂μ E f = 2μ. Per-sample gradient estimates over %d samples:", SAMPLES);
    double[] ratios = new double[SETTINGS.length];
    double[] index = new double[SETTINGS.length];
    for (int k = 0; k < SETTINGS.length; k++) {
      double mu = SETTINGS[k][0];
      double sigma = SETTINGS[k][1];
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> m = tf.placeholder(TFloat32.class); // [N]: one μ per sample, so the gradient is per sample
        Operand<TFloat32> lv = tf.constant((float) (2 * Math.log(sigma)));
        DiagonalGaussian q = new DiagonalGaussian(tf.expandDims(m, tf.constant(1)), lv);
        Operand<TFloat32> z = q.sample(tf, tf.constant(new int[] {SAMPLES, 1}), new Seed(11, k + 1));
        Operand<TFloat32> f = tf.math.square(z);
        // reparameterised: d f(μ + σε) / dμ
        var reparam = tf.gradients(tf.reduceSum(f, tf.constant(new int[] {0, 1})), List.of(m));
        // score function: f(z) d ln q(z) / dμ with z held fixed
        Operand<TFloat32> zFixed = tf.stopGradient(z);
        Operand<TFloat32> fFixed = tf.reduceSum(tf.math.square(zFixed), tf.constant(-1)); // [N], as ln q(z) is
        Operand<TFloat32> surrogate = tf.reduceSum(tf.math.mul(fFixed, q.logProb(tf, zFixed)), tf.constant(0));
        var score = tf.gradients(surrogate, List.of(m));
        float[] muFeed = new float[SAMPLES];
        java.util.Arrays.fill(muFeed, (float) mu);
        try (TFloat32 t = TFloat32.vectorOf(muFeed);
            org.tensorflow.Result r = s.runner().feed(m, t).fetch(reparam.dy(0)).fetch(score.dy(0)).run()) {
          Stats sa = Stats.of(Feeds.values(r.get(0)));
          Stats sb = Stats.of(Feeds.values(r.get(1)));
          double[] a = {sa.mean(), sa.variance()};
          double[] b = {sb.mean(), sb.variance()};
          rows.add(new Row(mu, sigma, 2 * mu, a[0], a[1], b[0], b[1]));
          rep.line("μ = %.1f, σ = %.1f: exact %.3f | reparameterised %.4f (variance %.4f; theory 4σ² = %.4f) | score function %.4f (variance %.4f) | variance ratio %.1f",
              mu, sigma, 2 * mu, a[0], a[1], 4 * sigma * sigma, b[0], b[1], b[1] / a[1]);
          ratios[k] = b[1] / a[1];
          index[k] = k + 1;
        }
      }
    }
    String[] names = new String[ratios.length];
    for (int k = 0; k < rows.size(); k++) {
      names[k] = String.format(java.util.Locale.ROOT, "μ=%.1f σ=%.1f", rows.get(k).mu(), rows.get(k).sigma());
      index[k] = k; // categories at 0, 1, 2, ...
    }
    new Chart("score-function variance / reparameterised variance", "setting (μ, σ)", "ratio (log scale)").logY()
        .xCategories(names).points("ratio", index, ratios).write(dir.resolve("reparameterisation.png"));
    return new Result(rows, rep.lines(), List.of("reparameterisation.png"));
  }

}
