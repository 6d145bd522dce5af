package dev.vaelab.examples;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.vq.CodebookUpdate;
import dev.vaelab.vq.VectorQuantizerConfig;
import dev.vaelab.vq.VqObjective;
import dev.vaelab.vq.VqVae;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.iwae.GradientEstimator;
import dev.vaelab.iwae.ImportanceWeightedBound;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.gaussian.GaussianVae;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Everything that defines a training run; saved as {@code config.json} in the run folder so that
 * {@code evaluate} and {@code sample} rebuild the same model in a fresh process.
 */
public final class RunConfig {
  /** Model name: {@code gaussian-vae}, {@code iwae}, {@code vq-vae} or {@code gmm}. */
  public String model = "gaussian-vae";
  /** {@code embedded} or a folder with the Fashion-MNIST IDX files. */
  public String data = DataSource.EMBEDDED;
  public long[] hidden = {GaussianVae.DEFAULT_HIDDEN};
  public long latent = GaussianVae.DEFAULT_LATENT_SIZE;
  /** bernoulli, gaussian, gaussian-learned. */
  public String decoder = "bernoulli";
  public double beta = Elbo.DEFAULT_BETA;
  public long warmupSteps = Elbo.DEFAULT_WARMUP_STEPS;
  public double freeBits = Elbo.DEFAULT_FREE_BITS;
  public int epochs = 20;
  public int batchSize = TrainerConfig.DEFAULT_BATCH_SIZE;
  public double learningRate = TrainerConfig.DEFAULT_LEARNING_RATE;
  public long seed = 0;
  /** Importance samples k of the IWAE objective (model iwae). */
  public int k = ImportanceWeightedBound.DEFAULT_K;
  /** Encoder gradient of the IWAE objective: iwae or dreg. */
  public String gradient = GradientEstimator.IWAE.id();
  /** K of the importance-sampled test log-likelihood written to summary.json (0 = skip). */
  public int nllK = 1000;
  /** Number of test examples for that log-likelihood (the first ones). */
  public int nllExamples = 500;
  /** Mixture components K (model gmm). */
  public int components = 10;
  /** Covariance type full, diag, spherical or tied (model gmm). */
  public String covariance = "full";
  /** PCA dimension of image features (model gmm). */
  public int pcaDim = 50;
  /** EM tolerance on the mean log-likelihood gain (model gmm). */
  public double tolerance = GaussianMixtureConfig.DEFAULT_TOLERANCE;
  /** EM iteration cap (model gmm). */
  public int maxIterations = GaussianMixtureConfig.DEFAULT_MAX_ITERATIONS;
  /** EM restarts (model gmm). */
  public int restarts = GaussianMixtureConfig.DEFAULT_RESTARTS;
  /** EMA codebook (true) or gradient codebook (model vq-vae). */
  public boolean ema = true;
  /** Codebook size K (model vq-vae). */
  public int codebookSize = VectorQuantizerConfig.DEFAULT_CODEBOOK_SIZE;
  /** Code dimension D (model vq-vae). */
  public int codeDimension = VectorQuantizerConfig.DEFAULT_DIMENSION;
  /** Commitment cost β (model vq-vae). */
  public double commitment = VectorQuantizerConfig.DEFAULT_COMMITMENT_COST;
  /** Dead-code restart threshold on the EMA cluster size, 0 = off (model vq-vae). */
  public double deadCodeThreshold = VectorQuantizerConfig.DEFAULT_DEAD_CODE_THRESHOLD;
  /** k-means initialisation of the codebook from the first batch (model vq-vae). */
  public boolean kmeansInit = false;
  /** Skip a batch whose loss or gradient is NaN/Inf instead of stopping. */
  public boolean skipNonFinite = false;
  /** Single-threaded TensorFlow kernels: bit-for-bit reproducible runs (slower). */
  public boolean deterministic = false;
  /** Use only the first N training examples (0 = all). */
  public int trainLimit = 0;
  /** Use only the first N test examples (0 = all). */
  public int testLimit = 0;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** JSON text. */
  public String toJson() {
    return GSON.toJson(this);
  }

