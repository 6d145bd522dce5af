package dev.vaelab.gaussian.sampler;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.io.Json;
import dev.vaelab.core.model.PriorFactory;
import dev.vaelab.core.nn.Activation;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.sample.FittedSampler;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.gaussian.GaussianVae;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * {@code --sampler two-stage}: the two-stage VAE of Dai and Wipf (2019) — a second, small VAE fitted to the first model's
 * training posterior means z, from whose prior the latents are drawn:
 *
 * <pre>
 *   stage 2:  u ~ N(0, I_d),  z | u ~ N(g(u), diag γ)   (an MLP d → H → H → d with a learned γ, trained on the ELBO
 *             with its KL weight warmed up)
 *   sample:   u ~ N(0, I),  z = g(u) + γ^{1/2} ε,  then the first model's decoder at z
 * </pre>
 *
 * Its density over z has no closed form (it is the second VAE's own likelihood), so it does not stand in for the prior
 * when the test log-likelihood is estimated ({@link #asPrior} refuses; use {@code maf} or {@code gmm} for that). Saved
 * as a JSON file and a checkpoint folder beside it ({@code FILE.checkpoint/}).
 */
public final class TwoStageSampler implements FittedSampler {
  /** The second stage's hidden width (Dai and Wipf use three layers of 1,024 on their larger latents). */
  public static final int HIDDEN = 256;
  /** The second stage is trained for about this many steps (whole epochs, at most 100). */
  public static final int STEPS = 6000;
  /**
   * Steps over which the second stage's KL weight rises from 0 to 1. Without it the second stage collapses on a VAE's
   * near-Gaussian posterior means (measured on FMNIST-bin, the B1 VAE, seed 0: rate 1.9 nats, 2 of 20 units active, and
   * the decoder means g(u) hold a fifth of the means' variance); with it, rate 21.5 nats, all 20 units active.
   */
  public static final long WARMUP_STEPS = 5000;

  private final GaussianVae stage2;
  private Path checkpoint;

  private TwoStageSampler(GaussianVae stage2, Path checkpoint) {
    this.stage2 = stage2;
    this.checkpoint = checkpoint;
  }

  /** The second stage's model (its data are the latents). */
  public static GaussianVae secondStage(int d) {
    return GaussianVae.builder().dataSize(d).hidden(HIDDEN, HIDDEN).latentSize(d).activation(Activation.RELU)
        .decoder(GaussianVae.DecoderType.GAUSSIAN_LEARNED_SIGMA).decoderSigma(1.0).build();
  }

  /** Fits the second stage to the posterior means of {@code train} under {@code graph}. */
  public static TwoStageSampler fit(ModelGraph graph, Dataset train, long seed) {
    int d = (int) graph.model().latentSize();
    return fit(graph.encodeMeans(train, train.size(), Evaluator.DEFAULT_BATCH), d, seed);
  }

  /**
   * Fits the second stage to n points of d values (row-major): the ELBO with the KL weight warmed up from 0 to 1 over
   * the first {@value #WARMUP_STEPS} steps (at most four fifths of the steps), Adam at 10⁻³, batch {@value TrainerConfig#DEFAULT_BATCH_SIZE}, about
   * {@value #STEPS} steps.
   */
  public static TwoStageSampler fit(float[] points, int d, long seed) {
    if (d < 1 || points.length == 0 || points.length % d != 0) {
      throw new IllegalArgumentException("the second stage needs n rows of d >= 1 values, got " + points.length + " values for d = " + d);
    }
    int n = points.length / d;
    Dataset latents = new Dataset("posterior-means", points, d, null);
    GaussianVae spec = secondStage(d);
    TrainerConfig config = new TrainerConfig(1e-3, TrainerConfig.DEFAULT_BATCH_SIZE, seed, false);
    int perEpoch = (n + config.batchSize() - 1) / config.batchSize();
    int epochs = Math.max(1, Math.min(100, (STEPS + perEpoch - 1) / perEpoch));
    try {
      Path dir = Files.createTempDirectory("vaelab-two-stage");
      long warmup = Math.min(WARMUP_STEPS, 4L * epochs * perEpoch / 5);
      try (ModelGraph g = ModelGraph.build(spec, Elbo.standard().withWarmupSteps(warmup), seed)) {
        new Trainer(g, config, null).fit(latents, null, epochs, List.of());
        g.save(dir, epochs);
      }
      return new TwoStageSampler(spec, dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not write the second stage's checkpoint", e);
    }
  }

  @Override
  public String name() {
    return "posthoc-two-stage";
  }

  /**
   * Ancestral samples of the second stage: u ~ N(0, I), then z = g(u) + γ^{1/2} ⊙ ε, ε ~ N(0, I) (its learned noise
   * included: Dai and Wipf's decoder mean alone is a sample of the fitted density only when γ has gone to 0), all drawn
   * with {@code seed}.
   */
  @Override
  public float[] sampleLatents(ModelGraph graph, int n, long seed) {
    int d = (int) stage2.dataSize();
    if (graph.model().latentSize() != d) {
      throw new IllegalArgumentException("the second stage is over " + d + " latents, the model has " + graph.model().latentSize());
    }
    return sample(n, seed);
  }

  /** n ancestral samples of the fitted second stage (n × d values), drawn with {@code seed}. */
  public float[] sample(int n, long seed) {
    int d = (int) stage2.dataSize();
    Random random = new Random(seed);
    float[] u = new float[n * d];
    for (int i = 0; i < u.length; i++) {
      u[i] = (float) random.nextGaussian();
    }
    try (ModelGraph g = ModelGraph.build(stage2, Elbo.standard(), seed)) {
      g.restore(checkpoint);
      float[] z = g.decodeMean(u, n);
      float[] logSigma;
      try (org.tensorflow.Result r = g.session().runner().fetch(g.parameters().variable(dev.vaelab.gaussian.GaussianDecoder.LOG_SIGMA)).run()) {
        logSigma = dev.vaelab.core.graph.Feeds.values(r.get(0));
      }
      for (int i = 0; i < z.length; i++) {
        z[i] += (float) (Math.exp(logSigma[i % d]) * random.nextGaussian());
      }
      return z;
    }
  }

  /** Writes {@code file} (the second stage's sizes) and its checkpoint to {@code FILE.checkpoint/}. */
  @Override
  public void save(Path file) {
    Path target = checkpointOf(file);
    try {
      if (!target.equals(checkpoint)) {
        if (Files.exists(target)) {
          dev.vaelab.core.io.AtomicFiles.deleteRecursively(target);
        }
        copyTree(checkpoint, target);
        if (checkpoint.getFileName().toString().startsWith("vaelab-two-stage")) {
          dev.vaelab.core.io.AtomicFiles.deleteRecursively(checkpoint); // the fit's temporary copy
        }
        checkpoint = target;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("could not save the second stage to " + target, e);
    }
    Json.writeFile(file, java.util.Map.of("format", "vaelab-two-stage-1", "latent", stage2.dataSize(), "hidden", HIDDEN,
        "checkpoint", target.getFileName().toString()));
  }

  /** A sampler saved by {@link #save}. */
  public static TwoStageSampler load(Path file) {
    var o = Json.readTree(file).getAsJsonObject();
    if (!o.has("format") || !"vaelab-two-stage-1".equals(o.get("format").getAsString())) {
      throw new IllegalArgumentException(file + " is not a saved two-stage sampler (format vaelab-two-stage-1)");
    }
    return new TwoStageSampler(secondStage(o.get("latent").getAsInt()), checkpointOf(file));
  }

  /** Refused: the second stage's density over z has no closed form. */
  @Override
  public PriorFactory asPrior() {
    throw new IllegalArgumentException("--sampler two-stage: its density over z is the second VAE's likelihood, which has no closed form, so it"
        + " cannot stand in for the prior in the test NLL; use --sampler maf or gmm for that");
  }

  private static Path checkpointOf(Path file) {
    return file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + ".checkpoint");
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    Path tmp = dev.vaelab.core.io.AtomicFiles.createTemporaryDirectory(to.getParent(), ".two-stage");
    try (var files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path q = tmp.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(q);
        } else {
          Files.copy(p, q);
        }
      }
    }
    dev.vaelab.core.io.AtomicFiles.moveAtomically(tmp, to);
  }
}
