package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.stage.RunHook;
import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.TrainingListener;
import dev.vaelab.gaussian.BetaTcElbo;
import dev.vaelab.gaussian.GaussianVae;
import dev.vaelab.gaussian.RateDecomposition;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --model tc-vae}: β-TCVAE (Chen et al. 2018) on the B1 MLPs — the rate split into index-code
 * mutual information, total correlation and dimension-wise KL by minibatch-weighted sampling, β on the
 * total correlation ({@link BetaTcElbo}). After every epoch the three terms are estimated on the test
 * set's first 2,000 images (aggregate posterior over them, no minibatch weighting) and appended to {@code
 * decomposition.csv}; the last epoch's go into the summary ({@code test_mi}, {@code test_tc}, {@code
 * test_dwkl}).
 */
public final class TcVaeFamily extends GraphFamily<TcVaeFamily.Options> {
  /** B6(b): latent 10. */
  public static final long DEFAULT_LATENT = 10;
  /** The per-epoch decomposition file of a run. */
  public static final String DECOMPOSITION_FILE = "decomposition.csv";

  /**
   * @param hidden hidden sizes of encoder and decoder
   * @param latent latent size d
   * @param beta β, the weight of the total correlation
   */
  public record Options(
      @Setting(names = "--hidden", split = ",", label = "H", help = "Hidden layer sizes of encoder and decoder (default 400).")
      long[] hidden,
      @Setting(names = "--latent", label = "D", help = "Latent size d (default ${DEFAULT-VALUE}).")
      long latent,
      @Setting(names = "--beta", help = "Weight β of the total correlation (default ${DEFAULT-VALUE}).")
      double beta) implements dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      hidden = hidden.clone();
      new BetaTcElbo(beta, 1);
      GaussianVae.builder().hidden(hidden).latentSize(latent).build(); // validates, naming the bad value
    }

    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, DEFAULT_LATENT, 1.0);
    }
  }

  public TcVaeFamily() {
    super("tc-vae", "β-TCVAE (Chen et al. 2018): the rate split into mutual information, total correlation and dimension-wise KL,"
        + " β on the total correlation", Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return GaussianVae.builder().dataSize(input.size()).hidden(o.hidden()).latentSize(o.latent()).build();
  }

  /** Without the data set's size (evaluation, sampling, export): N = 1 only changes the unused MWS terms' default. */
  @Override
  protected Objective objective(Options o) {
    return new BetaTcElbo(o.beta(), 1);
  }

  /** The training graph uses the training set's size N in the estimator. */
  @Override
  protected ModelGraph buildGraph(RunSpec spec, long graphSeed) {
    Options o = options(spec);
    ModelSpec m = modelSpec(o, spec.shape(), spec.data().seed());
    Objective obj = new BetaTcElbo(o.beta(), Math.max(1, data(spec).train().size()));
    return spec.training().deterministic() ? ModelGraph.buildDeterministic(m, obj, graphSeed) : ModelGraph.build(m, obj, graphSeed);
  }

  /** The minibatch-weighted estimator needs the training set's size before the data are read. */
  @Override
  protected boolean streams() {
    return false;
  }

  @Override
  protected boolean binaryData(Options o) {
    return true;
  }

  @Override
  protected RunHook extras(Options o, ModelGraph graph, RunSpec spec, Dataset train, RunFolder folder, PrintStream log,
      boolean resume) {
    List<double[]> rows = new ArrayList<>();
    return new RunHook() {
      Dataset test;

      @Override
      public List<TrainingListener> listeners() {
        return List.of(new TrainingListener() {
          @Override
          public void onEpochEnd(EpochMetrics metrics) {
            if (test == null) {
              test = data(spec).test();
            }
            if (test.size() == 0) {
              return;
            }
            double[] d = decomposition(graph, test);
            rows.add(new double[] {metrics.epoch(), d[0], d[1], d[2]});
            StringBuilder b = new StringBuilder("epoch,mi,tc,dwkl\n");
            for (double[] r : rows) {
              b.append((int) r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',').append(r[3]).append('\n');
            }
            AtomicFiles.writeString(folder.file(DECOMPOSITION_FILE), b.toString());
            log.printf("  rate decomposition on the test set: MI %.3f, TC %.3f, dimension-wise KL %.3f nats%n", d[0], d[1], d[2]);
          }
        });
      }

    };
  }

  /** The default test numbers and the rate decomposition on the test set (train and evaluate alike). */
  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset testData) {
    Map<String, Object> m = super.testNumbers(o, graph, test, testData);
    if (testData.size() > 0) {
      double[] d = decomposition(graph, testData);
      m.put("test_mi", d[0]);
      m.put("test_tc", d[1]);
      m.put("test_dwkl", d[2]);
    }
    return m;
  }

  /** Test examples over which the decomposition is computed (the first ones). */
  public static final int DECOMPOSITION_EXAMPLES = 2000;
  /** Examples per session run while the posteriors are read. */
  static final int DECOMPOSITION_BATCH = 500;

  /**
   * MI, TC and dimension-wise KL of the aggregate posterior over the first {@link
   * #DECOMPOSITION_EXAMPLES} examples of {@code data} ({@link RateDecomposition#overDataSet}: M = N,
   * one seeded sample z_i ~ q(z|x_i) each).
   */
  static double[] decomposition(ModelGraph graph, Dataset data) {
    int batch = DECOMPOSITION_BATCH;
    BetaTcElbo.TcLoss loss = (BetaTcElbo.TcLoss) graph.loss();
    int n = Math.min(DECOMPOSITION_EXAMPLES, data.size());
    int d = (int) graph.model().latentSize();
    double[][] mu = new double[n][d];
    double[][] logVar = new double[n][d];
    double[][] z = new double[n][d];
    java.util.Random random = new java.util.Random(20181);
    data.forEachBatch(n, batch, (Batch b, int from) -> {
      int m = b.n();
      float[] mus = graph.fetchOn(loss.mu(), b);
      float[] lvs = graph.fetchOn(loss.logVariance(), b);
      for (int i = 0; i < m; i++) {
        for (int k = 0; k < d; k++) {
          mu[from + i][k] = mus[i * d + k];
          logVar[from + i][k] = lvs[i * d + k];
          z[from + i][k] = mu[from + i][k] + Math.exp(0.5 * logVar[from + i][k]) * random.nextGaussian();
        }
      }
    });
    return RateDecomposition.overDataSet(mu, logVar, z);
  }


}
