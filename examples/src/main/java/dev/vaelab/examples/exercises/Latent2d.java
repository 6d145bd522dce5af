package dev.vaelab.examples.exercises;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import dev.vaelab.examples.chart.Chart;
import dev.vaelab.gaussian.GaussianVae;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Note 002's three latent spaces, in two dimensions on Fashion-MNIST: a plain autoencoder
 * (reconstruction only: the ELBO with β = 0), a VAE (reconstruction + KL, β = 1), and KL only
 * (the rate alone, which pulls every posterior onto the prior). Scatter plots of the posterior
 * means of the test images, coloured by class.
 */
public final class Latent2d implements Exercise {
  /** Training epochs per model. */
  public static final int EPOCHS = 15;

  /** The rate alone: minimises mean KL(P_enc(z|y) ‖ P_pri(z)); distortion is reported, not optimised. */
  static final class RateOnly implements Objective {
    @Override
    public String name() {
      return "kl-only";
    }

    @Override
    public ElboLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
      ElboLoss l = Elbo.standard().build(tf, model, y, context);
      // 0 × distortion keeps the decoder in the gradient graph (with zero gradient)
      Operand<TFloat32> total =
          tf.math.add(tf.math.mean(l.rate(), tf.constant(0)), tf.math.mul(tf.constant(0f), tf.math.mean(l.distortion(), tf.constant(0))));
      return new ElboLoss(total, l.rate(), l.distortion(), l.bound(), tf.constant(1f));
    }
  }

  /** One model's numbers. */
  public record Panel(String model, double spread, double classSeparation, int activeUnits, double distortion, double rate) {}

  /** The result. */
  public record Result(List<Panel> panels, List<String> report, List<String> figures) implements ExerciseResult {}

  @Override
  public String name() {
    return "latent-2d";
  }

  @Override
  public String summary() {
    return "autoencoder, VAE and KL-only latent spaces in 2-D on Fashion-MNIST, coloured by class (Yu & Daulatabad)";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.YU_DAULATABAD.slide("The problem with standard autoencoders"), LectureNote.YU_DAULATABAD.slide("How Variational Autoencoder solves the problem"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report rep = new Report(out);
    Dataset test = QuickTraining.test();
    GaussianVae spec = GaussianVae.builder().hidden(256).latentSize(2).build();
    String[] names = {"autoencoder", "vae", "kl-only"};
    Objective[] objectives = {Elbo.standard().withBeta(0), Elbo.standard(), new RateOnly()};
    List<Panel> panels = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    rep.line("latent size 2, hidden 256, %d epochs on the embedded slice; posterior means of %d test images", EPOCHS, test.size());
    for (int m = 0; m < 3; m++) {
      try (ModelGraph g = QuickTraining.train(spec, objectives[m], EPOCHS, 5)) {
        float[] rows = new float[test.size() * 784];
        test.copyRange(0, test.size(), rows);
        float[] mu = g.encodeMean(rows, test.size());
        EvaluationResult ev = Evaluator.evaluate(g, test, Evaluator.DEFAULT_BATCH);
        double[] sep = separation(mu, test);
        panels.add(new Panel(names[m], sep[0], sep[1], ev.activeUnits(), ev.distortion(), ev.rate()));
        rep.line("%-11s: spread of means %.4f, between-class / total variance %.3f, active units %d, distortion %.1f, rate %.2f nats",
            names[m], sep[0], sep[1], ev.activeUnits(), ev.distortion(), ev.rate());
        Chart c = new Chart(names[m] + ": posterior means of test images by class", "z₁", "z₂");
        for (int cls = 0; cls < 10; cls++) {
          List<double[]> pts = new ArrayList<>();
          for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == cls) {
              pts.add(new double[] {mu[2 * i], mu[2 * i + 1]});
            }
          }
          double[] xs = pts.stream().mapToDouble(p -> p[0]).toArray();
          double[] ys = pts.stream().mapToDouble(p -> p[1]).toArray();
          c.points(FashionMnist.CLASS_NAMES[cls], xs, ys, Chart.PALETTE[cls]);
        }
        String file = "latent-2d-" + names[m] + ".png";
        c.write(dir.resolve(file));
        figures.add(file);
      }
    }
    return new Result(panels, rep.lines(), figures);
  }

  /** [total variance of the means, between-class variance / total variance]. */
  static double[] separation(float[] mu, Dataset data) {
    int n = data.size();
    double[] mean = new double[2];
    double[][] classMean = new double[10][2];
    int[] count = new int[10];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        mean[j] += mu[2 * i + j] / n;
        classMean[data.label(i)][j] += mu[2 * i + j];
      }
      count[data.label(i)]++;
    }
    double total = 0;
    double between = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 2; j++) {
        total += Math.pow(mu[2 * i + j] - mean[j], 2) / n;
      }
    }
    for (int c = 0; c < 10; c++) {
      for (int j = 0; j < 2; j++) {
        if (count[c] > 0) {
          between += count[c] * Math.pow(classMean[c][j] / count[c] - mean[j], 2) / n;
        }
      }
    }
    return new double[] {total, total > 0 ? between / total : 0};
  }
}
