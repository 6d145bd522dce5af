package dev.vaelab.lab.graph;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.GraphRowScorer;
import dev.vaelab.lab.score.ModelInputs;
import dev.vaelab.lab.score.RowScorer;
import dev.vaelab.lab.score.SampleSet;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.ImageShape;
import dev.vaelab.core.eval.EvaluationResult;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.sample.LatentSampler;
import dev.vaelab.core.sample.PriorSampler;
import dev.vaelab.core.sample.FittedSampler;
import dev.vaelab.lab.stage.Recipe;
import dev.vaelab.lab.stage.RunHook;
import dev.vaelab.lab.stage.TrainingPipeline;
import dev.vaelab.lab.stage.TrainingRun;
import dev.vaelab.core.sample.PostHocSamplerKind;
import dev.vaelab.core.sample.PostHocSamplers;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.eval.ImportanceSampledLogLikelihood;
import dev.vaelab.core.eval.LogLikelihoodEstimate;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A family whose model is a triad built into a TensorFlow graph and trained by minibatch gradient
 * steps on an objective: it supplies the {@link ModelSpec}, the {@link Objective} and whether its
 * decoder wants binary data; training, checkpoints, evaluation and sampling are the same for all.
 * A run folder holds:
 *
 * <pre>
 *   config.json  metrics.csv  metrics.json  summary.json  evaluations.json
 *   samples.png  reconstructions.png  interpolations.png  checkpoint/
 * </pre>
 *
 * @param <O> the options record
 */
public abstract class GraphFamily<O extends Record> extends ModelFamily<O> {
  /** Samples in samples.png. */
  public static final int SAMPLES = 64;
  /** Test images in reconstructions.png. */
  public static final int RECONSTRUCTIONS = 16;

  protected GraphFamily(String name, String description, Class<O> optionsType, O defaults) {
    super(name, description, optionsType, defaults);
  }

  @Override
  public final boolean trainedByGradient() {
    return true;
  }

  /**
   * The model recipe for examples of shape {@code input} (the data's: H × W × C images, or D
   * features).
   */
  protected abstract ModelSpec modelSpec(O options, ImageShape input, long seed);

  /** The objective it is trained on. */
  protected abstract Objective objective(O options);

  /**
   * The model recipe with {@code prior} in place of its own (for the test NLL under a post-hoc
   * mixture); families whose prior cannot be replaced refuse.
   */
  protected ModelSpec modelSpecWithPrior(O options, ImageShape input, dev.vaelab.core.model.PriorFactory prior) {
    throw new IllegalArgumentException("model " + name() + " has no continuous prior a post-hoc mixture could replace");
  }

  /**
   * Writes samples.png, reconstructions.png and interpolations.png of a trained model (for
   * vector data: samples.csv).
   */
  protected void writeImages(O options, ImageShape shape, ModelGraph graph, Dataset test, RunFolder folder) {
    if (shape.isVector()) {
      RunImages.write(graph.sample(SAMPLES), SAMPLES, shape, folder.file("samples.csv"));
      return;
    }
    RunImages.samples(graph, SAMPLES, shape, folder.file("samples.png"));
    RunImages.reconstructions(graph, test, RECONSTRUCTIONS, shape, folder.file("reconstructions.png"));
    RunImages.interpolations(graph, test, 4, shape, folder.file("interpolations.png"));
    if (continuousLatents(options)) {
      RunImages.traversals(graph, test, shape, folder.file("traversals.png"));
    }
  }

  /** Whether the latents are continuous coordinates a traversal can move along (not one-hot categories or codes). */
  protected boolean continuousLatents(O options) {
    return true;
  }

  @Override
  public String sampleFileName(RunSpec spec, long seed) {
    return "samples-" + seed + (spec.shape().isVector() ? ".csv" : ".png");
  }

  /**
   * Whether the family can train on rows streamed from disk ({@code --stream}); those that need the
   * whole training set in memory (its size, its contexts) refuse.
   */
  protected boolean streams() {
    return true;
  }

  /** Whether the decoder is Bernoulli (the data are binarised) rather than Gaussian (grey levels). */
  protected abstract boolean binaryData(O options);

