package dev.vaelab.examples.exercises;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Gaussian;
import dev.vaelab.core.distribution.KlDivergence;
import dev.vaelab.core.distribution.Seed;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.ObjectiveContext;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Notes 001 and 003: ln p(y) = ELBO(q) + KL(q(z|y) ‖ p(z|y)) for any q, verified on probabilistic
 * PCA (p(z) = N(0, I₂), p(y|z) = N(Wz + b, σ² I₄), W with orthogonal columns) where ln p(y), the
 * ELBO and the posterior are known in closed form; the library's Monte-Carlo ELBO ({@code Elbo}) and
 * analytic KL ({@code KlDivergence}) are checked against the closed forms.
 */
public final class ElboIdentity implements Exercise {
  static final double SIGMA = 0.5;
  static final double[][] W = {{0.9, 0}, {0.9, 0}, {0, 1.3}, {0, -1.3}};
  static final double[] B = {0.3, -0.2, 0.5, 0.1};
  static final double[] Y = {0.8, 0.1, 1.5, -0.9};
  /** q's (mean shift, log-variance shift) relative to the exact posterior. */
  public static final double[][] ENCODERS = {{0, 0}, {0.5, 0}, {0, 1.0}, {0, -1.0}, {-1.5, 2.0}};
  /** Replicas for the library's Monte-Carlo ELBO. */
  public static final int REPLICAS = 100_000;

  /** One q. */
  public record Row(double meanShift, double logVarShift, double elbo, double klToPosterior, double residual,
      double libraryKl, double libraryElbo, double libraryElboSe) {}

  /** The result. */
  public record Result(double logLikelihood, List<Row> rows, List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "elbo-identity";
  }

  @Override
  public String summary() {
    return "ln p(y) = ELBO + KL(q(z|y) ‖ p(z|y)) on a model with a known posterior (Gavves, Li)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("Lower-bounding the marginal"), LectureNote.LI.slide("Variational Autoencoder (VAE)"));
  }

  static double m(int j) {
    double s = SIGMA * SIGMA;
    for (double[] row : W) {
      s += row[j] * row[j];
    }
    return s;
  }

  /** ln N(y; b, W Wᵀ + σ² I) by the matrix determinant lemma and Woodbury (WᵀW is diagonal). */
  static double logLikelihood() {
    double s2 = SIGMA * SIGMA;
    double logDet = (4 - 2) * Math.log(s2) + Math.log(m(0)) + Math.log(m(1));
    double[] r = new double[4];
    for (int i = 0; i < 4; i++) {
      r[i] = Y[i] - B[i];
    }
    double rr = 0;
    for (double v : r) {
      rr += v * v;
    }
    double corr = 0;
    for (int j = 0; j < 2; j++) {
      double wr = 0;
      for (int i = 0; i < 4; i++) {
        wr += W[i][j] * r[i];
      }
      corr += wr * wr / m(j);
    }
    double quad = (rr - corr) / s2;
    return -0.5 * (4 * Math.log(2 * Math.PI) + logDet + quad);
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    double lnp = logLikelihood();
    double[] postMean = new double[2];
    double[] postVar = new double[2];
    for (int j = 0; j < 2; j++) {
      double s = 0;
      for (int i = 0; i < 4; i++) {
        s += W[i][j] * (Y[i] - B[i]);
      }
      postMean[j] = s / m(j);
      postVar[j] = SIGMA * SIGMA / m(j);
    }
    rep.line("ln p(y) = %.8f (exact); posterior mean (%.4f, %.4f), variance (%.4f, %.4f)", lnp, postMean[0], postMean[1], postVar[0], postVar[1]);
    rep.line("  q: mean shift, ln-var shift |      ELBO     | KL(q‖p(z|y)) | ln p − ELBO − KL | library KL   | library MC ELBO ± SE");
    List<Row> rows = new ArrayList<>();
    for (double[] e : ENCODERS) {
      double[] mq = {postMean[0] + e[0], postMean[1] - 0.5 * e[0]};
      double[] vq = {postVar[0] * Math.exp(e[1]), postVar[1] * Math.exp(e[1])};
      // ELBO = E_q ln p(y|z) − KL(q ‖ N(0, I))
      double sq = 0;
      for (int i = 0; i < 4; i++) {
        double mean = B[i] + W[i][0] * mq[0] + W[i][1] * mq[1];
        sq += (Y[i] - mean) * (Y[i] - mean);
      }
      double trace = 0;
      for (int j = 0; j < 2; j++) {
        double wtw = 0;
        for (int i = 0; i < 4; i++) {
          wtw += W[i][j] * W[i][j];
        }
        trace += wtw * vq[j];
      }
      double expLogLik = -2 * Math.log(2 * Math.PI * SIGMA * SIGMA) - (sq + trace) / (2 * SIGMA * SIGMA);
      double klPrior = 0;
      double klPost = 0;
      for (int j = 0; j < 2; j++) {
        klPrior += 0.5 * (mq[j] * mq[j] + vq[j] - 1 - Math.log(vq[j]));
        klPost += 0.5 * (Math.log(postVar[j] / vq[j]) + (vq[j] + (mq[j] - postMean[j]) * (mq[j] - postMean[j])) / postVar[j] - 1);
      }
      double elbo = expLogLik - klPrior;
      double residual = lnp - elbo - klPost;
      double[] lib = library(mq, vq, postMean, postVar);
      rows.add(new Row(e[0], e[1], elbo, klPost, residual, lib[0], lib[1], lib[2]));
      rep.line("  %+5.2f, %+5.2f              | %12.6f | %12.6f | %+.2e        | %12.6f | %.4f ± %.4f", e[0], e[1], elbo, klPost, residual, lib[0], lib[1], lib[2]);
    }
    rep.line("the KL gap is zero only for the exact posterior (first row): there ELBO = ln p(y)");
    return new Result(lnp, rows, rep.lines(), List.of());
  }

