package dev.vaelab.lab.families.vae;

import dev.vaelab.lab.graph.GraphFamily.Restored;
import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;

import dev.vaelab.core.data.Batch;
import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.image.ImageGrid;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.sample.LatentSampler;
import dev.vaelab.gaussian.GaussianVae;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --model cvae}: the conditional VAE of Sohn, Lee and Yan (2015). The one-hot class label c
 * enters the encoder and the decoder, and optionally the prior:
 *
 * <pre>
 *   ln p(y|c) ≥ E_{q(z|y,c)}[ln p(y|z,c)] − KL(q(z|y,c) ‖ p(z|c)),   p(z|c) = N(0, I), a learned mixture, or N(μ(c), σ²(c))
 * </pre>
 *
 * Its test NLL is the conditional −ln p(y|c) (summary key {@code test_nll_conditional}, never
 * {@code test_nll}); its sample grid has one row per class.
 */
public final class CvaeFamily extends VaeNetwork.Family<CvaeFamily.Options> {
  /** Classes of Fashion-MNIST. */
  public static final int DEFAULT_CLASSES = 10;

  /**
   * Options of the conditional VAE.
   *
   * @param hidden MLP hidden sizes
   * @param latent latent size d
   * @param decoder bernoulli, gaussian or gaussian-learned
   * @param beta the rate weight β
   * @param classes C: labels 0..C−1, one-hot
   * @param prior standard, mog or conditional
   * @param priorComponents K of the mog prior (0: its default)
   */
  public record Options(
      long[] hidden,
      long latent,
      DecoderKind decoder,
      double beta,
      @Setting(names = "--classes", label = "C", help = "Number of classes; labels 0..C-1 are one-hot coded (default ${DEFAULT-VALUE}).")
      int classes,
      @Setting(names = "--prior", help = "Prior: standard (default, N(0, I)), mog (learned mixture) or conditional (learned N(μ(c), σ²(c))).")
      PriorKind prior,
      @Setting(names = "--prior-components", label = "K", help = "Components of the mog prior (default 10).")
      int priorComponents)
      implements VaeNetwork.Shape, VaeNetwork.RateWeight, dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      VaeNetwork.Net net = VaeNetwork.check(hidden, latent, decoder, 0, prior, priorComponents, true);
      hidden = net.hidden();
      priorComponents = net.priorComponents();
      Elbo.standard().withBeta(beta);
      if (classes < 2) {
        throw new IllegalArgumentException("classes must be >= 2, got " + classes);
      }
    }

    /** The B1 network, 10 classes, standard prior. */
    public static Options defaults() {
      return new Options(new long[] {GaussianVae.DEFAULT_HIDDEN}, GaussianVae.DEFAULT_LATENT_SIZE, VaeNetwork.DEFAULT_DECODER,
          Elbo.DEFAULT_BETA, DEFAULT_CLASSES, PriorKind.STANDARD, 0);
    }

    @Override
    public long contextSize() {
      return classes;
    }
  }

  public CvaeFamily() {
    super("cvae", "Conditional VAE (Sohn et al. 2015): the one-hot label enters encoder, decoder and optionally the prior; test NLL is -ln p(y|c)",
        Options.class, Options.defaults());
  }

  @Override
  protected Objective objective(Options o) {
    return Elbo.standard().withBeta(o.beta());
  }

  /** The data with each example's one-hot label as its context. */
  @Override
  protected DataSource.Splits data(RunSpec spec) {
    DataSource.Splits d = super.data(spec);
    int c = options(spec).classes();
    Dataset train = d.train().withOneHotLabels(c);
    return d.withRows(train, d.test().withOneHotLabels(c), train);
  }

  @Override
  public java.util.List<String> comparisonNotes(RunSpec spec) {
    java.util.List<String> n = new java.util.ArrayList<>();
    n.add("conditional: its ELBO and its NLL (\"test −ln p(y|c)\") are of p(y|c), given the label, which the unconditional models do not get.");
    n.addAll(super.comparisonNotes(spec));
    return n;
  }

  /** Streamed rows carry no labels to condition on. */
  @Override
  protected boolean streams() {
    return false;
  }

  /** The NLL under the key of what it is: −ln p(y|c). */
  @Override
  protected Map<String, Object> logLikelihood(Options o, ModelGraph graph, Dataset test, int k, int n, PrintStream log) {
    log.print("conditional log-likelihood -ln p(y|c): ");
    Map<String, Object> m = new LinkedHashMap<>();
    super.logLikelihood(o, graph, test, k, n, log).forEach((key, v) -> m.put(key.equals("test_nll") ? "test_nll_conditional" : key, v));
    return m;
  }

  /** samples.png with one row per class, reconstructions.png given each test image's label; no interpolations. */
  @Override
  protected void writeImages(Options o, dev.vaelab.core.data.ImageShape shape, ModelGraph graph, Dataset test, RunFolder folder) {
    if (shape.isVector()) {
      return; // no image grids for vector data
    }
    LatentSampler prior = new dev.vaelab.core.sample.PriorSampler();
    writeClassRows(o, shape, graph, prior, RunImages.COLUMNS, 1, folder.file("samples.png"));
    int m = Math.min(RECONSTRUCTIONS, test.size());
    Batch b = test.batch(0, m);
    ImageGrid.writeReconstructions(folder.file("reconstructions.png"), RunImages.split(b.y(), m), RunImages.split(graph.reconstruct(b), m),
        shape.height(), shape.width(), RunImages.COLUMNS, RunImages.SCALE);
  }

  @Override
  public Path sample(RunSpec spec, RunFolder folder, SampleRequest request, Path out, PrintStream log) {
    Options o = options(spec);
    try (Restored restored = restore(spec, folder, request.seed(), log)) {
      ModelGraph graph = restored.graph();
      LatentSampler sampler = latentSampler(spec, folder, graph, request, log);
      int perClass = Math.max(1, request.n() / o.classes());
      writeClassRows(o, spec.shape(), graph, sampler, perClass, request.seed(), out);
      log.printf("%d samples per class, one row per class (%d classes)%n", perClass, o.classes());
      return out;
    }
  }

  /** {@code perClass} decoder means for each class c (latents from the sampler, context one-hot c), row c of the grid. */
  private static void writeClassRows(Options o, dev.vaelab.core.data.ImageShape shape, ModelGraph graph, LatentSampler sampler, int perClass,
      long seed, Path file) {
    int c = o.classes();
    int n = c * perClass;
    float[] contexts = new float[n * c];
    for (int i = 0; i < n; i++) {
      contexts[i * c + i / perClass] = 1f;
    }
    float[] images = sampler instanceof dev.vaelab.core.sample.PriorSampler
        ? graph.sample(n, contexts) // ancestral: z ~ p(z|c) (the prior may depend on c), then the decoder given c
        : graph.decodeMean(sampler.sampleLatents(graph, n, seed), n, contexts);
    ImageGrid.write(file, RunImages.split(images, n), shape.height(), shape.width(), perClass, RunImages.SCALE);
  }


}