  /** The family's extra work around training (see {@link RunHook}; none by default). */
  protected RunHook extras(O options, ModelGraph graph, RunSpec spec, Dataset train, RunFolder folder, PrintStream log, boolean resume) {
    return RunHook.NONE;
  }

  /**
   * The test numbers of a restored or trained model, as summary/evaluation entries. The default
   * reports the evaluator's ELBO, rate, distortion, bits/dim and active units.
   */
  protected Map<String, Object> testNumbers(O options, ModelGraph graph, EvaluationResult test, Dataset testData) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_elbo", test.elbo());
    m.put("test_rate", test.rate());
    m.put("test_distortion", test.distortion());
    m.put("test_bits_per_dim", test.bitsPerDim());
    m.put("active_units", test.activeUnits());
    return m;
  }

  /**
   * Whether the objective bounds ln p(y): false for a family with a deterministic encoder, which then reports no ELBO,
   * rate or bound and says why there is no log-likelihood ({@link #withoutLikelihood}).
   */
  protected boolean boundsLikelihood(O options) {
    return true;
  }

  /** Why a model with a deterministic encoder has no likelihood here (the value of {@code test_nll_unavailable}). */
  public static final String NO_LIKELIHOOD = "deterministic encoder: a point mass has no density, so there is no ELBO and no proposal for"
      + " importance sampling; fit a sampler (--sampler gmm, maf) for samples";

  /** The test numbers of a model without a likelihood: the distortion and active units, no ELBO, rate or bits/dim. */
  protected static Map<String, Object> withoutLikelihood(Map<String, Object> m) {
    m.remove("test_elbo");
    m.remove("test_rate");
    m.remove("test_bits_per_dim");
    m.put("test_nll_unavailable", NO_LIKELIHOOD);
    return m;
  }

  /**
   * The importance-sampled test log-likelihood with exactly {@code k} samples on the first {@code n}
   * test examples (keys {@code test_nll}, {@code nll_k}, ...).
   */
  protected Map<String, Object> logLikelihood(O options, ModelGraph graph, Dataset test, int k, int n, PrintStream log) {
    if (!boundsLikelihood(options)) {
      log.println("no test log-likelihood: " + NO_LIKELIHOOD);
      return new LinkedHashMap<>(Map.of("test_nll_unavailable", NO_LIKELIHOOD));
    }
    log.printf("estimating the test log-likelihood: K = %d importance samples on %d test images%n", k, n);
    LogLikelihoodEstimate ll =
        new ImportanceSampledLogLikelihood(graph).estimate(test, n, k, ImportanceSampledLogLikelihood.DEFAULT_BATCH);
    log.printf("test NLL %.2f ± %.2f nats (K = %d, %d images, mean ESS %.1f)%n",
        ll.nll(), ll.standardError(), ll.samples(), ll.examples(), ll.meanEffectiveSampleSize());
    return ll.toMap();
  }

  /**
   * The run's model as a new graph (its initial values fixed by {@code graphSeed}), for code that
   * trains or scores it outside {@link #train} (data-parallel training on Spark).
   */
  public ModelGraph newGraph(RunSpec spec, long graphSeed) {
    return buildGraph(spec, graphSeed);
  }

  /**
   * The run's model rebuilt (noise seeded by {@code seed}) and restored from the newest usable
   * checkpoint of {@code folder}, warnings to {@code log}: the one way every verb on a trained run
   * (evaluate, sample, export, encode, score) gets its model. The caller closes it.
   */
  public Restored restore(RunSpec spec, RunFolder folder, long seed, PrintStream log) {
    ModelGraph graph = buildGraph(spec, seed);
    try {
      Path checkpoint = graph.restore(folder.checkpoints(), w -> log.println("warning: " + w));
      return new Restored(graph, checkpoint);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /**
   * A restored model and the checkpoint it came from.
   *
   * @param graph the model's graph, its variables restored
   * @param checkpoint the checkpoint folder restored
   */
  public record Restored(ModelGraph graph, Path checkpoint) implements AutoCloseable {
    @Override
    public void close() {
      graph.close();
    }
  }

  /** The run's data, read and preprocessed as {@link #train} reads them. */
  public DataSource.Splits splits(RunSpec spec) {
    return data(spec);
  }

  /** The settings config.json records for {@code spec}: its data's shape and preprocessing added. */
  public RunSpec recorded(RunSpec spec, DataSource.Splits data) {
    return spec.withRead(data.record());
  }

  protected ModelGraph buildGraph(RunSpec spec, long graphSeed) {
    O o = options(spec);
    ModelSpec m = modelSpec(o, spec.shape(), spec.data().seed());
    Objective obj = objective(o);
    return spec.training().deterministic() ? ModelGraph.buildDeterministic(m, obj, graphSeed) : ModelGraph.build(m, obj, graphSeed);
  }

  /** Latent samples a training step draws per example (1; an IWAE's k · M). */
  protected long samplesPerExample(O options) {
    return 1;
  }

  /** The options setting {@link #samplesPerExample} as typed, for messages ("" when it is 1). */
  protected String samplesOption(O options) {
    return "";
  }

  protected DataSource.Splits data(RunSpec spec) {
    return DataSource.load(spec.data(), spec.read(), binaryData(options(spec)), name());
  }


  /** Trains through the standard {@link TrainingPipeline} with this family's {@link #recipe}. */
  @Override
  public Map<String, Object> train(RunSpec spec, RunFolder folder, boolean resume, PrintStream log) {
    return TrainingPipeline.standard().run(new TrainingRun(recipe(spec), spec, folder, resume, log));
  }

  /** This family as the stages see it for a run of {@code run}'s options: its hooks behind the {@link Recipe} interface. */
  public Recipe recipe(RunSpec run) {
    return new GraphRecipe<>(this, options(run)); // a run of another family is refused by options()
  }

  @Override
  public Map<String, Object> evaluate(RunSpec spec, RunFolder folder, EvaluationRequest request, PrintStream log) {
    O o = options(spec);
    DataSource.Splits data = data(spec);
    try (Restored restored = restore(spec, folder, request.seed(), log)) {
      ModelGraph graph = restored.graph();
      Path ckpt = restored.checkpoint();
      EvaluationResult r = Evaluator.evaluate(graph, data.test(), Evaluator.DEFAULT_BATCH);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("checkpoint", folder.dir().relativize(ckpt).toString());
      m.put("dataset", data.name());
      m.put("test_examples", r.examples());
      if (boundsLikelihood(o)) {
        m.put("test_bound", r.bound());
      }
      m.putAll(testNumbers(o, graph, r, data.test()));
      if (request.nllK() > 0) {
        int n = request.nllExamples() > 0 ? Math.min(request.nllExamples(), data.test().size()) : data.test().size();
        m.putAll(logLikelihood(o, graph, data.test(), request.nllK(), n, log));
        if (!request.sampler().equals(PostHocSamplers.PRIOR) && boundsLikelihood(o)) {
          m.putAll(posthocLogLikelihood(spec, folder, graph, ckpt, request, n, log));
        }
      }
      return m;
    }
  }

  /**
   * The test NLL with a post-hoc density as the prior (B5d): the model rebuilt with the fitted density (the mixture,
   * the MAF) as P_pri and the same checkpoint, then the same importance-sampled estimate. Keys {@code
   * test_nll_posthoc_KIND}, {@code test_elbo_posthoc_KIND}, {@code posthoc_KIND_components} ({@code gmm}, {@code maf},
   * {@code two_stage}).
   */
  private Map<String, Object> posthocLogLikelihood(
      RunSpec spec, RunFolder folder, ModelGraph graph, Path ckpt, EvaluationRequest request, int n, PrintStream log) {
    O o = options(spec);
    modelSpecWithPrior(o, spec.shape(), dev.vaelab.core.model.PriorFactory.STANDARD_NORMAL); // refuses before the fit if the prior cannot be replaced
    PostHocSamplerKind kind = PostHocSamplers.named(request.sampler());
    String suffix = "_posthoc_" + kind.name().replace('-', '_');
    FittedSampler fitted = posthocSampler(spec, folder, graph, request.sampler(), request.components(), log);
    ModelSpec m = modelSpecWithPrior(o, spec.shape(), fitted.asPrior());
    Map<String, Object> out = new LinkedHashMap<>();
    DataSource.Splits data = data(spec);
    try (ModelGraph withMixture = ModelGraph.build(m, objective(o), request.seed())) {
      withMixture.restore(ckpt.getParent(), w -> log.println("warning: " + w));
      EvaluationResult r = Evaluator.evaluate(withMixture, data.test(), Evaluator.DEFAULT_BATCH);
      log.printf("with the post-hoc %s (K = %d) as the prior: ", kind.description(), request.components());
      LogLikelihoodEstimate ll =
          new ImportanceSampledLogLikelihood(withMixture).estimate(data.test(), n, request.nllK(), ImportanceSampledLogLikelihood.DEFAULT_BATCH);
      log.printf("test NLL %.2f ± %.2f nats, test ELBO %.2f%n", ll.nll(), ll.standardError(), r.elbo());
      out.put(suffix.substring(1) + "_components", request.components());
      out.put("test_elbo" + suffix, r.elbo());
      out.put("test_nll" + suffix, ll.nll());
      out.put("nll_standard_error" + suffix, ll.standardError());
    }
    return out;
  }

  /**
   * A TensorFlow SavedModel (tag {@code serve}) of the restored model with four signatures:
   * {@code encode} (y → posterior_mean), {@code decode} (z → mean), {@code sample} (n → samples) and
   * {@code score} (y → elbo = −(rate + distortion), bound — the objective's own: the ELBO, or L_k for
   * IWAE —, rate, distortion per example, at the model's first noise draw: the same numbers on every
   * call), loadable by
   * {@code SavedModelBundle.load(dir, "serve")} in any TensorFlow runtime.
   */
  @Override
  public String export(RunSpec spec, RunFolder folder, Path out, PrintStream log) {
    try (Restored restored = restore(spec, folder, spec.data().seed(), log)) {
      return SavedModelExport.write(restored.graph(), this::exportEncodeOutputs, out) + " of " + folder.dir().relativize(restored.checkpoint());
    }
  }

  /** The posterior means E[z|y] of both splits, in batches. */
  @Override
  public Encoding encode(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log) {
    DataSource.Splits splits = encodingData(spec, data);
    if (splits.streamed()) {
      log.printf("streamed data: the training split's first %d rows (of %d) and the %d test rows are encoded%n",
          splits.train().size(), splits.rows().size(), splits.test().size());
    }
    try (Restored restored = restore(spec, folder, spec.data().seed(), log)) {
      ModelGraph graph = restored.graph();
      float[] train = means(graph, splits.train());
      float[] test = means(graph, splits.test());
      return new Encoding("z", train.length / splits.train().size(), train, splits.train().labels(), test, splits.test().labels());
    }
  }

  /** The data to encode, checked against the shape the run was trained on. */
  protected DataSource.Splits encodingData(RunSpec spec, DataSettings data) {
    DataSource.Splits splits = data(spec.withData(data).withRead(spec.read())); // the run's recorded preprocessing (min-max range) applies
    if (!splits.shape().equals(spec.shape())) {
      throw new IllegalArgumentException("--data " + data.data() + " has examples of shape " + splits.shape() + "; the run was trained on "
          + spec.shape());
    }
    return splits;
  }

  private static float[] means(ModelGraph graph, Dataset d) {
    return graph.encodeMeans(d, d.size(), Evaluator.DEFAULT_BATCH);
  }

  @Override
  public ModelInputs inputs(RunSpec spec, DataSettings data) {
    DataSource.Splits splits = encodingData(spec, data);
    return new ModelInputs(splits.test().dimension(), ModelInputs.flat(splits.train()), splits.train().labels(), ModelInputs.flat(splits.test()),
        splits.test().labels(), splits.test().hasContext() ? splits.test().contextSize() : 0, ModelInputs.contexts(splits.train()),
        ModelInputs.contexts(splits.test()));
  }

  @Override
  public RowScorer scorer(RunSpec spec, RunFolder folder, long seed, int nllK) {
    return scorer(spec, folder, seed, nllK, new PrintStream(java.io.OutputStream.nullOutputStream()));
  }

  @Override
  public RowScorer scorer(RunSpec spec, RunFolder folder, long seed, int nllK, PrintStream log) {
    Restored restored = restore(spec, folder, seed, log);
    try {
      return rowScorer(restored.graph(), nllK);
    } catch (RuntimeException e) {
      restored.close();
      throw e;
    }
  }

  /** The row scorer of a restored graph: the objective's terms, the NLL, the posterior means (as {@link #encode}). */
  protected RowScorer rowScorer(ModelGraph graph, int nllK) {
    return new GraphRowScorer(graph, nllK, "z", (int) graph.model().latentSize(), ModelGraph::encodeMean, null);
  }

  /** Outputs a family adds to its SavedModel's {@code encode} signature (none by default). */
  protected void exportEncodeOutputs(ModelGraph graph, org.tensorflow.Signature.Builder encode) {}

  @Override
  public Path sample(RunSpec spec, RunFolder folder, SampleRequest request, Path out, PrintStream log) {
    try (Restored restored = restore(spec, folder, request.seed(), log)) {
      ModelGraph graph = restored.graph();
      LatentSampler sampler = latentSampler(spec, folder, graph, request, log);
      RunImages.write(sampler.sample(graph, request.n(), request.seed()), request.n(), spec.shape(), out);
      return out;
    }
  }

  @Override
  public DataSource.Splits sampleData(RunSpec spec) {
    return data(spec);
  }

  /** Rows decoded at once when drawing sample sets (bounds the decoder's memory). */
  private static final int SAMPLE_CHUNK = 1000;

  /**
   * For each sampler of {@link #metricSamplers} ({@code prior}, then every post-hoc kind with K = {@value
   * ModelFamily#DEFAULT_COMPONENTS}, fitted or loaded as {@code sample --sampler} does), n decoder means at latents from
   * it; a conditional model's samples are given the contexts of the test rows in turn (so the classes are as frequent as
   * in the test split). Then {@code reconstruction}: the decoder means at E[z|y] of the first n test rows.
   */
  @Override
  public List<SampleSet> sampleSets(RunSpec spec, RunFolder folder, int n, long seed, PrintStream log) {
    dev.vaelab.lab.run.Sizes.checkFloats("--samples " + n, n, spec.shape().size(), "samples");
    DataSource.Splits data = data(spec);
    List<SampleSet> out = new ArrayList<>();
    try (Restored restored = restore(spec, folder, seed, log)) {
      ModelGraph graph = restored.graph();
      float[] contexts = graph.isConditional() ? cyclicContexts(data.test(), n) : null;
      for (String s : metricSamplers(options(spec))) {
        LatentSampler sampler = latentSampler(spec, folder, graph, new SampleRequest(n, seed, s, DEFAULT_COMPONENTS), log);
        float[] z = sampler instanceof PriorSampler ? graph.samplePrior(n, contexts) : sampler.sampleLatents(graph, n, seed);
        out.add(new SampleSet(SampleSet.sourceOf(s), decodeInChunks(graph, z, n, contexts), n));
      }
      out.addAll(extraSampleSets(spec, folder, graph, n, seed, log));
      Dataset test = data.test();
      int m = Math.min(n, test.size());
      float[] rec = new float[(int) (m * spec.shape().size())];
      test.forEachBatch(m, SAMPLE_CHUNK, (b, from) -> {
        float[] part = graph.reconstruct(b);
        System.arraycopy(part, 0, rec, (int) (from * spec.shape().size()), part.length);
      });
      out.add(new SampleSet("reconstruction", rec, m));
      return out;
    }
  }

  /** Posterior means E[z|y] of raw rows, binarised first when the run's decoder is Bernoulli; a conditional model is refused (it needs the label). */
  @Override
  public dev.vaelab.lab.score.RowEncoder rowEncoder(RunSpec spec, RunFolder folder, long seed, PrintStream log) {
    boolean binary = binaryData(options(spec));
    Restored restored = restore(spec, folder, seed, log);
    if (restored.graph().isConditional()) {
      restored.close();
      throw new IllegalArgumentException("model " + name() + " encodes an observation given its label; the disentanglement metrics encode"
          + " observations alone");
    }
    return new dev.vaelab.lab.score.RowEncoder() {
      @Override
      public double[][] codes(float[] rows, int n) {
        float[] x = rows;
        if (binary) {
          x = new float[rows.length];
          for (int i = 0; i < x.length; i++) {
            x[i] = rows[i] > 0.5f ? 1f : 0f;
          }
        }
        int d = x.length / n;
        float[] z = restored.graph().encodeMeans(new Dataset("rows", x, d, null), n, Evaluator.DEFAULT_BATCH);
        return dev.vaelab.lab.features.FeatureExtractor.rows(z, z.length / n);
      }

      @Override
      public void close() {
        restored.close();
      }
    };
  }

  /** The samplers whose samples the sample metrics score: the prior and every post-hoc kind. */
  protected List<String> metricSamplers(O options) {
    return SampleRequest.samplers();
  }

  /** Sample sets a family adds (a VQ-VAE's PixelCNN code prior); none by default. */
  protected List<SampleSet> extraSampleSets(RunSpec spec, RunFolder folder, ModelGraph graph, int n, long seed, PrintStream log) {
    return List.of();
  }

  private static float[] decodeInChunks(ModelGraph graph, float[] z, int n, float[] contexts) {
    int d = z.length / n;
    int c = contexts == null ? 0 : contexts.length / n;
    float[] out = null;
    for (int from = 0; from < n; from += SAMPLE_CHUNK) {
      int m = Math.min(SAMPLE_CHUNK, n - from);
      float[] y = graph.decodeMean(java.util.Arrays.copyOfRange(z, from * d, (from + m) * d), m,
          contexts == null ? null : java.util.Arrays.copyOfRange(contexts, from * c, (from + m) * c));
      int width = y.length / m;
      if (out == null) {
        out = new float[n * width];
      }
      System.arraycopy(y, 0, out, from * width, y.length);
    }
    return out;
  }

  /** The contexts of the test rows 0, 1, …, taken in turn for n rows. */
  private static float[] cyclicContexts(Dataset test, int n) {
    int c = test.contextSize();
    float[] out = new float[n * c];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i % test.size();
    }
    test.copyContextRows(order, 0, n, out);
    return out;
  }

  /**
   * The sampler asked for: the prior, or a post-hoc sampler of the kind named (from {@link
   * PostHocSamplers}, e.g. {@code gmm}) over the training set's posterior means — fitted on first use
   * and saved as {@code sampler-posthoc-NAME-K.json} in the run folder, reloaded afterwards.
   */
  protected LatentSampler latentSampler(RunSpec spec, RunFolder folder, ModelGraph graph, SampleRequest request, PrintStream log) {
    if (request.sampler().equals(PostHocSamplers.PRIOR)) {
      return new PriorSampler();
    }
    return posthocSampler(spec, folder, graph, request.sampler(), request.components(), log);
  }

  /**
   * The post-hoc sampler {@code kind} with K components over the training set's posterior means of
   * the restored model: loaded from {@code sampler-posthoc-KIND-K.json} in the run folder, or fitted
   * and saved there.
   */
  protected FittedSampler posthocSampler(RunSpec spec, RunFolder folder, ModelGraph graph, String kind, int components, PrintStream log) {
    PostHocSamplerKind k = PostHocSamplers.named(kind);
    Path file = folder.file("sampler-posthoc-" + k.name() + "-" + components + ".json");
    if (Files.isRegularFile(file)) {
      log.println("post-hoc " + k.name() + " loaded from " + file);
      return k.load(file);
    }
    Dataset train = data(spec).train();
    log.printf("fitting a %d-component %s to the posterior means of %d training examples%n", components, k.description(), train.size());
    FittedSampler s = k.fit(graph, train, components, spec.data().seed());
    s.save(file);
    log.println("saved the sampler to " + file);
    return s;
  }
}
