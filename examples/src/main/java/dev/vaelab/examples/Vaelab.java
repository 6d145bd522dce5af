package dev.vaelab.examples;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code vaelab} command line. */
@Command(
    name = "vaelab",
    mixinStandardHelpOptions = true,
    version = "vaelab 0.1.0",
    description = "Variational autoencoders on TensorFlow Java: train, evaluate, sample, bench.",
    subcommands = {Vaelab.Train.class, Vaelab.Evaluate.class, Vaelab.Sample.class, Vaelab.Bench.class, Vaelab.ExercisesCommand.class, Vaelab.Compare.class})
public final class Vaelab implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(System.err, args));
  }

  /**
   * Runs the command line; errors go to {@code err} as one line naming the problem (the stack
   * trace too when {@code VAELAB_DEBUG} is set).
   *
   * @return the exit code: 0 on success, 1 on an error, 2 on bad usage
   */
  public static int execute(java.io.PrintStream err, String... args) {
    return new CommandLine(new Vaelab())
        .setErr(new java.io.PrintWriter(err, true))
        .setExecutionExceptionHandler(
            (ex, cmd, parsed) -> {
              cmd.getErr().println("vaelab: " + ex.getMessage());
              if (System.getenv("VAELAB_DEBUG") != null) {
                ex.printStackTrace(cmd.getErr());
              }
              return 1;
            })
        .execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model and write a run folder.")
  static final class Train implements Callable<Integer> {
    @Option(names = "--model", description = "Model: gaussian-vae (default), iwae, vq-vae or gmm.")
    String model = "gaussian-vae";

    @Option(names = "--ema", negatable = true, description = "vq-vae: EMA codebook (default) or, with --no-ema, a codebook trained by the codebook loss.")
    boolean ema = true;

    @Option(names = "--codebook-size", description = "vq-vae: number of codes K (default ${DEFAULT-VALUE}).")
    int codebookSize = 128;

    @Option(names = "--code-dimension", description = "vq-vae: code dimension D (default ${DEFAULT-VALUE}).")
    int codeDimension = 16;

    @Option(names = "--commitment", description = "vq-vae: commitment cost beta (default ${DEFAULT-VALUE}).")
    double commitment = 0.25;

    @Option(names = "--dead-code-threshold", description = "vq-vae: re-seed codes whose EMA cluster size falls below this (default ${DEFAULT-VALUE}: off).")
    double deadCodeThreshold = 0;

    @Option(names = "--kmeans-init", description = "vq-vae: initialise the codebook by k-means on the first batch's encoder outputs.")
    boolean kmeansInit = false;

    @Option(names = "--components", description = "gmm: mixture components K (default ${DEFAULT-VALUE}).")
    int components = 10;

    @Option(names = "--covariance", description = "gmm: full (default), diag, spherical or tied.")
    String covariance = "full";

    @Option(names = "--pca-dim", description = "gmm: PCA dimension of image features (default ${DEFAULT-VALUE}).")
    int pcaDim = 50;

    @Option(names = "--tolerance", description = "gmm: EM stops when the mean log-likelihood gains less than this (default 1e-8).")
    double tolerance = 1e-8;

    @Option(names = "--max-iterations", description = "gmm: EM iteration cap (default ${DEFAULT-VALUE}).")
    int maxIterations = 2000;

    @Option(names = "--restarts", description = "gmm: EM runs from different starts, best kept (default ${DEFAULT-VALUE}).")
    int restarts = 1;

    @Option(names = "--k", description = "Importance samples of the IWAE bound (model iwae; default ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--gradient", description = "Encoder gradient of the IWAE bound: iwae (default) or dreg.")
    String gradient = "iwae";

    @Option(names = "--nll-k", description = "K of the importance-sampled test log-likelihood in summary.json (default ${DEFAULT-VALUE}; 0 skips it).")
    int nllK = 1000;

    @Option(names = "--nll-examples", description = "Test images used for it (default ${DEFAULT-VALUE}).")
    int nllExamples = 500;

    @Option(names = "--data", description = "embedded (default, ships with vaelab), fmnist (search the standard places, download if needed), a folder of Fashion-MNIST IDX files, or (gmm) a .csv file of numbers.")
    String data = DataSource.EMBEDDED;

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--batch-size", description = "Minibatch size (default ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--lr", description = "Adam learning rate (default ${DEFAULT-VALUE}).")
    double lr = 1e-3;

    @Option(names = "--latent", description = "Latent size d (default ${DEFAULT-VALUE}).")
    long latent = 20;

    @Option(names = "--hidden", split = ",", description = "Hidden sizes, comma-separated (default 400).")
    long[] hidden = {400};

    @Option(names = "--decoder", description = "bernoulli (default), gaussian or gaussian-learned.")
    String decoder = "bernoulli";

    @Option(names = "--beta", description = "Rate weight β (default ${DEFAULT-VALUE}).")
    double beta = 1.0;

    @Option(names = "--warmup-steps", description = "KL warm-up steps (default ${DEFAULT-VALUE}: none).")
    long warmupSteps = 0;

    @Option(names = "--free-bits", description = "Free bits λ, nats per latent dimension (default ${DEFAULT-VALUE}: off).")
    double freeBits = 0;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--train-limit", description = "Use only the first N training examples (0 = all).")
    int trainLimit = 0;

    @Option(names = "--out", description = "Run folder (default runs/<model>-<time>).")
    Path out;

    @Option(names = "--skip-nonfinite", description = "Skip a batch whose loss or gradient is NaN/Inf (its gradient becomes zeros) instead of stopping with a message.")
    boolean skipNonFinite = false;

    @Option(names = "--deterministic", description = "Run TensorFlow's kernels on one thread so that the same seed gives the same run bit for bit (slower).")
    boolean deterministic = false;

    @Option(names = "--resume", description = "Continue the interrupted run in this folder from its last checkpoint (other options are ignored: its config.json holds them).")
    Path resume;

    @Override
    public Integer call() {
      if (resume != null) {
        TrainRun.resume(resume, System.out);
        return 0;
      }
      RunConfig c = new RunConfig();
      c.model = model;
      c.data = data;
      c.epochs = epochs;
      c.batchSize = batchSize;
      c.learningRate = lr;
      c.latent = latent;
      c.hidden = hidden;
      c.decoder = decoder;
      c.beta = beta;
      c.warmupSteps = warmupSteps;
      c.freeBits = freeBits;
      c.seed = seed;
      c.trainLimit = trainLimit;
      c.k = k;
      c.gradient = gradient;
      c.nllK = nllK;
      c.nllExamples = nllExamples;
      c.components = components;
      c.covariance = covariance;
      c.pcaDim = pcaDim;
      c.tolerance = tolerance;
      c.maxIterations = maxIterations;
      c.restarts = restarts;
      c.ema = ema;
      c.codebookSize = codebookSize;
      c.codeDimension = codeDimension;
      c.commitment = commitment;
      c.deadCodeThreshold = deadCodeThreshold;
      c.kmeansInit = kmeansInit;
      c.skipNonFinite = skipNonFinite;
      c.deterministic = deterministic;
      Path dir = out != null ? out : Path.of("runs", model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      if ("gmm".equals(model)) {
        GmmRun.run(c, dir, System.out);
      } else {
        TrainRun.run(c, dir, System.out);
      }
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Reload a run's checkpoint in this process and recompute its test numbers.")
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder.")
    Path run;

    @Option(names = "--seed", description = "Seed of the evaluation noise (default: the run's own seed, which reproduces the run's test numbers).")
    Long seed;

    @Option(names = "--nll", description = "Also estimate the test log-likelihood with K importance samples (e.g. 5000).")
    int nllK = 0;

    @Option(names = "--nll-examples", description = "Test images for --nll (default ${DEFAULT-VALUE}: all).")
    int nllExamples = 0;

    @Override
    public Integer call() {
      long s = seed != null ? seed : RunConfig.readRunFolder(run).seed;
      EvaluateRun.Result r = EvaluateRun.run(run, s, nllK, nllExamples);
      Map<String, Object> m = new java.util.LinkedHashMap<>(r.test().toMap("test_"));
      if (r.logLikelihood() != null) {
        m.putAll(r.logLikelihood().toMap());
      }
      System.out.println(Json.write(m));
      return 0;
    }
  }

  @Command(name = "sample", mixinStandardHelpOptions = true, description = "Write a new grid of samples from a trained run.")
  static final class Sample implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder.")
    Path run;

    @Option(names = "-n", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n = 64;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", description = "PNG file (default RUN/samples-<seed>.png).")
    Path out;

    @Override
    public Integer call() {
      Path file = out != null ? out : run.resolve("samples-" + seed + ".png");
      SampleRun.run(run, n, seed, file);
      System.out.println("wrote " + file);
      return 0;
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks B1 (Gaussian VAE), B2 (IWAE), B3 (VQ-VAE) and B4 (Gaussian-mixture EM) of shared/bench/PROTOCOL.md; prints one JSON line.")
  static final class Bench implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", description = "Benchmark: b1, b2, b3 or b4.")
    String name;

    @Option(names = "--data", description = "fmnist (default: standard search), a folder, or embedded (smoke runs).")
    String data = DataSource.FMNIST;

    @Option(names = "--epochs", description = "Epochs (default: the protocol's, 10 for b1/b2, 5 for b3).")
    Integer epochs;

    @Option(names = "--k", description = "B2: importance samples (default ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--gradient", description = "B2: encoder gradient, iwae (default) or dreg.")
    String gradient = "iwae";

    @Option(names = "--nll-k", description = "Importance samples of the test NLL (default ${DEFAULT-VALUE}; 0 skips it).")
    int nllK = 5000;

    @Option(names = "--nll-examples", description = "First test images used for the NLL (default ${DEFAULT-VALUE}).")
    int nllExamples = 1000;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--parts", description = "B4: which parts, any of a, b, c (default ${DEFAULT-VALUE}).")
    String parts = "abc";

    @Option(names = "--codebook", description = "B3: ema (default) or loss.")
    String codebook = "ema";

    @Option(names = "--steps", description = "soak: training steps (default ${DEFAULT-VALUE}).")
    int soakSteps = 20_000;

    @Option(names = "--no-checkpoints", description = "soak: do not checkpoint after every epoch (isolates the save path).")
    boolean noCheckpoints = false;

    @Option(names = "--calls", description = "soak: evaluate + sample calls on the restored model (default ${DEFAULT-VALUE}).")
    int soakCalls = 1000;


    /** Prints the result as one JSON line and appends it to --out, if given. */
    private int emit(Map<String, Object> r) throws java.io.IOException {
      String line = Json.writeLine(r);
      System.out.println(line);
      if (out != null) {
        String old = Files.exists(out) ? Files.readString(out) : "";
        AtomicFiles.writeString(out, old + line + "\n");
      }
      return 0;
    }

    @Option(names = "--train-limit", description = "Use only the first N training examples (0 = all).")
    int trainLimit = 0;

    @Option(names = "--out", description = "Also append the JSON line to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> result =
          switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "b1" -> BenchVae.run(vaeSettings(0), System.err);
            case "b2" -> {
              if (k < 1) {
                throw new IllegalArgumentException("--k must be >= 1, got " + k);
              }
              yield BenchVae.run(vaeSettings(k), System.err);
            }
            case "b3" -> BenchVq.run(data, epochs != null ? epochs : 5, seed, trainLimit, codebookUpdate(), System.err);
            case "b4" -> BenchGmm.run(data, parts, System.err);
            case "soak" -> BenchSoak.run(soakSteps, soakCalls, java.nio.file.Files.createTempDirectory("vaelab-soak"), System.err, !noCheckpoints);
            default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'; available: b1, b2, b3, b4, soak");
          };
      return emit(result);
    }

    private BenchVae.Settings vaeSettings(int importanceSamples) {
      return new BenchVae.Settings(data, epochs != null ? epochs : 10, seed, trainLimit, importanceSamples,
          dev.vaelab.iwae.GradientEstimator.fromName(gradient), nllK, nllExamples);
    }

    private dev.vaelab.vq.CodebookUpdate codebookUpdate() {
      return switch (codebook) {
        case "ema" -> dev.vaelab.vq.CodebookUpdate.EMA;
        case "loss" -> dev.vaelab.vq.CodebookUpdate.GRADIENT;
        default -> throw new IllegalArgumentException("--codebook must be ema or loss, got '" + codebook + "'");
      };
    }
  }

  @Command(name = "exercises", mixinStandardHelpOptions = true, description = "List the course exercises, or run one (or all) of them.")
  static final class ExercisesCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", arity = "0..1", description = "Exercise name, or all; none lists them.")
    String name;

    @Option(names = "--out", description = "Folder for the figures (default runs/exercises).")
    Path out = Path.of("runs", "exercises");

    @Option(names = "--docs", description = "Also write the docs pages (numbers and figures) into this folder, e.g. docs/exercises.")
    Path docs;

    @Override
    public Integer call() {
      if (name == null) {
        for (dev.vaelab.examples.exercises.Exercise e : dev.vaelab.examples.exercises.Exercises.all()) {
          System.out.printf("%-20s %s%n", e.name(), e.summary());
        }
        return 0;
      }
      java.util.List<dev.vaelab.examples.exercises.Exercise> chosen =
          "all".equals(name) ? dev.vaelab.examples.exercises.Exercises.all() : java.util.List.of(dev.vaelab.examples.exercises.Exercises.named(name));
      var results = dev.vaelab.examples.exercises.Exercises.run(chosen, out, System.out);
      System.out.println("figures in " + out);
      if (docs != null) {
        dev.vaelab.examples.exercises.Exercises.writeDocs(results, out, docs);
        System.out.println("docs pages in " + docs);
      }
      return 0;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true, description = "Train several variants on the same data and budget; write one report (report.md, report.html, results.csv, curves).")
  static final class Compare implements Callable<Integer> {
    @Option(names = "--experiment", description = "Experiment file (JSON; see Experiment). Without it, --variants and the flags below define it.")
    Path experiment;

    @Option(names = "--variants", split = ",", description = "Standard variants: vae, beta-vae, iwae-5, iwae-50, dreg-5, vq-ema, vq-loss, gmm (default: all).")
    java.util.List<String> variants = new java.util.ArrayList<>(Experiment.STANDARD_VARIANTS.keySet());

    @Option(names = "--data", description = "embedded (default), fmnist or a folder.")
    String data = DataSource.EMBEDDED;

    @Option(names = "--epochs", description = "Epochs per variant (default ${DEFAULT-VALUE}).")
    int epochs = 5;

    @Option(names = "--seeds", split = ",", description = "Seeds, comma-separated (default 0).")
    java.util.List<Long> seeds = java.util.List.of(0L);

    @Option(names = "--nll-k", description = "Importance samples of the test NLL (default ${DEFAULT-VALUE}; 5000 for a final table).")
    int nllK = 1000;

    @Option(names = "--nll-examples", description = "Test images for the NLL (default ${DEFAULT-VALUE}).")
    int nllExamples = 500;

    @Option(names = "--train-limit", description = "First N training images (0 = all).")
    int trainLimit = 0;

    @Option(names = "--out", description = "Report folder (default runs/compare).")
    Path out = Path.of("runs", "compare");

    @Override
    public Integer call() {
      Experiment e = experiment != null ? Experiment.read(experiment) : Experiment.standard(variants, data, epochs, seeds, nllK, nllExamples, trainLimit, 0);
      CompareRun.run(e, out, System.out);
      return 0;
    }
  }
}
