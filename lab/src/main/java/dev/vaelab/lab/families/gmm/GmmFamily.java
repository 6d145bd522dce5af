package dev.vaelab.lab.families.gmm;

import dev.vaelab.lab.data.DataRecord;
import dev.vaelab.lab.settings.Setting;
import dev.vaelab.lab.image.RunFigures;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.graph.GraphFamily;
import dev.vaelab.lab.image.RunImages;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.ModelInputs;
import dev.vaelab.lab.score.RowScorer;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.EmIteration;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import dev.vaelab.gmm.Pca;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --model gmm}: a Gaussian mixture fitted by exact-posterior EM — alternating optimisation
 * of the ELBO — on the rows of a CSV file or on PCA features of images. A run folder holds {@code
 * config.json}, {@code mixture.json} (λ, μ, Σ), {@code pca.json} (image data), {@code trace.csv}
 * (log-likelihood and ELBO per iteration), {@code summary.json} and, for one-dimensional data,
 * {@code fit-1d.png}. {@code evaluate} reloads the mixture for the test log-likelihood; {@code
 * sample} draws ancestral samples (mapped back to images through the PCA basis).
 */
public final class GmmFamily extends ModelFamily<GmmFamily.Options> {

  /**
   * Options of the Gaussian mixture.
   *
   * @param components K
   * @param covariance full, diag, spherical or tied
   * @param pcaDim PCA dimension of image features
   * @param tolerance EM stops when the mean log-likelihood gains less than this
   * @param maxIterations EM iteration cap
   * @param restarts EM runs from different starts, the best kept
   * @param init a mixture.json to start EM from (null: k-means++)
   * @param csvHeader a CSV file's first row is a header even if it holds numbers
   */
  public record Options(
      @Setting(names = "--components", label = "K", help = "Mixture components K (default ${DEFAULT-VALUE}).")
      int components,
      @Setting(names = "--covariance", help = "full (default), diag, spherical or tied.")
      CovarianceType covariance,
      @Setting(names = "--pca-dim", label = "D", help = "PCA dimension of image features (default ${DEFAULT-VALUE}).")
      int pcaDim,
      @Setting(names = "--tolerance", help = "EM stops when the mean log-likelihood gains less than this (default 1e-8).")
      double tolerance,
      @Setting(names = "--max-iterations", label = "N", help = "EM iteration cap (default ${DEFAULT-VALUE}).")
      int maxIterations,
      @Setting(names = "--restarts", label = "N", help = "EM runs from different starts, best kept (default ${DEFAULT-VALUE}).")
      int restarts,
      @Setting(names = "--init", label = "FILE", help = "Start EM from this mixture.json (of an earlier gmm run) instead of k-means++.")
      String init,
      @Setting(names = "--csv-header", help = "The CSV file's first row is a header (without it, a first row is a header only when it holds no number).")
      boolean csvHeader) implements dev.vaelab.lab.settings.Settings<Options> {
    public Options {
      if (covariance == null) {
        throw new IllegalArgumentException("covariance must be one of [full, diag, spherical, tied], got null");
      }
      if (pcaDim < 1) {
        throw new IllegalArgumentException("pca_dim must be >= 1, got " + pcaDim);
      }
      config(components, covariance, tolerance, maxIterations, restarts, 0); // validates, naming the bad value
      if (init != null && init.isBlank()) {
        throw new IllegalArgumentException("init must name a mixture.json file, got an empty string");
      }
    }

    /** K = 10, full covariances, PCA-50 for images, tolerance 1e-8, k-means++ start. */
    public static Options defaults() {
      return new Options(10, CovarianceType.FULL, 50, GaussianMixtureConfig.DEFAULT_TOLERANCE,
          GaussianMixtureConfig.DEFAULT_MAX_ITERATIONS, GaussianMixtureConfig.DEFAULT_RESTARTS, null, false);
    }

  }

  static GaussianMixtureConfig config(int k, CovarianceType covariance, double tol, int maxIt, int restarts, long seed) {
    return GaussianMixtureConfig.of(k)
        .withCovarianceType(covariance)
        .withTolerance(tol)
        .withMaxIterations(maxIt)
        .withRestarts(restarts)
        .withSeed(seed);
  }

  public GmmFamily() {
    super("gmm", "Gaussian mixture by exact-posterior EM (alternating optimisation of the ELBO), on CSV rows or PCA image features",
        Options.class, Options.defaults());
  }

  @Override
  public boolean trainedByGradient() {
    return false;
  }

  /**
   * How the mixture is fitted to the training rows once the run's configuration is known: gmm-em in
   * this process ({@link #IN_PROCESS}), or elsewhere (vaelab-spark fits over a cluster).
   */
  @FunctionalInterface
  public interface Fitter {
    GaussianMixtureFit fit(GaussianMixtureConfig config, double[][] train);
  }

