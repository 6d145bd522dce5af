package dev.vaelab.lab.run;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.ModelInputs;
import dev.vaelab.lab.score.RowScorer;
import dev.vaelab.lab.settings.RecordJson;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * One family of models the lab can train, evaluate and sample: its name, a one-line description,
 * its typed options record (with named defaults; config.json stores exactly these, in snake_case)
 * and its command-line options. Registered once in {@link ModelFamilies}; nothing outside a family
 * class branches on a model's name.
 *
 * @param <O> the options record
 */
public abstract class ModelFamily<O extends Record> {
  private final String name;
  private final String description;
  private final Class<O> optionsType;
  private final O defaults;

  /**
   * @param name the value of {@code --model}
   * @param description one line for {@code vaelab models}
   * @param optionsType the options record
   * @param defaults its default value
   */
  protected ModelFamily(String name, String description, Class<O> optionsType, O defaults) {
    this.name = name;
    this.description = description;
    this.optionsType = optionsType;
    this.defaults = defaults;
  }

  /** The value of {@code --model}. */
  public final String name() {
    return name;
  }

  /** One line for {@code vaelab models}. */
  public final String description() {
    return description;
  }

  /** The options record's type. */
  public final Class<O> optionsType() {
    return optionsType;
  }

  /** The default options. */
  public final O defaults() {
    return defaults;
  }

  /** This family's options of a run. */
  public final O options(RunSpec spec) {
    if (spec.family() != this) {
      throw new IllegalArgumentException("a run of model " + spec.family().name() + " given to model " + name);
    }
    return optionsType.cast(spec.options());
  }

  /** Whether the family is trained by minibatch gradient steps (and so has {@link TrainingSettings}). */
  public abstract boolean trainedByGradient();

  /**
   * Trains (or, with {@code resume}, continues) the run described by {@code spec} in {@code folder};
   * writes the run's files and returns its summary.
   */
  public abstract Map<String, Object> train(RunSpec spec, RunFolder folder, boolean resume, PrintStream log);

  /** Recomputes a finished run's test numbers in this process; returns them. */
  public abstract Map<String, Object> evaluate(RunSpec spec, RunFolder folder, EvaluationRequest request, PrintStream log);

  /** Writes the samples asked for to {@code out}; returns the file written. */
  public abstract Path sample(RunSpec spec, RunFolder folder, SampleRequest request, Path out, PrintStream log);

  /**
   * Writes the trained model in a form that leaves vaelab into the new, empty folder {@code out}
   * (a TensorFlow SavedModel for the graph families, the mixture's JSON files for the mixture);
   * returns a one-line description of what was written.
   */
  public abstract String export(RunSpec spec, RunFolder folder, Path out, PrintStream log);

  /**
   * The latent representation of every example of {@code data} (the run's own data settings with
   * another {@code data} path, read and preprocessed as the run's were) under the trained model.
   */
  public abstract Encoding encode(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log);

  /**
   * The vectors the representation metrics score (linear probe, k-NN, clustering): {@link #encode}'s rows where they are
   * coordinates (posterior means, responsibilities); a family whose encoding is categorical (a VQ-VAE's code indices)
   * gives the vectors those categories stand for.
   */
  public Encoding representation(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log) {
    return encode(spec, folder, data, log);
  }

  /**
   * The run's data as its samples are compared with them (the sample-quality metrics): both splits, read and
   * preprocessed as the run's training read them, in the space its samples and reconstructions are in. Refused by
   * default (a family that draws no samples).
   */
  public dev.vaelab.lab.data.DataSource.Splits sampleData(RunSpec spec) {
    throw new IllegalArgumentException("--metrics " + String.join(",", dev.vaelab.lab.score.SampleScores.NAMES) + ": model " + name
        + " draws no samples to score");
  }

  /**
   * Every set of {@code n} rows the trained run produces, for the sample-quality metrics: samples of each way it can
   * draw them (its prior, each fitted sampler), as {@code vaelab sample} draws them, and reconstructions of test rows
   * where it has a decoder. Refused by default.
   *
   * @param seed seeds the draws (and the fitted samplers, which are saved in the run folder as {@code sample} saves them)
   */
  public java.util.List<dev.vaelab.lab.score.SampleSet> sampleSets(RunSpec spec, RunFolder folder, int n, long seed, PrintStream log) {
    sampleData(spec); // refuses
    throw new IllegalArgumentException("model " + name + " draws no samples to score");
  }