  /** KL(q ‖ posterior) by KlDivergence and the mean ± SE of the Elbo objective over replicas. */
  private static double[] library(double[] mq, double[] vq, double[] pm, double[] pv) {
    float[][] y = new float[REPLICAS][4];
    for (float[] row : y) {
      for (int i = 0; i < 4; i++) {
        row[i] = (float) Y[i];
      }
    }
    float[][] wt = new float[2][4];
    float[] b = new float[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (float) B[i];
      for (int j = 0; j < 2; j++) {
        wt[j][i] = (float) W[i][j];
      }
    }
    float[] muQ = {(float) mq[0], (float) mq[1]};
    float[] lvQ = {(float) Math.log(vq[0]), (float) Math.log(vq[1])};
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      DiagonalGaussian q = new DiagonalGaussian(tf.constant(new float[][] {muQ}), tf.constant(new float[][] {lvQ}));
      DiagonalGaussian post =
          new DiagonalGaussian(tf.constant(new float[][] {{(float) pm[0], (float) pm[1]}}),
              tf.constant(new float[][] {{(float) Math.log(pv[0]), (float) Math.log(pv[1])}}));
      var kl = KlDivergence.between(tf, q, post);
      LatentVariableModel model =
          new LatentVariableModel(
              (t, yy) -> new DiagonalGaussian(t.math.add(t.zerosLike(t.slice(yy, t.constant(new int[] {0, 0}), t.constant(new int[] {-1, 2}))), t.constant(muQ)), t.constant(lvQ)),
              new StandardNormalPrior(2),
              (t, z) -> Gaussian.withFixedSigma(t, t.math.add(t.linalg.matMul(z, t.constant(wt)), t.constant(b)), SIGMA),
              4, 2);
      ElboLoss loss = Elbo.standard().build(tf, model, tf.constant(y), new ObjectiveContext(tf.constant(0f), new Seed.Sequence(7)));
      try (org.tensorflow.Result r = s.runner().fetch(kl).fetch(loss.bound()).run()) {
        Stats st = Stats.of(Feeds.values(r.get(1)));
        return new double[] {Feeds.values(r.get(0))[0], st.mean(), st.standardError()};
      }
    }
  }
}