  /** gmm-em's single-machine fit. */
  public static final Fitter IN_PROCESS = (cfg, x) -> new GaussianMixture(cfg).fit(x);

  @Override
  public Map<String, Object> train(RunSpec spec, RunFolder folder, boolean resume, PrintStream log) {
    if (resume) {
      throw new IllegalArgumentException("model gmm is fitted by EM in one go and has no checkpoints to continue from;"
          + " fit it again with --overwrite, or start EM from its mixture with --init " + folder.file(GmmFiles.MIXTURE));
    }
    return train(spec, folder, log, IN_PROCESS, "gmm-em");
  }

  /**
   * The EM configuration of a run: components, covariance type, tolerance, iteration cap, restarts,
   * seed, and the start read from {@code --init} (its number of components checked).
   */
  public GaussianMixtureConfig emConfig(RunSpec spec) {
    Options o = options(spec);
    GaussianMixtureConfig cfg = config(o.components(), o.covariance(), o.tolerance(), o.maxIterations(), o.restarts(), spec.data().seed());
    if (o.init() != null) {
      dev.vaelab.gmm.MixtureJson.Mixture start = dev.vaelab.gmm.MixtureJson.read(Path.of(o.init()));
      if (start.parameters().components() != o.components()) {
        throw new IllegalArgumentException("--init " + o.init() + " has " + start.parameters().components()
            + " components, but --components is " + o.components());
      }
      cfg = cfg.withInitialParameters(start.parameters());
    }
    return cfg;
  }

