package dev.vaelab.examples.exercises;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.LatentInterpolation;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.gaussian.GaussianVae;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Note 002 (and 001's "interpolation in latent space"): decode the straight line between the
 * posterior means of two test images, and attribute vector arithmetic: z(trouser) + (mean z of
 * dresses − mean z of trousers), decoded.
 */
public final class Interpolation implements Exercise {
  /** Source and target classes of the arithmetic. */
  public static final int FROM = 1; // Trouser
  public static final int TO = 3; // Dress
  /** Examples shown. */
  public static final int SHOWN = 8;

  /** The result. */
  public record Result(double closerToTargetFraction, double meanDistanceToTarget, double meanDistanceToSource, List<String> report,
      List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "interpolation";
  }

  @Override
  public String summary() {
    return "latent interpolation between two images and attribute vector arithmetic, as image strips (Yu & Daulatabad)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.YU_DAULATABAD.slide("How Variational Autoencoder solves the problem"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    Dataset test = QuickTraining.test();
    try (ModelGraph g = QuickTraining.train(GaussianVae.builder().build(), Elbo.standard(), 15, 7)) {
      // interpolation strips between pairs of different classes
      List<float[]> strips = new ArrayList<>();
      int[][] pairs = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
      for (int[] p : pairs) {
        strips.addAll(LatentInterpolation.between(g, test.row(p[0]), test.row(p[1]), 10));
      }
      ImageGrid.write(dir.resolve("interpolation.png"), strips, 28, 28, 10, 2);
      rep.line("interpolation.png: 4 rows, each the decoded line z(t) = (1 − t) μ(y_a) + t μ(y_b), t = 0 … 1 in 10 steps");
      // attribute arithmetic
      float[] all = new float[test.size() * 784];
      test.copyRange(0, test.size(), all);
      float[] mu = g.encodeMean(all, test.size());
      int d = 20;
      double[] mFrom = new double[d];
      double[] mTo = new double[d];
      double[] imgFrom = new double[784];
      double[] imgTo = new double[784];
      int nFrom = 0;
      int nTo = 0;
      List<Integer> fromIdx = new ArrayList<>();
      for (int i = 0; i < test.size(); i++) {
        if (test.label(i) == FROM) {
          nFrom++;
          fromIdx.add(i);
          for (int j = 0; j < d; j++) {
            mFrom[j] += mu[i * d + j];
          }
          for (int j = 0; j < 784; j++) {
            imgFrom[j] += all[i * 784 + j];
          }
        } else if (test.label(i) == TO) {
          nTo++;
          for (int j = 0; j < d; j++) {
            mTo[j] += mu[i * d + j];
          }
          for (int j = 0; j < 784; j++) {
            imgTo[j] += all[i * 784 + j];
          }
        }
      }
      for (int j = 0; j < d; j++) {
        mFrom[j] /= nFrom;
        mTo[j] /= nTo;
      }
      for (int j = 0; j < 784; j++) {
        imgFrom[j] /= nFrom;
        imgTo[j] /= nTo;
      }
      int n = fromIdx.size();
      float[] z = new float[n * d];
      for (int k = 0; k < n; k++) {
        int i = fromIdx.get(k);
        for (int j = 0; j < d; j++) {
          z[k * d + j] = (float) (mu[i * d + j] + mTo[j] - mFrom[j]);
        }
      }
      float[] decoded = g.decodeMean(z, n);
      int closer = 0;
      double dTo = 0;
      double dFrom = 0;
      for (int k = 0; k < n; k++) {
        double a = 0;
        double b = 0;
        for (int j = 0; j < 784; j++) {
          a += Math.pow(decoded[k * 784 + j] - imgTo[j], 2);
          b += Math.pow(decoded[k * 784 + j] - imgFrom[j], 2);
        }
        dTo += Math.sqrt(a) / n;
        dFrom += Math.sqrt(b) / n;
        if (a < b) {
          closer++;
        }
      }
      List<float[]> tiles = new ArrayList<>();
      for (int k = 0; k < Math.min(SHOWN, n); k++) {
        tiles.add(test.row(fromIdx.get(k)));
      }
      for (int k = 0; k < Math.min(SHOWN, n); k++) {
        tiles.add(java.util.Arrays.copyOfRange(decoded, k * 784, (k + 1) * 784));
      }
      ImageGrid.write(dir.resolve("attribute-arithmetic.png"), tiles, 28, 28, SHOWN, 2);
      double frac = (double) closer / n;
      rep.line("attribute-arithmetic.png: top row %s test images, bottom row z + (mean z[%s] − mean z[%s]) decoded",
          FashionMnist.CLASS_NAMES[FROM], FashionMnist.CLASS_NAMES[TO], FashionMnist.CLASS_NAMES[FROM]);
      rep.line("of %d %s images, %d (%.0f %%) decode closer to the mean %s image than to the mean %s image; mean L2 distances %.2f vs %.2f",
          n, FashionMnist.CLASS_NAMES[FROM], closer, 100 * frac, FashionMnist.CLASS_NAMES[TO], FashionMnist.CLASS_NAMES[FROM], dTo, dFrom);
      return new Result(frac, dTo, dFrom, rep.lines(), List.of("interpolation.png", "attribute-arithmetic.png"));
    }
  }
}
