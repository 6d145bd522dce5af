package dev.vaelab.iwae;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The signal-to-noise ratio of a model's gradient estimator (Rainforth et al. 2018, eq. 5): for
 * every scalar parameter θ_j, over R independent draws of the objective's noise on one fixed batch,
 *
 * <pre>
 *   SNR_j = | mean_r g_{j,r} | / sd_r g_{j,r},   g_{j,r} = ∂(−loss_r)/∂θ_j
 * </pre>
 *
 * reported as the mean of SNR_j over the selected parameters (those whose gradient varies between
 * draws). The gradient is the objective's own training gradient (its {@code total}'s derivative).
 * Draw r uses the graph's noise of draw index r at the current step, so a measurement repeats.
 */
public final class GradientSignalToNoise {
  /** Draws of Rainforth et al. and B5f. */
  public static final int DEFAULT_DRAWS = 100;

  private GradientSignalToNoise() {}

  /** Selects the encoder's parameters (named {@code enc…}). */
  public static final Predicate<String> ENCODER = name -> name.startsWith("enc");
  /** Selects the decoder's parameters (named {@code dec…}). */
  public static final Predicate<String> DECODER = name -> name.startsWith("dec");

  /**
   * @param batch the fixed batch
   * @param draws R ≥ 2
   * @param select which parameters, by variable name
   * @return the mean SNR over the selected scalar parameters
   */
  public static double measure(ModelGraph graph, Batch batch, int draws, Predicate<String> select) {
    if (draws < 2) {
      throw new IllegalArgumentException("the SNR needs at least 2 draws, got " + draws);
    }
    List<Variable<TFloat32>> vars = new ArrayList<>();
    for (Variable<TFloat32> v : graph.parameters().variables()) {
      if (select.test(v.op().name())) {
        vars.add(v);
      }
    }
    if (vars.isEmpty()) {
      throw new IllegalArgumentException("no parameter of model '" + graph.spec().name() + "' is selected for the SNR");
    }
    Gradients grads;
    synchronized (graph) {
      grads = graph.tf().gradients(graph.loss().total(), vars);
    }
    double[][] sum = new double[vars.size()][];
    double[][] sumSq = new double[vars.size()][];
    for (int r = 1; r <= draws; r++) {
      List<Tensor> fed = new ArrayList<>();
      try {
        TInt64 d = TInt64.scalarOf(r);
        fed.add(d);
        Session.Runner runner = graph.feed(graph.session().runner(), batch, fed).feed(graph.drawIndex(), d);
        for (int i = 0; i < vars.size(); i++) {
          Output<TFloat32> g = grads.dy(i);
          runner.fetch(g);
        }
        try (Result res = runner.run()) {
          for (int i = 0; i < vars.size(); i++) {
            float[] g = Feeds.values((TFloat32) res.get(i));
            if (sum[i] == null) {
              sum[i] = new double[g.length];
              sumSq[i] = new double[g.length];
            }
            for (int j = 0; j < g.length; j++) { // Welford: running mean and sum of squared deviations
              double delta = g[j] - sum[i][j];
              sum[i][j] += delta / r;
              sumSq[i][j] += delta * (g[j] - sum[i][j]);
            }
          }
        }
      } finally {
        fed.forEach(Tensor::close);
      }
    }
    double total = 0;
    long counted = 0;
    for (int i = 0; i < vars.size(); i++) {
      for (int j = 0; j < sum[i].length; j++) {
        double mean = sum[i][j];
        double var = sumSq[i][j] / (draws - 1);
        if (var > 0) {
          total += Math.abs(mean) / Math.sqrt(var);
          counted++;
        }
      }
    }
    if (counted == 0) {
      throw new IllegalStateException("the selected gradients do not vary between draws: the objective has no noise");
    }
    return total / counted;
  }
}
