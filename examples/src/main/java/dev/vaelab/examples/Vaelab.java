package dev.vaelab.examples;

import dev.vaelab.core.eval.EvaluationResult;
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
    subcommands = {Vaelab.Train.class, Vaelab.Evaluate.class, Vaelab.Sample.class, Vaelab.Bench.class})
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
    @Option(names = "--model", description = "Model: gaussian-vae (default).")
    String model = "gaussian-vae";

    @Option(names = "--data", description = "embedded (default, ships with vaelab), fmnist (search the standard places, download if needed) or a folder of Fashion-MNIST IDX files.")
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

    @Override
    public Integer call() {
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
      Path dir = out != null ? out : Path.of("runs", model + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
      TrainRun.run(c, dir, System.out);
      return 0;
    }
  }

  @Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Reload a run's checkpoint in this process and recompute its test numbers.")
  static final class Evaluate implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run folder.")
    Path run;

    @Option(names = "--seed", description = "Seed of the evaluation noise (default ${DEFAULT-VALUE}).")
    long seed = 1;

    @Override
    public Integer call() {
      EvaluationResult r = EvaluateRun.run(run, seed);
      System.out.println(Json.write(r.toMap("test_")));
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

  @Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks of shared/bench/PROTOCOL.md; prints one JSON line.")
  static final class Bench implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", description = "Benchmark: b1.")
    String name;

    @Option(names = "--data", description = "fmnist (default: standard search), a folder, or embedded (smoke runs).")
    String data = DataSource.FMNIST;

    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs = 10;

    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--train-limit", description = "Use only the first N training examples (0 = all).")
    int trainLimit = 0;

    @Option(names = "--out", description = "Also append the JSON line to this file.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (!"b1".equalsIgnoreCase(name)) {
        throw new IllegalArgumentException("unknown benchmark '" + name + "'; available: b1");
      }
      Map<String, Object> r = BenchB1.run(data, epochs, seed, trainLimit, System.err);
      String line = Json.writeLine(r);
      System.out.println(line);
      if (out != null) {
        String old = Files.exists(out) ? Files.readString(out) : "";
        AtomicFiles.writeString(out, old + line + "\n");
      }
      return 0;
    }
  }

}