  /**
   * An encoder of raw rows under the trained model (the run's preprocessing applied, then its representation — posterior
   * means for the continuous families), restored once and held until closed: what the disentanglement metrics encode
   * their rendered observations with. Refused by default.
   *
   * @param seed the evaluation noise's seed
   */
  public dev.vaelab.lab.score.RowEncoder rowEncoder(RunSpec spec, RunFolder folder, long seed, PrintStream log) {
    throw new IllegalArgumentException("--metrics " + String.join(",", dev.vaelab.metrics.Disentanglement.NAMES) + ": model " + name
        + " gives no code vector per observation to score");
  }

  /**
   * The model inputs of both splits of {@code data} (the run's own data settings with another
   * {@code data} path), read and preprocessed as the run's were: what {@link #scorer} scores.
   */
  public abstract ModelInputs inputs(RunSpec spec, DataSettings data);

  /**
   * A scorer of rows under the trained model of {@code folder} (see {@link RowScorer}), built in the
   * calling process — once per Spark partition, say. Its numbers are those of {@code vaelab evaluate
   * --seed seed --nll K} and {@code vaelab encode} for the same data set.
   *
   * @param seed the evaluation noise's seed (evaluate's default: the run's own data seed)
   * @param nllK importance samples per row for the log-likelihood (0: none; ignored where it is exact)
   */
  public abstract RowScorer scorer(RunSpec spec, RunFolder folder, long seed, int nllK);

  /**
   * As {@link #scorer(RunSpec, RunFolder, long, int)}, with what restoring the model says — a
   * corrupt newest checkpoint skipped for the previous one — written to {@code log} as {@code
   * evaluate} writes it.
   */
  public RowScorer scorer(RunSpec spec, RunFolder folder, long seed, int nllK, java.io.PrintStream log) {
    return scorer(spec, folder, seed, nllK);
  }

  /**
   * Why a run of this family cannot be read against other families' in a comparison report (its
   * likelihood is of other data, conditional, or of another kind); none by default.
   */
  public java.util.List<String> comparisonNotes(RunSpec spec) {
    return java.util.List.of();
  }

  /** The default file name of a sample set (an image grid, or CSV rows for non-image data). */
  public String sampleFileName(RunSpec spec, long seed) {
    return "samples-" + seed + ".png";
  }

  /**
   * What {@code vaelab sample} is asked for.
   *
   * @param n number of samples
   * @param seed seed of the draws
   * @param sampler where the latents come from: {@code prior} (ancestral sampling) or {@code gmm}
   *     (a Gaussian mixture fitted to the training set's posterior means, saved in the run folder and
   *     reused; {@code posthoc-gmm} is accepted for it)
   * @param components K of the post-hoc mixture
   */
  public record SampleRequest(int n, long seed, String sampler, int components) {
    /** The latent samplers there are: the prior and the post-hoc kinds on the class path. */
    public static java.util.List<String> samplers() {
      return dev.vaelab.core.sample.PostHocSamplers.names();
    }

    public SampleRequest {
      if (n < 1) {
        throw new IllegalArgumentException("-n must be >= 1, got " + n);
      }
      sampler = checkSampler(sampler, components);
    }

    /** Ancestral samples from the prior. */
    public static SampleRequest prior(int n, long seed) {
      return new SampleRequest(n, seed, "prior", DEFAULT_COMPONENTS);
    }
  }

  /** The signature and output names a {@code --features} SavedModel is read with when none are given. */
  public static final String DEFAULT_SIGNATURE = "features";

  /** K of the post-hoc mixture when none is given (B5d). */
  public static final int DEFAULT_COMPONENTS = 10;

  /** The sampler's name (posthoc-gmm → gmm), or a message naming the bad value. */
  static String checkSampler(String sampler, int components) {
    String s = "posthoc-gmm".equals(sampler) ? "gmm" : sampler;
    if (!SampleRequest.samplers().contains(s)) {
      throw new IllegalArgumentException("--sampler must be one of " + SampleRequest.samplers() + ", got '" + sampler + "'");
    }
    if (components < 1) {
      throw new IllegalArgumentException("--components must be >= 1, got " + components);
    }
    return s;
  }

