package dev.vaelab.examples.exercises;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.vq.VectorQuantizerConfig;
import dev.vaelab.vq.VqObjective;
import dev.vaelab.vq.VqVae;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Yu & Daulatabad's remark that a Gaussian likelihood gives blurry reconstructions, against the VQ-VAE of Li's notes:
 * the same grey-level test images reconstructed by a Gaussian VAE (B1 network, Gaussian decoder, 20-d
 * latent) and by the VQ-VAE (7 × 7 codes of 128), side by side, with their errors and sharpness.
 *
 * <pre>
 *   error      = mean over images and pixels of (ŷ_j − y_j)²                       (per-pixel squared error)
 *   edge error = mean over images and neighbour pairs of (∇ŷ − ∇y)²,  ∇x = x[i+1, j] − x[i, j] and x[i, j+1] − x[i, j]
 *   TV ratio   = TV(ŷ) / TV(y),  TV(x) = Σ |∇x|                                     (1 = as much variation as the data)
 * </pre>
 *
 * A blurred reconstruction misses the edges (large edge error, TV ratio below 1); grain in a
 * reconstruction raises its TV ratio without making it sharper, so the claims are judged on the two
 * errors and the TV ratio is reported beside them.
 */
public final class BlurVsVq implements Exercise {
  /** Images in the figure. */
  public static final int SHOWN = 8;
  static final int VAE_EPOCHS = 15;
  static final int VQ_EPOCHS = 8;

  /** The result: per-pixel squared error and sharpness ratio of each model's reconstructions of the test images. */
  public record Result(int images, double vaeError, double vqError, double vaeEdgeError, double vqEdgeError, double vaeTvRatio,
      double vqTvRatio, List<String> report, List<String> figures, List<String> discrepancies) implements ExerciseResult {}

  @Override
  public String name() {
    return "blur-vs-vq";
  }

  @Override
  public String summary() {
    return "Gaussian-VAE against VQ-VAE reconstructions of the same test images, with errors and sharpness (Yu & Daulatabad, Li)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.YU_DAULATABAD.slide("Limitations and Open issues"), LectureNote.LI.slide("Vector Quantised-Variational AutoEncoder (VQ-VAE)"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN);
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST);
    int n = test.size();
    float[] y = new float[n * FashionMnist.PIXELS];
    test.copyRange(0, n, y);
    GaussianVae vae = GaussianVae.builder().decoder(GaussianVae.DecoderType.GAUSSIAN_FIXED_SIGMA).build();
    float[] vaeRec = reconstruct(vae, Elbo.standard(), train, VAE_EPOCHS, y, n);
    float[] vqRec = reconstruct(VqVae.of(VectorQuantizerConfig.defaults().withSeed(3)), new VqObjective(), train, VQ_EPOCHS, y, n);
    double vaeError = squaredError(vaeRec, y, n);
    double vqError = squaredError(vqRec, y, n);
    double vaeEdge = edgeError(vaeRec, y, n);
    double vqEdge = edgeError(vqRec, y, n);
    double vaeTv = totalVariation(vaeRec, n) / totalVariation(y, n);
    double vqTv = totalVariation(vqRec, n) / totalVariation(y, n);
    rep.line("%d grey-level test images of the embedded Fashion-MNIST slice; both models trained on its %d training images", n, train.size());
    rep.line("Gaussian VAE (784-400-20, Gaussian decoder sigma = %.1f, %d epochs): pixel error %.5f, edge error %.5f, TV ratio %.3f",
        GaussianVae.DEFAULT_DECODER_SIGMA, VAE_EPOCHS, vaeError, vaeEdge, vaeTv);
    rep.line("VQ-VAE (7x7 codes, K = 128, EMA, %d epochs): pixel error %.5f, edge error %.5f, TV ratio %.3f", VQ_EPOCHS, vqError, vqEdge, vqTv);
    rep.line("VQ/VAE: pixel error ratio %.3f, edge error ratio %.3f", vqError / vaeError, vqEdge / vaeEdge);
    if (!(vqError < vaeError)) {
      rep.discrepancy("the VQ-VAE's pixel error is not below the Gaussian VAE's (%.5f vs %.5f)", vqError, vaeError);
    }
    if (!(vqEdge < vaeEdge)) {
      rep.discrepancy("the VQ-VAE's edges are not closer to the data's than the Gaussian VAE's (edge error %.5f vs %.5f)", vqEdge, vaeEdge);
    }
    if (!(vaeTv < 1)) {
      rep.discrepancy("the Gaussian VAE's reconstructions vary more than the data (TV ratio %.3f >= 1): grain, not blur", vaeTv);
    }
    List<float[]> tiles = new ArrayList<>();
    for (float[] source : new float[][] {y, vaeRec, vqRec}) {
      for (int i = 0; i < SHOWN; i++) {
        tiles.add(java.util.Arrays.copyOfRange(source, i * FashionMnist.PIXELS, (i + 1) * FashionMnist.PIXELS));
      }
    }
    ImageGrid.write(dir.resolve("blur-vs-vq.png"), tiles, 28, 28, SHOWN, 2);
    rep.line("blur-vs-vq.png: top row the test images, middle the Gaussian VAE's reconstructions (decoder means), bottom the VQ-VAE's");
    return new Result(n, vaeError, vqError, vaeEdge, vqEdge, vaeTv, vqTv, rep.lines(), List.of("blur-vs-vq.png"), rep.discrepancies());
  }

  private static float[] reconstruct(ModelSpec spec, Objective objective, Dataset train, int epochs, float[] y, int n) {
    try (ModelGraph g = ModelGraph.build(spec, objective, 7)) {
      new Trainer(g, new TrainerConfig(1e-3, 128, 7, false), null).fit(train, null, epochs, List.of());
      return g.reconstruct(y, n);
    }
  }

  /** Mean over images of the per-pixel squared error. */
  static double squaredError(float[] rec, float[] y, int n) {
    double s = 0;
    for (int i = 0; i < rec.length; i++) {
      double d = rec[i] - y[i];
      s += d * d;
    }
    return s / ((double) n * FashionMnist.PIXELS);
  }

  /** Mean over images and neighbour pairs of (∇ŷ − ∇y)², both directions. */
  static double edgeError(float[] rec, float[] y, int n) {
    int s = FashionMnist.SIDE;
    double sum = 0;
    long count = 0;
    for (int e = 0; e < n; e++) {
      int base = e * s * s;
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++) {
          int p = base + i * s + j;
          if (i + 1 < s) {
            double d = (rec[p + s] - rec[p]) - (y[p + s] - y[p]);
            sum += d * d;
            count++;
          }
          if (j + 1 < s) {
            double d = (rec[p + 1] - rec[p]) - (y[p + 1] - y[p]);
            sum += d * d;
            count++;
          }
        }
      }
    }
    return sum / count;
  }

  /** Σ over images of Σ |x[i+1, j] − x[i, j]| + |x[i, j+1] − x[i, j]|. */
  static double totalVariation(float[] x, int n) {
    int s = FashionMnist.SIDE;
    double tv = 0;
    for (int e = 0; e < n; e++) {
      int base = e * s * s;
      for (int i = 0; i < s; i++) {
        for (int j = 0; j < s; j++) {
          float v = x[base + i * s + j];
          if (i + 1 < s) {
            tv += Math.abs(x[base + (i + 1) * s + j] - v);
          }
          if (j + 1 < s) {
            tv += Math.abs(x[base + i * s + j + 1] - v);
          }
        }
      }
    }
    return tv;
  }
}
