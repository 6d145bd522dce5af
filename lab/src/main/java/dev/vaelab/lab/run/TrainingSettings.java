package dev.vaelab.lab.run;


import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.lab.settings.Setting;

/**
 * The settings of gradient training and of the end-of-run evaluation, shared by every family that
 * is trained by minibatch gradient steps (not by the Gaussian mixture, which EM fits in closed form).
 *
 * @param epochs epochs to train (a continued run trains up to this many in all)
 * @param batchSize minibatch size
 * @param learningRate Adam's learning rate
 * @param nllK importance samples K of the test log-likelihood written to summary.json (0 = skip)
 * @param nllExamples test examples it uses (the first ones); at least 1 when {@code nllK > 0}
 * @param skipNonfinite skip a batch whose loss or gradient is NaN/Inf instead of stopping
 * @param deterministic single-threaded kernels: bit-for-bit reproducible runs (slower)
 * @param metrics representation metrics computed at the end of the run and written to summary.json ({@code
 *     probe,knn,cluster}; "" none — see {@link dev.vaelab.lab.score.RepresentationScores})
 */
public record TrainingSettings(
    @Setting(names = "--epochs", help = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs,
    @Setting(names = "--batch-size", help = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize,
    @Setting(names = "--lr", label = "<lr>", help = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double learningRate,
    @Setting(names = {"--nll-k", "--nll"}, label = "K", help = "Importance samples K of the test log-likelihood, exactly (default ${DEFAULT-VALUE}; 0 skips it).")
    int nllK,
    @Setting(names = "--nll-examples", label = "N", help = "Test images used for it, the first ones (default ${DEFAULT-VALUE}).")
    int nllExamples,
    @Setting(names = "--skip-nonfinite", help = "Skip a batch whose loss or gradient is NaN/Inf (its gradient becomes zeros) instead of stopping with a message;"
        + " the count per epoch goes to metrics.csv.")
    boolean skipNonfinite,
    @Setting(names = "--deterministic", help = "Run TensorFlow's kernels on one thread so that the same seed gives the same run bit for bit (slower).")
    boolean deterministic,
    @Setting(names = "--metrics", label = "LIST", help = "Metrics of the trained model written to summary.json and TensorBoard, some of: probe"
        + " (linear-probe accuracy), knn (5-NN accuracy), cluster (k-means NMI and ARI) of the latents — the data need labels —; fd (Fréchet"
        + " distance), kid (kernel distance), pr (precision and recall) of its samples and reconstructions against the test split, in the"
        + " feature network's space (default: none). See docs/metrics.md.")
    String metrics) implements dev.vaelab.lab.settings.Settings<TrainingSettings> {
  /** Default epochs. */
  public static final int DEFAULT_EPOCHS = 20;
  /** Default K of the test log-likelihood. */
  public static final int DEFAULT_NLL_K = 1000;
  /** Default number of test examples for it. */
  public static final int DEFAULT_NLL_EXAMPLES = 500;

  public TrainingSettings {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning_rate must be a finite number > 0, got " + learningRate);
    }
    if (nllK < 0) {
      throw new IllegalArgumentException("nll_k must be >= 0 (0 skips the test log-likelihood), got " + nllK);
    }
    if (nllK > 0 && nllExamples < 1) {
      throw new IllegalArgumentException("nll_examples must be >= 1 when nll_k is " + nllK + ", got " + nllExamples);
    }
    if (nllExamples < 0) {
      throw new IllegalArgumentException("nll_examples must be >= 0, got " + nllExamples);
    }
    if (metrics == null) {
      throw new IllegalArgumentException("metrics must be a string (\"\" for none), got null");
    }
    metrics = String.join(",", dev.vaelab.lab.score.MetricNames.parse(metrics)); // refused here when unknown
  }

  /** Defaults: 20 epochs, batch 128, learning rate 1e-3, K = 1000 on 500 test images. */
  public static TrainingSettings defaults() {
    return new TrainingSettings(DEFAULT_EPOCHS, TrainerConfig.DEFAULT_BATCH_SIZE, TrainerConfig.DEFAULT_LEARNING_RATE,
        DEFAULT_NLL_K, DEFAULT_NLL_EXAMPLES, false, false, "");
  }





  /** The trainer's settings. */
  public TrainerConfig trainerConfig(long seed) {
    return new TrainerConfig(learningRate, batchSize, seed, false, skipNonfinite);
  }
}
