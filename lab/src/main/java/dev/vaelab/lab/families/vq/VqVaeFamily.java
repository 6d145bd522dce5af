package dev.vaelab.lab.families.vq;

import dev.vaelab.lab.graph.GraphFamily.Restored;
import dev.vaelab.lab.stage.RunHook;
import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.GraphRowScorer;
import dev.vaelab.lab.score.RowScorer;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.train.TrainingListener;
import dev.vaelab.vq.CodebookUpdate;
import dev.vaelab.vq.PixelCnnConfig;
import dev.vaelab.vq.PixelCnnPrior;
import dev.vaelab.vq.PixelCnnSampler;
import dev.vaelab.vq.VectorQuantizerConfig;
import dev.vaelab.vq.VqObjective;
import dev.vaelab.vq.VqVae;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --model vq-vae}: the VQ-VAE (van den Oord et al. 2017) — convolutional encoder, nearest
 * codebook vector with the straight-through gradient, commitment loss, EMA or gradient codebook.
 * Trained with the uniform code prior (rate = positions · ln K); after training an independent
 * categorical prior is fitted to the training codes and saved with the checkpoint.
 *
 * <p>The encoder is deterministic (one-hot at the nearest code z*), so an importance-sampled
 * log-likelihood with any K equals −ln P_dec(y|z*) − ln P_pri(z*), an upper bound on −ln p(y):
 * reported as {@code test_nll_upper_bound}, never as {@code test_nll}.
 */
public final class VqVaeFamily extends GraphFamily<VqVaeFamily.Options> {