  /**
   * Fits a run with the given fitter and writes the run folder exactly as {@code vaelab train --model
   * gmm} does; summary.json names the {@code engine}.
   */
  public Map<String, Object> train(RunSpec spec, RunFolder folder, PrintStream log, Fitter fitter, String engine) {
    Options o = options(spec);
    GaussianMixtureConfig cfg = emConfig(spec);
    GmmFeatures.Split data = GmmFeatures.load(spec.data(), o.pcaDim(), null, o.csvHeader());
    int dim = data.train()[0].length;
    if (cfg.initialParameters() != null && cfg.initialParameters().dimension() != dim) {
      throw new IllegalArgumentException("--init " + o.init() + " has dimension " + cfg.initialParameters().dimension()
          + ", but the data " + data.name() + " has " + dim);
    }
    spec = spec.withRead(new DataRecord(data.shape().toString(), data.preprocessing())); // recorded in config.json
    folder.writeSpec(spec);
    log.printf(Locale.ROOT, "fitting a %d-component %s Gaussian mixture to %s: %d train / %d test points in %d dimensions%s%n",
        cfg.components(), cfg.covarianceType().id(), data.name(), data.train().length, data.test().length, dim,
        o.init() != null ? " (EM starts from " + o.init() + ")" : "");
    long t0 = System.nanoTime();
    GaussianMixtureFit fit = fitter.fit(cfg, data.train());
    double secs = (System.nanoTime() - t0) / 1e9;
    double testLl = fit.score(data.test());

    GmmFiles.writeTrace(folder.file(GmmFiles.TRACE), fit);
    try (dev.vaelab.core.train.TensorBoardWriter tb = new dev.vaelab.core.train.TensorBoardWriter(folder.file(RunFolder.TENSORBOARD))) {
      for (EmIteration it : fit.trace()) { // one step per EM iteration
        tb.scalar("em/log_likelihood", it.iteration(), it.logLikelihood());
        tb.scalar("em/elbo_after_e_step", it.iteration(), it.elboAfterEStep());
        tb.scalar("em/rate", it.iteration(), it.rate());
        tb.scalar("em/distortion", it.iteration(), it.distortion());
      }
      tb.scalar("test/log_likelihood", fit.iterations(), testLl);
    }
    dev.vaelab.gmm.MixtureJson.write(folder.file(GmmFiles.MIXTURE), cfg.covarianceType(), fit.parameters());
    if (data.pca() != null) {
      GmmFiles.writePca(folder.file(GmmFiles.PCA), data.pca());
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", name());
    s.put("dataset", data.name());
    s.put("data_shape", data.shape().toString());
    s.put("preprocessing", data.preprocessing());
    s.put("dimension", dim);
    s.put("train_examples", data.train().length);
    s.put("test_examples", data.test().length);
    s.put("components", cfg.components());
    s.put("covariance", cfg.covarianceType().id());
    s.put("train_loglik", fit.trainLogLikelihood());
    s.put("test_loglik", testLl);
    s.put("iterations", fit.iterations());
    s.put("converged", fit.converged());
    s.put("tolerance", cfg.tolerance());
    s.put("bic", fit.bic(data.train()));
    s.put("aic", fit.aic(data.train()));
    s.put("parameters", fit.parameterCount());
    s.put("fit_seconds", secs);
    s.put("engine", engine);
    s.put("weights", fit.parameters().weights());
    if (data.pca() != null) {
      s.put("pca_explained_variance_ratio", data.pca().explainedVarianceRatio());
    }
    GmmFigures.write(fit, data, folder);
    if (data.pca() != null) {
      GmmFigures.writeImages(fit, data.pca(), data.shape(), GraphFamily.SAMPLES, spec.data().seed(), folder.file("samples.png"));
    }
    folder.writeSummary(s);
    log.printf(Locale.ROOT, "%d EM iterations (%s), train log-likelihood %.4f, test %.4f nats per example, BIC %.1f; run folder %s%n",
        fit.iterations(), fit.converged() ? "converged" : "not converged", fit.trainLogLikelihood(), testLl, fit.bic(data.train()),
        folder.dir());
    return s;
  }

  /** The fitted mixture of a run folder, reloaded from mixture.json. */
  public GaussianMixtureFit load(RunSpec spec, RunFolder folder) {
    return dev.vaelab.gmm.MixtureJson.read(folder.file(GmmFiles.MIXTURE)).asFit();
  }

  private static Pca savedPca(RunFolder folder) {
    Path f = folder.file(GmmFiles.PCA);
    return Files.isRegularFile(f) ? GmmFiles.readPca(f) : null;
  }

  @Override
  public java.util.List<String> comparisonNotes(RunSpec spec) {
    return java.util.List.of("fitted to " + (spec.data().isCsv() || (!spec.read().dataShape().isEmpty() && spec.shape().isVector())
        ? "the data's feature vectors" : "PCA features of the images")
        + ": its log-likelihood (\"test ln p (features)\") is a density of feature vectors, not comparable with the pixel-space ELBO and NLL of the other models.");
  }

  /** The responsibilities q(n | y) of every example (after the run's PCA, for image data). */
  @Override
  public Encoding encode(RunSpec spec, RunFolder folder, DataSettings data, PrintStream log) {
    Options o = options(spec);
    try (GaussianMixtureFit fit = load(spec, folder)) {
      GmmFeatures.Split d = GmmFeatures.load(data, o.pcaDim(), savedPca(folder), o.csvHeader());
      if (d.train()[0].length != fit.parameters().dimension()) {
        throw new IllegalArgumentException("--data " + data.data() + " gives " + d.train()[0].length + " features; the mixture has dimension "
            + fit.parameters().dimension());
      }
      int k = fit.parameters().components();
      return new Encoding("q", k, flat(fit.predictProba(d.train()), k), d.trainLabels(), flat(fit.predictProba(d.test()), k), d.testLabels());
    }
  }

  /** The rows before the run's PCA (CSV rows: the features themselves, in double precision). */
  @Override
  public ModelInputs inputs(RunSpec spec, DataSettings data) {
    Options o = options(spec);
    if (data.isCsv()) {
      GmmFeatures.Split d = GmmFeatures.load(data, o.pcaDim(), null, o.csvHeader());
      return new ModelInputs(d.train()[0].length, flat(d.train()), d.trainLabels(), flat(d.test()), d.testLabels());
    }
    DataSource.Splits d = DataSource.load(data, false, name());
    return new ModelInputs(d.test().dimension(), ModelInputs.flat(d.train()), d.train().labels(), ModelInputs.flat(d.test()), d.test().labels());
  }

  private static double[] flat(double[][] rows) {
    int dim = rows[0].length;
    double[] f = new double[rows.length * dim];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, f, i * dim, dim);
    }
    return f;
  }

  /** Rows are scored with their exact log-likelihood and responsibilities (after the run's PCA for image data). */
  @Override
  public RowScorer scorer(RunSpec spec, RunFolder folder, long seed, int nllK) {
    return new MixtureRowScorer(load(spec, folder), savedPca(folder));
  }

  private static float[] flat(double[][] rows, int k) {
    float[] out = new float[rows.length * k];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < k; j++) {
        out[i * k + j] = (float) rows[i][j];
      }
    }
    return out;
  }

  @Override
  public Map<String, Object> evaluate(RunSpec spec, RunFolder folder, EvaluationRequest request, PrintStream log) {
    if (!request.sampler().equals("prior")) {
      throw new IllegalArgumentException("--sampler " + request.sampler() + " is for the latent-variable models; a gmm run's mixture is itself the density");
    }
    Options o = options(spec);
    GaussianMixtureFit fit = load(spec, folder);
    GmmFeatures.Split data = GmmFeatures.load(spec.data(), o.pcaDim(), savedPca(folder), o.csvHeader());
    if (request.nllK() > 0) {
      log.println("note: the mixture's log-likelihood is exact (the posterior over K components is enumerated); --nll is not needed");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dataset", data.name());
    m.put("test_examples", data.test().length);
    m.put("test_loglik", fit.score(data.test()));
    m.put("test_nll", -fit.score(data.test()));
    m.put("bic_train", fit.bic(data.train()));
    return m;
  }

  /** The mixture's JSON files ({@code mixture.json}, and {@code pca.json} for image data). */
  @Override
  public String export(RunSpec spec, RunFolder folder, Path out, PrintStream log) {
    dev.vaelab.gmm.MixtureJson.Mixture m = dev.vaelab.gmm.MixtureJson.read(folder.file(GmmFiles.MIXTURE)); // validates before copying
    dev.vaelab.gmm.MixtureJson.write(out.resolve(GmmFiles.MIXTURE), m.covarianceType(), m.parameters());
    Pca pca = savedPca(folder);
    if (pca != null) {
      GmmFiles.writePca(out.resolve(GmmFiles.PCA), pca);
    }
    dev.vaelab.gmm.MixtureSavedModel.export(m.parameters(), pca, out);
    return "TensorFlow SavedModel (tag serve; signatures score, encode, decode, sample" + (pca != null ? "; y before the PCA" : "")
        + ") and the mixture as JSON (" + GmmFiles.MIXTURE + (pca != null ? ", " + GmmFiles.PCA : "") + ")";
  }

  /** The data in the space the mixture's samples are in: pixels in [0, 1] for images (before the PCA), the rows themselves otherwise. */
  @Override
  public DataSource.Splits sampleData(RunSpec spec) {
    Options o = options(spec);
    if (spec.data().isCsv()) {
      GmmFeatures.Split d = GmmFeatures.load(spec.data(), o.pcaDim(), null, o.csvHeader());
      return new DataSource.Splits(d.name(), GmmFeatures.dataset(d.name(), d.train(), d.trainLabels()),
          GmmFeatures.dataset(d.name(), d.test(), d.testLabels()), spec.shape(), d.preprocessing());
    }
    return DataSource.load(spec.data(), spec.read(), false, name());
  }

  /**
   * {@code prior}: n ancestral samples of the mixture (n ~ λ, f ~ N(μ_n, Σ_n)), mapped back through the PCA to pixels
   * clipped to [0, 1] for image runs (as {@code vaelab sample}); the mixture has no decoder, so no reconstructions.
   */
  @Override
  public java.util.List<dev.vaelab.lab.score.SampleSet> sampleSets(RunSpec spec, RunFolder folder, int n, long seed, PrintStream log) {
    dev.vaelab.lab.run.Sizes.checkFloats("--samples " + n, n, spec.shape().size(), "samples");
    GaussianMixtureFit fit = load(spec, folder);
    Pca pca = savedPca(folder);
    double[][] f = fit.sample(n, seed).values();
    int d = pca != null ? pca.mean().length : f[0].length;
    float[] rows = new float[n * d];
    for (int i = 0; i < n; i++) {
      if (pca != null) {
        System.arraycopy(GmmFigures.toPixels(pca, f[i]), 0, rows, i * d, d);
      } else {
        for (int j = 0; j < d; j++) {
          rows[i * d + j] = (float) f[i][j];
        }
      }
    }
    return java.util.List.of(new dev.vaelab.lab.score.SampleSet("prior", rows, n));
  }

  @Override
  public String sampleFileName(RunSpec spec, long seed) {
    return "samples-" + seed + (spec.data().isCsv() || (!spec.read().dataShape().isEmpty() && spec.shape().isVector()) ? ".csv" : ".png");
  }

  @Override
  public Path sample(RunSpec spec, RunFolder folder, SampleRequest request, Path out, PrintStream log) {
    if (!request.sampler().equals("prior")) {
      throw new IllegalArgumentException("--sampler " + request.sampler() + ": the mixture samples from its own prior (--sampler prior)");
    }
    int n = request.n();
    long seed = request.seed();
    GaussianMixtureFit fit = load(spec, folder);
    Pca pca = savedPca(folder);
    if (pca != null) {
      dev.vaelab.core.data.ImageShape shape = spec.shape();
      if (shape.size() != pca.mean().length) {
        throw new IllegalStateException("the PCA basis has " + pca.mean().length + " values, images of " + shape + " have " + shape.size());
      }
      GmmFigures.writeImages(fit, pca, shape, n, seed, out);
      return out;
    }
    GaussianMixtureFit.Samples s = fit.sample(n, seed);
    StringBuilder csv = new StringBuilder();
    int d = s.values()[0].length;
    for (int j = 0; j < d; j++) {
      csv.append(j == 0 ? "" : ",").append("y").append(j + 1);
    }
    csv.append(",component\n");
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        csv.append(j == 0 ? "" : ",").append(s.values()[i][j]);
      }
      csv.append(',').append(s.components()[i]).append('\n');
    }
    AtomicFiles.writeString(out, csv.toString());
    return out;
  }
}
