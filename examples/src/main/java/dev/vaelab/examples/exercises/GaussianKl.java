package dev.vaelab.examples.exercises;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Distribution;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.distribution.StandardNormal;
import dev.vaelab.core.graph.Feeds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Note 003's closed form −KL(q ‖ p) = log(σ_q/σ_p) − (σ_q² + (μ_q − μ_p)²)/(2σ_p²) + ½, and with
 * p = N(0, 1): ½(1 + ln σ² − σ² − μ²), against the Monte-Carlo estimate ln q(z) − ln p(z), z ~ q,
 * both computed by the library ({@code KlDivergence.between} and {@code KlDivergence.monteCarlo}).
 */
public final class GaussianKl implements Exercise {
  /** Pairs (μ_q, σ_q, μ_p, σ_p); σ_p = 1, μ_p = 0 is the standard-normal case. */
  public static final double[][] PAIRS = {
    {0.0, 1.0, 0.0, 1.0}, {1.0, 0.5, 0.0, 1.0}, {-2.0, 2.0, 0.0, 1.0}, {0.3, 0.8, 1.0, 1.5}, {2.0, 0.2, -1.0, 0.7}
  };
  /** Monte-Carlo samples per pair. */
  public static final int SAMPLES = 200_000;

  /** One pair's numbers. */
  public record Row(double muQ, double sigmaQ, double muP, double sigmaP, double closedForm, double library, double monteCarlo, double standardError) {}

  /** The result. */
  public record Result(List<Row> rows, List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "gaussian-kl";
  }

  @Override
  public String summary() {
    return "closed-form Gaussian KL of Li's notes against its Monte-Carlo estimate";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.LI.slide("The loss function: −D_KL(q_φ(z|x) ‖ p(z)) for univariate Gaussians"));
  }

  /** Note 003's formula, in double precision. */
  public static double closedForm(double muQ, double sigmaQ, double muP, double sigmaP) {
    return -(Math.log(sigmaQ / sigmaP) - (sigmaQ * sigmaQ + (muQ - muP) * (muQ - muP)) / (2 * sigmaP * sigmaP) + 0.5);
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report r = new Report(out);
    List<Row> rows = new ArrayList<>();
    r.line("   μ_q    σ_q    μ_p    σ_p |    Li's formula | library analytic | Monte Carlo ± SE (n = %d)", SAMPLES);
    for (double[] p : PAIRS) {
      boolean standard = p[2] == 0 && p[3] == 1;
      try (Graph g = new Graph(); Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        DiagonalGaussian q = new DiagonalGaussian(tf.constant(new float[] {(float) p[0]}), tf.constant(new float[] {(float) (2 * Math.log(p[1]))}));
        Distribution prior =
            standard ? new StandardNormal(1) : new DiagonalGaussian(tf.constant(new float[] {(float) p[2]}), tf.constant(new float[] {(float) (2 * Math.log(p[3]))}));
        var z = q.sample(tf, tf.constant(new int[] {SAMPLES, 1}), new Seed(5, 1));
        var mc = KlDivergence.monteCarlo(tf, q, prior, z);
        var an = KlDivergence.between(tf, q, prior);
        try (org.tensorflow.Result res = s.runner().fetch(mc).fetch(an).run()) {
          Stats st = Stats.of(Feeds.values(res.get(0)));
          double mean = st.mean();
          double se = st.standardError();
          double lib = Feeds.values(res.get(1))[0];
          Row row = new Row(p[0], p[1], p[2], p[3], closedForm(p[0], p[1], p[2], p[3]), lib, mean, se);
          rows.add(row);
          r.line("%6.2f %6.2f %6.2f %6.2f | %16.6f | %16.6f | %.6f ± %.6f%s", p[0], p[1], p[2], p[3], row.closedForm(), lib, mean, se,
              standard ? String.format(java.util.Locale.ROOT, "   Li's formula with p = N(0,1): −KL = ½(1 + ln σ² − σ² − μ²) = %.6f", 0.5 * (1 + 2 * Math.log(p[1]) - p[1] * p[1] - p[0] * p[0])) : "");
        }
      }
    }
    return new Result(rows, r.lines(), List.of());
  }
}