  /**
   * Options of the VQ-VAE.
   *
   * @param codebookSize number of codes K
   * @param codeDimension code dimension D
   * @param commitment commitment cost β
   * @param ema EMA codebook (true) or codebook trained by the codebook loss
   * @param deadCodeThreshold re-seed codes whose EMA cluster size falls below this (0 = off)
   * @param kmeansInit initialise the codebook by k-means on the first batch's encoder outputs
   * @param codePrior the prior over code maps fitted after training: {@code independent} (a categorical
   *     per position) or {@code pixelcnn} (a gated PixelCNN over the map, trained on the training codes)
   * @param codePriorEpochs epochs of the PixelCNN's training
   * @param codePriorLearningRate Adam's learning rate for the PixelCNN
   * @param codePriorChannels channels of the PixelCNN's stacks
   * @param codePriorLayers gated masked layers of the PixelCNN
   */
  public record Options(
      @Setting(names = "--codebook-size", label = "K", help = "Number of codes K (default ${DEFAULT-VALUE}).")
      int codebookSize,
      @Setting(names = "--code-dimension", label = "D", help = "Code dimension D (default ${DEFAULT-VALUE}).")
      int codeDimension,
      @Setting(names = "--commitment", label = "BETA", help = "Commitment cost β (default ${DEFAULT-VALUE}).")
      double commitment,
      @Setting(names = "--ema", negatable = true, help = "EMA codebook (default) or, with --no-ema, a codebook trained by the codebook loss.")
      boolean ema,
      @Setting(names = "--dead-code-threshold", help = "Re-seed codes whose EMA cluster size falls below this (default ${DEFAULT-VALUE}: off).")
      double deadCodeThreshold,
      @Setting(names = "--kmeans-init", help = "Initialise the codebook by k-means on the first batch's encoder outputs.")
      boolean kmeansInit,
      @Setting(names = "--code-prior", label = "PRIOR", help = "Prior over the code maps fitted after training: independent"
        + " (a categorical per position, the default) or pixelcnn (a gated PixelCNN trained on the training codes).")
      CodePriorKind codePrior,
      @Setting(names = "--code-prior-epochs", label = "N", help = "Epochs of the PixelCNN code prior (default ${DEFAULT-VALUE}).")
      int codePriorEpochs,
      @Setting(names = "--code-prior-lr", label = "LR", help = "Adam's learning rate for the PixelCNN code prior (default ${DEFAULT-VALUE}).")
      double codePriorLearningRate,
      @Setting(names = "--code-prior-channels", label = "C", help = "Channels of the PixelCNN's stacks (default ${DEFAULT-VALUE}).")
      int codePriorChannels,
      @Setting(names = "--code-prior-layers", label = "L", help = "Gated masked layers of the PixelCNN (default ${DEFAULT-VALUE}).")
      int codePriorLayers) implements dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      quantizer(codebookSize, codeDimension, commitment, ema, deadCodeThreshold, 0); // validates, naming the bad value
      if (codePrior == null) {
        throw new IllegalArgumentException("code prior must be one of " + dev.vaelab.lab.settings.Choice.ids(CodePriorKind.class) + ", got null");
      }
      if (codePriorEpochs < 0) {
        throw new IllegalArgumentException("code prior epochs must be >= 0, got " + codePriorEpochs);
      }
      PixelCnnConfig.defaults(codebookSize, 1, 1).withNetwork(codePriorChannels, codePriorLayers)
          .withTraining(codePriorLearningRate, PixelCnnConfig.DEFAULT_BATCH_SIZE); // validates, naming the bad value
    }

    /** K = 128, D = 16, β = 0.25, EMA codebook; independent code prior (PixelCNN settings of B6c: 20 epochs, lr 1e-3, 64 × 5). */
    public static Options defaults() {
      return new Options(VectorQuantizerConfig.DEFAULT_CODEBOOK_SIZE, VectorQuantizerConfig.DEFAULT_DIMENSION,
          VectorQuantizerConfig.DEFAULT_COMMITMENT_COST, true, VectorQuantizerConfig.DEFAULT_DEAD_CODE_THRESHOLD, false,
          CodePriorKind.INDEPENDENT, DEFAULT_CODE_PRIOR_EPOCHS, PixelCnnConfig.DEFAULT_LEARNING_RATE, PixelCnnConfig.DEFAULT_CHANNELS,
          PixelCnnConfig.DEFAULT_LAYERS);
    }




    /** The PixelCNN code prior with the given epochs and network. */

    /** The PixelCNN's settings for a code map of {@code side} × {@code side}. */
    public PixelCnnConfig pixelCnn(int side, int batchSize) {
      return PixelCnnConfig.defaults(codebookSize, side, side).withNetwork(codePriorChannels, codePriorLayers)
          .withTraining(codePriorLearningRate, batchSize);
    }
  }

  /** Epochs of the PixelCNN code prior by default (B6c). */
  public static final int DEFAULT_CODE_PRIOR_EPOCHS = 20;

  static VectorQuantizerConfig quantizer(int k, int d, double commitment, boolean ema, double deadCode, long seed) {
    return VectorQuantizerConfig.defaults()
        .withCodebookSize(k)
        .withDimension(d)
        .withCommitmentCost(commitment)
        .withUpdate(ema ? CodebookUpdate.EMA : CodebookUpdate.GRADIENT)
        .withDeadCodeThreshold(deadCode)
        .withSeed(seed);
  }

  public VqVaeFamily() {
    super("vq-vae", "VQ-VAE (van den Oord et al. 2017): straight-through quantiser, commitment loss, EMA or gradient codebook",
        Options.class, Options.defaults());
  }

  @Override
  protected ModelSpec modelSpec(Options o, dev.vaelab.core.data.ImageShape input, long seed) {
    return VqVae.of(input, quantizer(o.codebookSize(), o.codeDimension(), o.commitment(), o.ema(), o.deadCodeThreshold(), seed));
  }

  @Override
  protected Objective objective(Options o) {
    return new VqObjective();
  }

  @Override
  protected boolean binaryData(Options o) {
    return true; // the VQ-VAE decoder is Bernoulli
  }

  @Override
  protected RunHook extras(Options o, ModelGraph graph, RunSpec spec, Dataset train, RunFolder folder, PrintStream log,
      boolean resume) {
    VqParts parts = VqParts.before(graph, VqParts.model(graph), o, o.kmeansInit() && !resume, spec.training().batchSize(),
        spec.data().seed(), train, folder, log);
    return new RunHook() {
      @Override
      public List<TrainingListener> listeners() {
        return List.of(parts.usage());
      }

      @Override
      public Map<String, Object> after(ModelGraph g, Dataset tr, Dataset te, Runnable saveCheckpoint) {
        return parts.after(g, tr, te, saveCheckpoint);
      }

      /** The training codebook's perplexity and codes used in the epoch just ended. */
      @Override
      public Map<String, Double> epochScalars() {
        var h = parts.usage().history();
        if (h.isEmpty()) {
          return Map.of();
        }
        var last = h.get(h.size() - 1);
        return Map.of("train/perplexity", last.perplexity(), "train/codes_used", (double) last.codesUsed());
      }
    };
  }

  /**
   * The VQ-VAE's test numbers. {@code test_rate} and {@code test_elbo} use the uniform code prior
   * the model was trained with (the quantities of the per-epoch curves); {@code
   * test_rate_fitted_prior} uses the prior fitted to the training codes ({@link #logLikelihood} adds
   * {@code test_nll_upper_bound} = distortion + that rate on the NLL examples).
   */
  @Override
  protected Map<String, Object> testNumbers(Options o, ModelGraph graph, EvaluationResult test, Dataset testData) {
    VqVae spec = VqParts.model(graph);
    double uniformRate = spec.positions() * Math.log(o.codebookSize());
    double elbo = -(test.distortion() + uniformRate);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_elbo", elbo);
    m.put("test_rate", uniformRate);
    m.put("test_distortion", test.distortion());
    m.put("test_bits_per_dim", -elbo / (graph.model().dataSize() * Math.log(2)));
    m.put("active_units", null); // active units measure Gaussian posteriors; a VQ latent is a code
    m.put("test_rate_fitted_prior", test.rate());
    return m;
  }

  @Override
  protected Map<String, Object> logLikelihood(Options o, ModelGraph graph, Dataset test, int k, int n, PrintStream log) {
    EvaluationResult r = Evaluator.evaluate(graph, test.head(n), Evaluator.DEFAULT_BATCH);
    double bound = r.distortion() + r.rate();
    log.printf("test NLL upper bound %.2f nats on %d images: the VQ-VAE's encoder is deterministic, so importance sampling with"
        + " any K (here %d) gives −ln P_dec(y|z*) − ln P_pri(z*) exactly%n", bound, n, k);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_nll_upper_bound", bound);
    m.put("nll_examples", n);
    m.put("nll_k", k);
    m.put("nll_note", "deterministic encoder: the estimate with any K is the bound -ln P_dec(y|z*) - ln P_pri(z*) >= -ln p(y)");
    return m;
  }

  /** The VQ-VAE's sampler is its code prior, fitted to the training codes after training (part of the model). */
  @Override
  protected dev.vaelab.core.sample.LatentSampler latentSampler(RunSpec spec, RunFolder folder, ModelGraph graph, SampleRequest request,
      PrintStream log) {
    if (!request.sampler().equals("prior")) {
      throw new IllegalArgumentException("--sampler " + request.sampler() + ": a VQ-VAE's latents are codes; its sampler is the code prior"
          + " fitted to the training codes after training (--sampler prior, the default)");
    }
    return super.latentSampler(spec, folder, graph, request, log);
  }

  /**
   * As every graph family's images; with the PixelCNN code prior samples.png is drawn under it and
   * samples-independent.png under the independent prior, for comparison.
   */
  @Override
  protected void writeImages(Options o, dev.vaelab.core.data.ImageShape shape, ModelGraph graph, Dataset test, RunFolder folder) {
    super.writeImages(o, shape, graph, test, folder);
    if (o.codePrior() == CodePriorKind.PIXELCNN) {
      RunImages.samples(graph, SAMPLES, shape, folder.file("samples-independent.png"));
      RunImages.write(pixelCnnSamples(o, graph, folder, SAMPLES, SAMPLE_SEED, System.err), SAMPLES, shape, folder.file("samples.png"));
    }
  }

  /**
   * The VQ-VAE's SavedModel (encode, decode, sample under the independent prior); with the PixelCNN code
   * prior also that prior's SavedModel in {@code OUT/code-prior/} (signatures {@code log_prob} and
   * {@code logits}, see {@link PixelCnnPrior#export}).
   */
  @Override
  public String export(RunSpec spec, RunFolder folder, java.nio.file.Path out, PrintStream log) {
    String what = super.export(spec, folder, out, log);
    Options o = options(spec);
    if (o.codePrior() != CodePriorKind.PIXELCNN) {
      return what;
    }
    try (ModelGraph graph = buildGraph(spec, spec.data().seed());
        PixelCnnPrior prior = VqParts.pixelCnn(o, VqParts.model(graph), spec.training().batchSize(), folder, log)) {
      prior.export(out.resolve(VqParts.CODE_PRIOR_DIR));
    }
    return what + "; the PixelCNN code prior as a SavedModel in " + VqParts.CODE_PRIOR_DIR + "/ (signatures log_prob, logits)";
  }

  /** n decoded samples of the restored model under the run's PixelCNN code prior. */
  private static float[] pixelCnnSamples(Options o, ModelGraph graph, RunFolder folder, int n, long seed, PrintStream log) {
    VqVae spec = VqParts.model(graph);
    try (PixelCnnPrior prior = VqParts.pixelCnn(o, spec, PixelCnnConfig.DEFAULT_BATCH_SIZE, folder, log)) {
      return new PixelCnnSampler(prior, spec.builtQuantizer()).sample(graph, n, seed);
    }
  }

  /** Seed of the PixelCNN draws of samples.png. */
  static final long SAMPLE_SEED = 1;

  @Override
  public java.util.List<String> comparisonNotes(RunSpec spec) {
    return java.util.List.of("its test ELBO and rate use the uniform code prior it is trained with (rate = positions · ln K), and its deterministic encoder has"
        + " no importance-sampled NLL: \"NLL upper bound\" is −ln P_dec(y|z*) − ln P_pri(z*) under the code prior fitted after training.");
  }

  /** The SavedModel's encode signature also gives the code index at each latent position ({@code codes}, [N, P] int64). */
  @Override
  protected void exportEncodeOutputs(ModelGraph graph, org.tensorflow.Signature.Builder encode) {
    encode.output("codes", new dev.vaelab.vq.CodeUsage(graph).codeMap());
  }

  /** The code index at each latent position (H/4 · W/4 per example). */
  @Override
  public Encoding encode(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log) {
    DataSource.Splits splits = encodingData(spec, data);
    try (Restored restored = restore(spec, folder, spec.data().seed(), log)) {
      ModelGraph graph = restored.graph();
      dev.vaelab.vq.CodeUsage usage = new dev.vaelab.vq.CodeUsage(graph);
      return new Encoding("code", usage.positions(), floats(usage.codes(splits.train(), dev.vaelab.core.eval.Evaluator.DEFAULT_BATCH)),
          splits.train().labels(), floats(usage.codes(splits.test(), dev.vaelab.core.eval.Evaluator.DEFAULT_BATCH)),
          splits.test().labels());
    }
  }

  /**
   * The quantised vectors z_q = e_k of every latent position (positions · D values per example): the codebook rows the
   * code indices of {@link #encode} name — coordinates the representation metrics can score, where indices are categories.
   */
  @Override
  public Encoding representation(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log) {
    Encoding codes = encode(spec, folder, data, log);
    float[] codebook;
    int d;
    try (Restored restored = restore(spec, folder, spec.data().seed(), log);
        org.tensorflow.Result r = restored.graph().session().runner().fetch(VqParts.model(restored.graph()).builtQuantizer().codebook()).run()) {
      codebook = dev.vaelab.core.graph.Feeds.values((org.tensorflow.types.TFloat32) r.get(0));
      d = VqParts.model(restored.graph()).quantizer().dimension();
    }
    return new Encoding("quantised", codes.width() * d, quantised(codes.train(), codebook, d), codes.trainLabels(),
        quantised(codes.test(), codebook, d), codes.testLabels());
  }

  /** Each code index replaced by its D-value codebook row. */
  static float[] quantised(float[] codes, float[] codebook, int d) {
    float[] out = new float[codes.length * d];
    for (int i = 0; i < codes.length; i++) {
      System.arraycopy(codebook, (int) codes[i] * d, out, i * d, d);
    }
    return out;
  }

  /**
   * Rows are scored with their code maps (as {@link #encode}) in place of posterior means, and with
   * the rate of the uniform code prior (positions · ln K) as the test numbers report it. No nll
   * column whatever K: the deterministic encoder makes the importance-sampled estimate with any K
   * equal to −bound (the objective's bound under the fitted code prior), the test_nll_upper_bound.
   */
  @Override
  protected RowScorer rowScorer(ModelGraph graph, int nllK) {
    dev.vaelab.vq.CodeUsage usage = new dev.vaelab.vq.CodeUsage(graph);
    VqVae spec = VqParts.model(graph);
    return new GraphRowScorer(graph, 0, "code", usage.positions(), (g, b) -> floats(usage.codes(b)),
        spec.positions() * Math.log(spec.quantizer().codebookSize()));
  }

  private static float[] floats(int[] codes) {
    float[] f = new float[codes.length];
    for (int i = 0; i < codes.length; i++) {
      f[i] = codes[i];
    }
    return f;
  }

  /** A VQ-VAE's own prior is its code prior (no post-hoc sampler of continuous latents applies). */
  @Override
  protected java.util.List<String> metricSamplers(Options o) {
    return java.util.List.of("prior");
  }

  /** With a PixelCNN code prior: {@code pixelcnn}, n samples under it (drawn in chunks of 1,000 maps); {@code prior} is then the independent one. */
  @Override
  protected java.util.List<dev.vaelab.lab.score.SampleSet> extraSampleSets(RunSpec spec, RunFolder folder, ModelGraph graph, int n, long seed,
      PrintStream log) {
    Options o = options(spec);
    if (o.codePrior() != CodePriorKind.PIXELCNN) {
      return java.util.List.of();
    }
    log.printf("sampling %d code maps from the PixelCNN code prior, position by position%n", n);
    int d = (int) spec.shape().size();
    float[] out = new float[n * d];
    int chunk = 1000;
    for (int from = 0; from < n; from += chunk) {
      int m = Math.min(chunk, n - from);
      float[] part = pixelCnnSamples(o, graph, folder, m, seed * 1_000_003L + from, log);
      System.arraycopy(part, 0, out, from * d, part.length);
    }
    return java.util.List.of(new dev.vaelab.lab.score.SampleSet("pixelcnn", out, n));
  }

  /** Samples under the run's code prior: the PixelCNN's when the run has one, else the independent prior's. */
  @Override
  public java.nio.file.Path sample(RunSpec spec, RunFolder folder, SampleRequest request, java.nio.file.Path out, PrintStream log) {
    Options o = options(spec);
    if (o.codePrior() != CodePriorKind.PIXELCNN) {
      return super.sample(spec, folder, request, out, log);
    }
    try (Restored restored = restore(spec, folder, request.seed(), log)) {
      ModelGraph graph = restored.graph();
      latentSampler(spec, folder, graph, request, log); // refuses samplers other than the prior
      log.println("sampling the PixelCNN code prior position by position");
      RunImages.write(pixelCnnSamples(o, graph, folder, request.n(), request.seed(), log), request.n(), spec.shape(), out);
      return out;
    }
  }


  /** Its latents are categories (one-hot groups, code indices): no traversal. */
  @Override
  protected boolean continuousLatents(Options o) {
    return false;
  }
}