  /** The configuration of a run folder, or an exception saying the folder is not one. */
  public static RunConfig readRunFolder(Path runDir) {
    Path file = runDir.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(runDir + " is not a run folder: config.json is missing");
    }
    return read(file);
  }

  /** Reads a config.json. */
  public static RunConfig read(Path file) {
    try {
      RunConfig c = GSON.fromJson(Files.readString(file), RunConfig.class);
      if (c == null) {
        throw new IllegalArgumentException(file + " is empty");
      }
      c.validate();
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read run configuration " + file, e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("run configuration " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  /** Checks every field, naming the bad one. */
  public void validate() {
    requireSet("model", model);
    requireSet("data", data);
    requireSet("hidden", hidden);
    requireSet("decoder", decoder);
    requireSet("gradient", gradient);
    requireSet("covariance", covariance);
    if (!java.util.List.of("gaussian-vae", "iwae", "vq-vae", "gmm").contains(model)) {
      throw new IllegalArgumentException("unknown model '" + model + "'; available: gaussian-vae, iwae, vq-vae, gmm");
    }
    if ("gmm".equals(model)) {
      mixtureConfig();
      if (pcaDim < 1) {
        throw new IllegalArgumentException("pcaDim must be >= 1, got " + pcaDim);
      }
      return;
    }
    if (nllK < 0 || nllExamples < 0) {
      throw new IllegalArgumentException("nllK and nllExamples must be >= 0, got " + nllK + " and " + nllExamples);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    if (trainLimit < 0 || testLimit < 0) {
      throw new IllegalArgumentException("trainLimit and testLimit must be >= 0");
    }
    decoderType();
    spec();
    objective();
    trainerConfig();
  }

  private static void requireSet(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("setting '" + field + "' must not be null");
    }
  }

  /** The model recipe. */
  public ModelSpec spec() {
    if (isVq()) {
      return VqVae.of(quantizerConfig());
    }
    return GaussianVae.builder().hidden(hidden).latentSize(latent).decoder(decoderType()).build();
  }

  /** Whether the model is the VQ-VAE. */
  public boolean isVq() {
    return "vq-vae".equals(model);
  }

  /** The quantiser settings (model vq-vae). */
  public VectorQuantizerConfig quantizerConfig() {
    return VectorQuantizerConfig.defaults()
        .withCodebookSize(codebookSize)
        .withDimension(codeDimension)
        .withCommitmentCost(commitment)
        .withUpdate(ema ? CodebookUpdate.EMA : CodebookUpdate.GRADIENT)
        .withDeadCodeThreshold(deadCodeThreshold)
        .withSeed(seed);
  }

  /** The objective: the ELBO (β, warm-up, free bits) or the k-sample importance-weighted bound. */
  public Objective objective() {
    if (isVq()) {
      if (beta != Elbo.DEFAULT_BETA || warmupSteps != 0 || freeBits != 0) {
        throw new IllegalArgumentException("beta, warm-up and free bits are options of the ELBO, not of model vq-vae (use --commitment)");
      }
      return new VqObjective();
    }
    if ("iwae".equals(model)) {
      if (beta != Elbo.DEFAULT_BETA || warmupSteps != 0 || freeBits != 0) {
        throw new IllegalArgumentException("beta, warm-up and free bits are options of the ELBO, not of model iwae");
      }
      return new ImportanceWeightedBound(k, GradientEstimator.fromName(gradient));
    }
    return Elbo.standard().withBeta(beta).withWarmupSteps(warmupSteps).withFreeBits(freeBits);
  }

  /** Builds this run's model graph (single-threaded when {@link #deterministic}). */
  public dev.vaelab.core.graph.ModelGraph buildGraph(long graphSeed) {
    return deterministic
        ? dev.vaelab.core.graph.ModelGraph.buildDeterministic(spec(), objective(), graphSeed)
        : dev.vaelab.core.graph.ModelGraph.build(spec(), objective(), graphSeed);
  }

  /** The EM settings (model gmm). */
  public GaussianMixtureConfig mixtureConfig() {
    return GaussianMixtureConfig.of(components)
        .withCovarianceType(CovarianceType.fromName(covariance))
        .withTolerance(tolerance)
        .withMaxIterations(maxIterations)
        .withRestarts(restarts)
        .withSeed(seed);
  }

  /** Optimiser settings. */
  public TrainerConfig trainerConfig() {
    return new TrainerConfig(learningRate, batchSize, seed, false, skipNonFinite);
  }

  GaussianVae.DecoderType decoderType() {
    if (isVq()) {
      return GaussianVae.DecoderType.BERNOULLI; // the VQ-VAE decoder is Bernoulli
    }
    return switch (decoder) {
      case "bernoulli" -> GaussianVae.DecoderType.BERNOULLI;
      case "gaussian" -> GaussianVae.DecoderType.GAUSSIAN_FIXED_SIGMA;
      case "gaussian-learned" -> GaussianVae.DecoderType.GAUSSIAN_LEARNED_SIGMA;
      default -> throw new IllegalArgumentException(
          "unknown decoder '" + decoder + "'; expected bernoulli, gaussian or gaussian-learned");
    };
  }
}
