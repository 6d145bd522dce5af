package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.cli.FamilyOptions;
import dev.vaelab.cli.SettingOptions;
import dev.vaelab.lab.run.MachineInfo;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code vaelab} command line. {@code train} takes the common options (data, seed, output) of
 * every family, the training options of the gradient-trained families and the options of the
 * family named by {@code --model} — only those: the family's options are added to the command
 * once the model is known, so {@code train --model gmm --help} shows the mixture's options alone
 * and a VQ-VAE option given to the mixture is refused with a message naming both.
 */
@Command(
    name = "vaelab",
    mixinStandardHelpOptions = true,
    versionProvider = dev.vaelab.cli.Version.class,
    description = "Variational autoencoders on TensorFlow Java: train, evaluate and sample models, compare variants, run benchmarks and the course exercises.",
    subcommands = {Vaelab.Models.class, Vaelab.Train.class, Vaelab.Evaluate.class, Vaelab.Sample.class, Vaelab.Export.class, Vaelab.EncodeCommand.class, Vaelab.Compare.class,
        Vaelab.Bench.class, Vaelab.ExercisesCommand.class, MetricsCommand.class})
public final class Vaelab implements Runnable {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(System.err, args));
  }

  /**
   * Runs the command line; errors go to {@code err} as one line naming the problem (the stack
   * trace too when {@code VAELAB_DEBUG} is set).
   *
   * @return the exit code: 0 on success, 1 on an error, 2 on bad usage
   */
  public static int execute(PrintStream err, String... args) {
    CommandLine cl = new CommandLine(new Vaelab());
    cl.setErr(new PrintWriter(err, true));
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("vaelab: " + ex.getMessage());
          if (System.getenv("VAELAB_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
          }
          return 1;
        });
    cl.setParameterExceptionHandler(Vaelab::usageError);
    Train.addFamilyOptions(cl.getSubcommands().get("train"), args);
    if (args.length > 0 && args[0].equals("train") && (List.of(args).contains("--help") || List.of(args).contains("-h"))
        && dev.vaelab.cli.Argv.optionAfter(args, "train", "--resume") == null) {
      try { // the help of an unknown model would list no model's options: say so instead
        ModelFamilies.named(dev.vaelab.cli.Argv.modelNamedIn(args, "train"));
      } catch (IllegalArgumentException e) {
        err.println("vaelab: " + e.getMessage());
        return 2;
      }
    }
    for (dev.vaelab.cli.CommandPlugin plugin : dev.vaelab.cli.CommandPlugin.installed()) { // vaelab spark, when its module is on the class path
      String[] rest = args.length > 0 && args[0].equals(plugin.name()) ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0];
      cl.addSubcommand(plugin.name(), plugin.commandLine(rest));
    }
    return cl.execute(args);
  }

  /** A usage error: one line, with the help command to read; an option of another family is named as such. */
  private static int usageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    String message = ex.getMessage();
    if (cmd.getCommand() instanceof Train t && ex instanceof UnmatchedArgumentException u) {
      message = t.explainUnmatched(u, message);
    }
    err.println("vaelab: " + message);
    err.println("see: " + cmd.getCommandSpec().qualifiedName() + (cmd.getCommand() instanceof Train t2 && t2.options != null && t2.options.family() != null
        ? " --model " + t2.options.family().name() : "") + " --help");
    return 2;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "models", mixinStandardHelpOptions = true, description = "List the model families, with what each is.")
  static final class Models implements Callable<Integer> {
    @Override
    public Integer call() {
      for (ModelFamily<?> f : ModelFamilies.all()) {
        System.out.printf("%-16s %s%n", f.name(), f.description());
      }
      System.out.println();
      System.out.println("Options of one: vaelab train --model NAME --help");
      return 0;
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train a model and write a run folder (config.json, metrics, summary.json, images, checkpoints).",
          "The options below are those of the model named by --model (default gaussian-vae); see vaelab models."})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", description = "Model family (default ${DEFAULT-VALUE}); vaelab models lists them.")
    String model = ModelFamilies.DEFAULT;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default runs/<model>-<date>-<time>, a new folder every time).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run already in --out: its own files are deleted first, any other file is kept; a folder that holds no run is never cleared.")
    boolean overwrite;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue the run in this folder from its newest usable checkpoint (its config.json holds the settings; --epochs N extends it to N epochs).")
    Path resume;

    /** Set from the arguments' pre-scan: the data options and, once the model is known, its options and the training options. */
    FamilyOptions options;

    /** Adds the data options and those of the family named in {@code args} (or of the run given to --resume) to the train command. */
    static void addFamilyOptions(CommandLine train, String[] args) {
      Train t = train.getCommand();
      t.options = FamilyOptions.addTo(train, "train", args, "--resume");
    }

    /** Names the family an unmatched option belongs to, if it belongs to one. */
    String explainUnmatched(UnmatchedArgumentException u, String fallback) {
      List<String> unmatched = u.getUnmatched();
      if (unmatched.isEmpty() || !unmatched.get(0).startsWith("-")) {
        return fallback;
      }
      return options.explainUnmatched(unmatched.get(0).split("=", 2)[0], model);
    }

    @Override
    public Integer call() {
      if (resume != null) {
        List<String> given = new ArrayList<>();
        for (var o : spec.commandLine().getParseResult().matchedOptions()) {
          if (!o.longestName().equals("--resume") && !o.longestName().equals("--epochs")) {
            given.add(o.longestName());
          }
        }
        if (!given.isEmpty()) {
          throw new IllegalArgumentException("--resume continues a run with the settings of its config.json; "
              + String.join(", ", given) + " cannot be given with it (only --epochs, to extend the run)");
        }
        boolean epochsGiven = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
        Lab.resume(resume, epochsGiven ? options.epochs() : null, System.out);
        return 0;
      }
      RunSpec s = options.spec(model);
      Path dir = out != null ? out : RunFolder.defaultPath(s.family().name());
      Lab.train(s, dir, overwrite, System.out);
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true, modelTransformer = CommonOptions.EvaluateOptions.class,
      description = {"Reload a run in this process and recompute its test numbers; the result is added to the run's evaluations.json (earlier results are kept).",
          "--nll K adds the importance-sampled test log-likelihood on --nll-examples images (0, the default: all)."})
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run folder.")
    Path run;

    @Option(names = "--seed", description = "Seed of the evaluation noise (default: the run's own seed, which reproduces the run's test numbers).")
    Long seed;

    @Spec CommandSpec spec;

    @Mixin CommonOptions.Sampler sampler = new CommonOptions.Sampler();

    @Option(names = "--metrics", paramLabel = "LIST", description = {"Metrics to add, comma-separated. Of the representation (posterior means, the"
        + " mixture's responsibilities, a VQ-VAE's quantised vectors; the data need labels): probe (linear-probe accuracy), knn (5-NN accuracy),"
        + " cluster (k-means NMI and ARI). Of the samples of every sampler and of reconstructions, against the test split, with the floor"
        + " (training rows against it): fd (Fréchet distance), kid (kernel distance), pr (precision and recall, k = 3).",
        "See docs/metrics.md."})
    String metrics = "";

    @Option(names = "--samples", paramLabel = "N", description = "Rows of each set the sample metrics compare (default: ${DEFAULT-VALUE}).")
    int samples = dev.vaelab.lab.score.SampleScores.DEFAULT_SAMPLES;

    @Option(names = "--features", paramLabel = "DIR", description = {"A TensorFlow SavedModel whose signature maps the data to features, for the"
        + " sample metrics (default: the data's feature network — a small classifier of the labels, trained once and cached in"
        + " $VAELAB_FEATURES or ~/.vaelab/features —; for vector data the values themselves)."})
    Path features;

    @Option(names = "--features-signature", paramLabel = "NAME", description = "Its signature (default: ${DEFAULT-VALUE}); one float32 input, [n, H, W, C] or [n, D].")
    String featuresSignature = ModelFamily.DEFAULT_SIGNATURE;

    @Option(names = "--features-output", paramLabel = "NAME", description = "Its output holding the features, float32 [n, F] (default: ${DEFAULT-VALUE}).")
    String featuresOutput = ModelFamily.DEFAULT_SIGNATURE;

    @Option(names = "--dump-features", paramLabel = "DIR", description = "A new folder to write the features of every set to as .npy (real.npy, train.npy,"
        + " SOURCE.npy), to recompute the metrics elsewhere (bench/peers/sample_metrics.py).")
    Path dumpFeatures;

    @Override
    public Integer call() {
      int nllK = (int) SettingOptions.valueOf(spec, TrainingSettings.class, CommonOptions.EVALUATE_TRAINING, "nllK");
      int nllExamples = (int) SettingOptions.valueOf(spec, TrainingSettings.class, CommonOptions.EVALUATE_TRAINING, "nllExamples");
      var request0 = new ModelFamily.EvaluationRequest(0, nllK, nllExamples, sampler.sampler, sampler.components, metrics, samples,
          features == null ? "" : features.toString(), featuresSignature, featuresOutput, dumpFeatures == null ? "" : dumpFeatures.toString()); // checks before any work
      long s = seed != null ? seed : RunFolder.read(run).spec().data().seed();
      dev.vaelab.lab.run.Summary m = Lab.evaluate(run, request0.withSeed(s), System.out);
      System.out.println(Json.write(m.toMap()));
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = "Write a trained run's model in a form that leaves vaelab: a TensorFlow SavedModel (encode, decode, sample) or, for the mixture, its JSON files.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run folder.")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "New folder for the exported model.")
    Path out;

    @Option(names = "--overwrite", description = "Replace --out if it holds an earlier export (never a run, never any other folder).")
    boolean overwrite;

    @Override
    public Integer call() {
      System.out.println("wrote " + out + ": " + Lab.export(run, out, overwrite, System.out));
      return 0;
    }
  }

  @Command(name = "encode", mixinStandardHelpOptions = true,
      description = "Write the latent representation of data under a trained run: posterior means (codes for a VQ-VAE, responsibilities for the mixture), with labels when the data have them.")
  static final class EncodeCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run folder.")
    Path run;

    @Mixin dev.vaelab.cli.OtherData data = new dev.vaelab.cli.OtherData();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "A .csv file (columns split, label, z1..zD) or a .npy file (float32 [N, D]; labels in FILE.labels.npy).")
    Path out;

    @Option(names = "--split", description = "all (default: training then test rows), train or test.")
    String split = "all";

    @Option(names = "--overwrite", description = "Replace --out if it exists (never one of the run's own files).")
    boolean overwrite;

    @Override
    public Integer call() {
      System.out.println("wrote " + out + ": " + Lab.encode(run, data.data, out, split, overwrite, System.out));
      return 0;
    }
  }

  @Command(name = "sample", mixinStandardHelpOptions = true, description = "Write new samples from a trained run (an image grid, or CSV rows for non-image data).")
  static final class Sample implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run folder.")
    Path run;

    @Option(names = "-n", description = "Number of samples (default ${DEFAULT-VALUE}).")
    int n = 64;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file (default RUN/samples-<seed>.png, or .csv).")
    Path out;

    @Mixin CommonOptions.Sampler sampler = new CommonOptions.Sampler();

    @Option(names = "--overwrite", description = "Replace the output file if it exists (never one of the run's own files).")
    boolean overwrite;

    @Override
    public Integer call() {
      var request = new ModelFamily.SampleRequest(n, seed, sampler.sampler, sampler.components);
      System.out.println("wrote " + Lab.sample(run, request, out, overwrite, System.out));
      return 0;
    }
  }

  @Command(name = "bench", mixinStandardHelpOptions = true, modelTransformer = CommonOptions.BenchOptions.class, description = {"Benchmarks B1 (Gaussian VAE), B2 (IWAE), B3 (VQ-VAE), B4 (Gaussian-mixture EM), B7 (serve: single-row and batched latency) of docs/benchmarks.md and metrics (the cost of the sample metrics on --run DIR) and variants (seconds per epoch of named variants against the B1 network); prints one JSON line with the machine (CPU, vector extensions, thread settings).",
      "--epochs 0 (the default) runs the protocol's epochs: 10 for b1/b2, 5 for b3."})
  static final class Bench implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", description = "Benchmark: b1, b2, b3, b4, serve, soak, metrics or variants.")
    String name;

    @Spec CommandSpec spec;

    @Option(names = "--k", description = "B2: importance samples (default ${DEFAULT-VALUE}).")
    int k = 5;

    @Option(names = "--gradient", description = "B2: encoder gradient, iwae (default) or dreg.")
    String gradient = "iwae";


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

    @Option(names = "--run", paramLabel = "DIR", description = "metrics: the run whose samples are scored.")
    Path run;

    @Option(names = "--samples", paramLabel = "N", description = "metrics: rows of each set (default ${DEFAULT-VALUE}).")
    int samples = dev.vaelab.lab.score.SampleScores.DEFAULT_SAMPLES;

    @Option(names = "--metrics", paramLabel = "LIST", description = "metrics: which sample metrics (default ${DEFAULT-VALUE}).")
    String metrics = "fd,kid,pr";

    @Option(names = "--variants", split = ",", paramLabel = "V", description = "variants: compare's named variants to time against vae (the B1 network), each"
        + " trained --epochs epochs (default 3) on the same data.")
    java.util.List<String> variants = new java.util.ArrayList<>();

    @Option(names = "--single-calls", description = "serve: timed single-row calls per method (default ${DEFAULT-VALUE}).")
    int serveSingleCalls = 10_000;

    @Option(names = "--batch-calls", description = "serve: timed batched calls per method (default ${DEFAULT-VALUE}).")
    int serveBatchCalls = 10_000;

    @Option(names = "--batch-rows", description = "serve: rows per batched call (default ${DEFAULT-VALUE}).")
    int serveBatchRows = 1000;


    /** Prints the result as one JSON line and appends it to --out, if given. */
    private int emit(Map<String, Object> r) throws java.io.IOException {
      r.put("machine", MachineInfo.describe());
      String line = Json.writeLine(r);
      System.out.println(line);
      if (out != null) {
        String old = Files.exists(out) ? Files.readString(out) : "";
        AtomicFiles.writeString(out, old + line + "\n");
      }
      return 0;
    }

    @Option(names = "--out", description = "Also append the JSON line to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      DataSettings data = SettingOptions.read(spec, DataSettings.class, CommonOptions.BENCH_DATA);
      TrainingSettings training = SettingOptions.read(spec, TrainingSettings.class, CommonOptions.BENCH_TRAINING);
      Map<String, Object> result =
          switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "b1" -> BenchVae.run(vaeSettings(data, training, 0), System.err);
            case "b2" -> {
              if (k < 1) {
                throw new IllegalArgumentException("--k must be >= 1, got " + k);
              }
              yield BenchVae.run(vaeSettings(data, training, k), System.err);
            }
            case "b3" -> BenchVq.run(data.data(), training.epochs() > 0 ? training.epochs() : 5, data.seed(), data.trainLimit(), codebookUpdate(), System.err);
            case "b4" -> BenchGmm.run(data.data(), parts, System.err);
            case "serve" -> BenchServe.run(new BenchServe.Settings(data.data(), serveSingleCalls, serveBatchCalls, serveBatchRows, data.seed()), System.err);
            case "soak" -> BenchSoak.run(soakSteps, soakCalls, java.nio.file.Files.createTempDirectory("vaelab-soak"), System.err, !noCheckpoints);
            case "metrics" -> BenchMetrics.run(run, metrics, samples, data.seed(), System.err);
            case "variants" -> BenchVariants.run(data.data(), variants, training.epochs(), data.seed(), data.trainLimit(), System.err);
            default -> throw new IllegalArgumentException("unknown benchmark '" + name + "'; available: b1, b2, b3, b4, serve, soak, metrics, variants");
          };
      return emit(result);
    }

    private BenchVae.Settings vaeSettings(DataSettings data, TrainingSettings training, int importanceSamples) {
      return new BenchVae.Settings(data.data(), training.epochs() > 0 ? training.epochs() : 10, data.seed(), data.trainLimit(), importanceSamples,
          dev.vaelab.iwae.GradientEstimator.fromName(gradient), training.nllK(), training.nllExamples());
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

  @Command(name = "compare", mixinStandardHelpOptions = true, modelTransformer = CommonOptions.CompareOptions.class, description = "Train several variants on the same data and budget; write one report (report.md, report.html, results.csv, curves).")
  static final class Compare implements Callable<Integer> {
    @Option(names = "--experiment", paramLabel = "FILE", description = "A JSON file describing the experiment (see docs/compare.md). Without it, --variants and the options below define it.")
    Path experiment;

    @Option(names = "--variants", split = ",", description = {"Named variants (default: the first wave's vae, beta-vae, iwae-5, iwae-50, dreg-5, vq-ema, vq-loss, gmm).",
        "Also: vae-mog, vae-vamp, cvae, conv-vae, iwae-5-layers-1, iwae-5-layers-2, miwae-8x8, piwae-8x8, ciwae-64,",
        "categorical-vae, categorical-vae-st, tc-vae-1, tc-vae-4, tc-vae-8, vq-pixelcnn, vae-planar, vae-iaf, vae-layers-2, ladder-vae,",
        "wae, wae-rbf, wae-gaussian, info-vae, rae, rae-gp; any other setting through --experiment."})
    List<String> variants = new ArrayList<>(Experiment.DEFAULT_VARIANTS);


    @Option(names = "--seeds", split = ",", description = "Distinct seeds, comma-separated (default 0).")
    List<Long> seeds = List.of(0L);

    @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default runs/compare).")
    Path out = Path.of("runs", "compare");

    @Option(names = "--betas", split = ",", paramLabel = "B", description = {"A β sweep of the Gaussian VAE, e.g. 0.25,0.5,1,2,4,8: one variant per β (beta-B; beta-0p25 for 0.25),",
        "drawn as a curve in the rate–distortion plane; with --variants, after those variants."})
    List<Double> betas;

    @Option(names = "--metrics", paramLabel = "LIST", description = {"Metrics to add to every run, some of fd (Fréchet distance), kid (kernel"
        + " distance), pr (precision and recall) — each sampler's samples and the reconstructions against the test split, in the data's feature"
        + " network's space, with the floor; about a minute per run on 10,000 rows — and, on data with known factors (--data dsprites…), mig,"
        + " dci, sap, factorvae, betavae (default: none).",
        "The representation metrics (probe, 5-NN, k-means) are always computed. See docs/metrics.md."})
    String metrics = "";

    @Option(names = "--samples", paramLabel = "N", description = "Rows of each set the sample metrics compare (default: ${DEFAULT-VALUE}).")
    int samples = dev.vaelab.lab.score.SampleScores.DEFAULT_SAMPLES;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      DataSettings data = SettingOptions.read(spec, DataSettings.class, DataSettings.defaults());
      TrainingSettings training = SettingOptions.read(spec, TrainingSettings.class, CommonOptions.COMPARE_TRAINING);
      var shared = new Experiment.Shared(data.data(), training.epochs(), training.nllK(), training.nllExamples(), data.trainLimit(), data.testLimit());
      if (experiment != null && betas != null) {
        throw new IllegalArgumentException("--betas defines the variants; it cannot be given with --experiment (add beta variants to the file)");
      }
      Experiment e = experiment != null
          ? Experiment.read(experiment)
          : betas != null
              ? Experiment.betaSweep(spec.commandLine().getParseResult().hasMatchedOption("--variants") ? variants : List.of(), betas, shared, seeds)
              : Experiment.standard(variants, shared, seeds);
      CompareRun.run(e, out, new CompareRun.SampleMetrics(metrics, samples), System.out);
      return 0;
    }
  }
}
