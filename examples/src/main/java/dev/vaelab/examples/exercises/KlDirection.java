package dev.vaelab.examples.exercises;

import dev.vaelab.examples.chart.Chart;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * Notes 001 and 003: fit one Gaussian q = N(m, s²) to a bimodal p = ½N(−2, 0.6²) + ½N(2, 0.6²)
 * by minimising the reverse KL(q ‖ p) (mode-seeking: q sits on one mode) and the forward KL(p ‖ q)
 * (mass-covering: q matches p's mean 0 and variance 0.36 + 4 = 4.36). Both KLs are computed by
 * quadrature on a fine grid and minimised by coordinate-wise golden-section search.
 */
public final class KlDirection implements Exercise {
  static final double MODE = 2.0;
  static final double SD = 0.6;
  static final double LO = -12;
  static final double HI = 12;
  static final int GRID = 6001;

  /** The result. */
  public record Result(double reverseMean, double reverseSd, double reverseKl, double forwardMean, double forwardSd, double forwardKl,
      List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "kl-direction";
  }

  @Override
  public String summary() {
    return "fit a Gaussian to a bimodal target by reverse and by forward KL: mode-seeking vs mass-covering (Gavves, Li)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("Variational Inference underestimates variance"), LectureNote.GAVVES.slide("Forward KL to overestimate variance"), LectureNote.LI.slide("Variational Autoencoder (VAE)"));
  }

  static double logNormal(double x, double m, double s) {
    double z = (x - m) / s;
    return -0.5 * z * z - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
  }

  static double logP(double x) {
    double a = logNormal(x, -MODE, SD);
    double b = logNormal(x, MODE, SD);
    double mx = Math.max(a, b);
    return mx + Math.log(0.5 * Math.exp(a - mx) + 0.5 * Math.exp(b - mx));
  }

  /** KL(q ‖ p) = ∫ q ln(q/p). */
  static double reverseKl(double m, double s) {
    double h = (HI - LO) / (GRID - 1);
    double sum = 0;
    for (int i = 0; i < GRID; i++) {
      double x = LO + i * h;
      double lq = logNormal(x, m, s);
      sum += Math.exp(lq) * (lq - logP(x)) * h;
    }
    return sum;
  }

  /** KL(p ‖ q) = ∫ p ln(p/q). */
  static double forwardKl(double m, double s) {
    double h = (HI - LO) / (GRID - 1);
    double sum = 0;
    for (int i = 0; i < GRID; i++) {
      double x = LO + i * h;
      double lp = logP(x);
      sum += Math.exp(lp) * (lp - logNormal(x, m, s)) * h;
    }
    return sum;
  }

  /** Minimises f(m, ln s) coordinate-wise by golden-section search. */
  static double[] minimise(DoubleBinaryOperator f, double m0, double logS0) {
    double m = m0;
    double ls = logS0;
    for (int round = 0; round < 30; round++) {
      final double lsFixed = ls;
      m = golden(x -> f.applyAsDouble(x, Math.exp(lsFixed)), m - 3, m + 3);
      final double mFixed = m;
      ls = golden(x -> f.applyAsDouble(mFixed, Math.exp(x)), ls - 2, ls + 2);
    }
    return new double[] {m, Math.exp(ls)};
  }

  static double golden(java.util.function.DoubleUnaryOperator f, double a, double b) {
    double g = (Math.sqrt(5) - 1) / 2;
    double c = b - g * (b - a);
    double d = a + g * (b - a);
    for (int i = 0; i < 60; i++) {
      if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
        b = d;
      } else {
        a = c;
      }
      c = b - g * (b - a);
      d = a + g * (b - a);
    }
    return (a + b) / 2;
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    double[] rev = minimise(KlDirection::reverseKl, 0.5, 0.0);
    double[] fwd = minimise(KlDirection::forwardKl, 0.5, 0.0);
    double rk = reverseKl(rev[0], rev[1]);
    double fk = forwardKl(fwd[0], fwd[1]);
    rep.line("target p = ½ N(−2, 0.6²) + ½ N(2, 0.6²): mean 0, variance %.2f", SD * SD + MODE * MODE);
    rep.line("reverse KL(q ‖ p) minimised: q = N(%.4f, %.4f²), KL = %.4f  → sits on one mode (mode-seeking)", rev[0], rev[1], rk);
    rep.line("forward KL(p ‖ q) minimised: q = N(%.4f, %.4f²), KL = %.4f  → covers both modes (moment matching: sd %.4f)", fwd[0], fwd[1], fk,
        Math.sqrt(SD * SD + MODE * MODE));
    double[] xs = new double[401];
    double[] p = new double[401];
    double[] qr = new double[401];
    double[] qf = new double[401];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = -6 + 12.0 * i / (xs.length - 1);
      p[i] = Math.exp(logP(xs[i]));
      qr[i] = Math.exp(logNormal(xs[i], rev[0], rev[1]));
      qf[i] = Math.exp(logNormal(xs[i], fwd[0], fwd[1]));
    }
    new Chart("fitting N(m, s²) to a bimodal p", "z", "density")
        .line("target p", xs, p).line("argmin KL(q‖p) (reverse)", xs, qr).line("argmin KL(p‖q) (forward)", xs, qf)
        .write(dir.resolve("kl-direction.png"));
    return new Result(rev[0], rev[1], rk, fwd[0], fwd[1], fk, rep.lines(), List.of("kl-direction.png"));
  }
}