  /**
   * What {@code vaelab evaluate} is asked to compute.
   *
   * @param seed seed of the evaluation noise
   * @param nllK importance samples of the test log-likelihood (0 = skip)
   * @param nllExamples test examples it uses (0 = all)
   * @param sampler {@code prior}, or {@code gmm}: also the test NLL with a post-hoc Gaussian mixture
   *     (fitted to the training set's posterior means, as {@code sample --sampler gmm}) as the prior
   * @param components K of that mixture
   * @param metrics metrics to add, comma-separated ({@code probe,knn,cluster,fd,kid,pr}; "" none)
   * @param samples rows of each set the sample-quality metrics compare ({@code --samples})
   * @param features a SavedModel folder whose signature {@code featuresSignature} gives the features as its output
   *     {@code featuresOutput} ("": the run's feature network, or the data's own values for vector data)
   * @param dumpFeatures a folder to write every set's features to as {@code .npy} ("" none)
   */
  public record EvaluationRequest(long seed, int nllK, int nllExamples, String sampler, int components, String metrics, int samples,
      String features, String featuresSignature, String featuresOutput, String dumpFeatures) {
    /** An evaluation under the model's own prior. */
    public EvaluationRequest(long seed, int nllK, int nllExamples) {
      this(seed, nllK, nllExamples, "prior", DEFAULT_COMPONENTS, "");
    }

    /** An evaluation with the metrics {@code metrics}, sample-quality ones on the default number of rows in the default feature space. */
    public EvaluationRequest(long seed, int nllK, int nllExamples, String sampler, int components, String metrics) {
      this(seed, nllK, nllExamples, sampler, components, metrics, dev.vaelab.lab.score.SampleScores.DEFAULT_SAMPLES, "", DEFAULT_SIGNATURE,
          DEFAULT_SIGNATURE, "");
    }

    /** As this request with another seed. */
    public EvaluationRequest withSeed(long s) {
      return new EvaluationRequest(s, nllK, nllExamples, sampler, components, metrics, samples, features, featuresSignature, featuresOutput,
          dumpFeatures);
    }

    /** An evaluation without representation metrics. */
    public EvaluationRequest(long seed, int nllK, int nllExamples, String sampler, int components) {
      this(seed, nllK, nllExamples, sampler, components, "");
    }

    public EvaluationRequest {
      metrics = String.join(",", dev.vaelab.lab.score.MetricNames.parse(metrics)); // checked before any work
      if (samples < 4) {
        throw new IllegalArgumentException("--samples must be >= 4 (rows of each set the sample metrics compare), got " + samples);
      }
      features = features == null ? "" : features;
      dumpFeatures = dumpFeatures == null ? "" : dumpFeatures;
      boolean sampleMetrics = !dev.vaelab.lab.score.MetricNames.sample(dev.vaelab.lab.score.MetricNames.parse(metrics)).isEmpty();
      if (!sampleMetrics && (!features.isEmpty() || !dumpFeatures.isEmpty())) {
        throw new IllegalArgumentException((features.isEmpty() ? "--dump-features" : "--features") + " is for the sample-quality metrics: give --metrics"
            + " with some of " + dev.vaelab.lab.score.SampleScores.NAMES);
      }
      sampler = checkSampler(sampler, components);
      if (!sampler.equals("prior") && nllK == 0) {
        throw new IllegalArgumentException("--sampler " + sampler + " reports the test NLL with the fitted mixture as the prior: give --nll K (> 0)");
      }
      if (nllK < 0) {
        throw new IllegalArgumentException("--nll must be >= 0 (0 skips the log-likelihood), got " + nllK);
      }
      if (nllExamples < 0) {
        throw new IllegalArgumentException("--nll-examples must be >= 0 (0 = all test examples), got " + nllExamples);
      }
    }

    /** The settings as a map, to key the result in the run's evaluation history. */
    public Map<String, Object> toMap() {
      return RecordJson.toMap(this);
    }
  }
}
