package dev.vaelab.examples.exercises;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Note 000: for y ~ Pop and z ~ P_enc(z|y), H(y) = H(z) + H(y|z) − H(z|y), and for any models
 * H(y) ≤ H_pri(z) + H_dec(y|z) − H_enc(z|y) with the cross-entropies H_pri = E[−ln P_pri(z)],
 * H_dec = E[−ln P_dec(y|z)], H_enc = E[−ln P_enc(z|y)] — all computed exactly on a discrete joint.
 */
public final class EntropyIdentity implements Exercise {
  /** Number of random mismatched model triples tried. */
  public static final int MODELS = 200;

  /** The result. */
  public record Result(
      double hY, double hZ, double hYgivenZ, double hZgivenY, double identityResidual,
      double boundAtTrueModels, double minGap, double maxGap, List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "entropy-identity";
  }

  @Override
  public String summary() {
    return "H(y) = H(z) + H(y|z) − H(z|y) and H(y) ≤ H_pri + H_dec − H_enc on a discrete joint (McAllester)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.MCALLESTER.slide("An Encoder First Treatment of VAEs"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report r = new Report(out);
    // Pop(y) and the encoder P_enc(z|y): y takes the 3 eye colours, z the 8 nationalities of Gavves's example
    double[][] joint = new double[3][8];
    double total = 0;
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 8; j++) {
        joint[i][j] = MarginalTable.JOINT[i][j] + 1e-3; // the table, made strictly positive
        total += joint[i][j];
      }
    }
    for (double[] row : joint) {
      for (int j = 0; j < 8; j++) {
        row[j] /= total;
      }
    }
    double[] py = new double[3];
    double[] pz = new double[8];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 8; j++) {
        py[i] += joint[i][j];
        pz[j] += joint[i][j];
      }
    }
    double hY = 0;
    double hZ = 0;
    double hYgZ = 0;
    double hZgY = 0;
    for (int i = 0; i < 3; i++) {
      hY -= py[i] * Math.log(py[i]);
    }
    for (int j = 0; j < 8; j++) {
      hZ -= pz[j] * Math.log(pz[j]);
    }
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 8; j++) {
        hYgZ -= joint[i][j] * Math.log(joint[i][j] / pz[j]);
        hZgY -= joint[i][j] * Math.log(joint[i][j] / py[i]);
      }
    }
    double residual = hY - (hZ + hYgZ - hZgY);
    r.line("joint p(y, z): the eye-colour × nationality table of Gavves's example (+0.001, renormalised), in nats");
    r.line("H(y) = %.6f, H(z) = %.6f, H(y|z) = %.6f, H(z|y) = %.6f", hY, hZ, hYgZ, hZgY);
    r.line("H(y) − [H(z) + H(y|z) − H(z|y)] = %.3e", residual);
    double atTruth = bound(joint, py, pz);
    r.line("bound with the true pri = p(z), dec = p(y|z), enc = p(z|y): %.6f (equal to H(y))", atTruth);
    Random random = new Random(3);
    double minGap = Double.POSITIVE_INFINITY;
    double maxGap = 0;
    for (int m = 0; m < MODELS; m++) {
      double[][] enc = randomConditional(3, 8, random); // P_enc(z|y), rows y
      double[] pri = randomConditional(1, 8, random)[0];
      double[][] dec = randomConditional(8, 3, random); // P_dec(y|z), rows z
      double hPri = 0;
      double hDec = 0;
      double hEnc = 0;
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 8; j++) {
          double w = py[i] * enc[i][j]; // y ~ Pop, z ~ enc
          hPri -= w * Math.log(pri[j]);
          hDec -= w * Math.log(dec[j][i]);
          hEnc -= w * Math.log(enc[i][j]);
        }
      }
      double gap = hPri + hDec - hEnc - hY;
      minGap = Math.min(minGap, gap);
      maxGap = Math.max(maxGap, gap);
    }
    r.line("%d random mismatched (pri, dec, enc): H_pri + H_dec − H_enc − H(y) ranges over [%.4f, %.4f] — never below 0", MODELS, minGap, maxGap);
    return new Result(hY, hZ, hYgZ, hZgY, residual, atTruth, minGap, maxGap, r.lines(), List.of());
  }

  private static double bound(double[][] joint, double[] py, double[] pz) {
    double s = 0;
    for (int i = 0; i < py.length; i++) {
      for (int j = 0; j < pz.length; j++) {
        double enc = joint[i][j] / py[i];
        double dec = joint[i][j] / pz[j];
        s += joint[i][j] * (-Math.log(pz[j]) - Math.log(dec) + Math.log(enc));
      }
    }
    return s;
  }

  private static double[][] randomConditional(int rows, int cols, Random random) {
    double[][] p = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      double s = 0;
      for (int j = 0; j < cols; j++) {
        p[i][j] = -Math.log(1 - random.nextDouble()); // Dirichlet(1) draw
        s += p[i][j];
      }
      for (int j = 0; j < cols; j++) {
        p[i][j] /= s;
      }
    }
    return p;
  }

}
