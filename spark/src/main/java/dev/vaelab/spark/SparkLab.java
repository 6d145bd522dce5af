package dev.vaelab.spark;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vaelab spark score|gmm|train}: the vaelab commands that run on Apache Spark, locally with
 * {@code --master local[N]} or on a cluster through spark-submit (docs/spark.md).
 */
@Command(name = "vaelab spark", mixinStandardHelpOptions = true, versionProvider = dev.vaelab.cli.Version.class,
    description = "vaelab on Apache Spark: score a run over a data set, fit a Gaussian mixture by distributed EM, train data-parallel, benchmark.",
    subcommands = {SparkGmmCommand.class, SparkScoreCommand.class, SparkTrainCommand.class, SparkBenchCommand.class})
public final class SparkLab implements Callable<Integer> {
  public static void main(String[] args) {
    System.exit(execute(System.err, args));
  }

  /** Runs the command line; returns the exit code (errors are printed as one line naming the problem). */
  public static int execute(PrintStream err, String... args) {
    CommandLine cl = commandLine(args);
    cl.setErr(new java.io.PrintWriter(err, true));
    return cl.execute(args);
  }

  /** {@code vaelab spark} as a plug-in of the vaelab command (META-INF/services/dev.vaelab.cli.CommandPlugin). */
  public static final class Plugin implements dev.vaelab.cli.CommandPlugin {
    @Override
    public String name() {
      return "spark";
    }

    @Override
    public CommandLine commandLine(String[] args) {
      return SparkLab.commandLine(args);
    }
  }

  /** The command line of {@code vaelab spark}, with the options of the family the arguments name. */
  static CommandLine commandLine(String... args) {
    CommandLine cl = new CommandLine(new SparkLab());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable cause = ex;
      while (cause.getCause() != null && (cause instanceof org.apache.spark.SparkException || cause.getMessage() == null)) {
        cause = cause.getCause(); // a task's own exception, not Spark's "Job aborted due to stage failure"
      }
      cmd.getErr().println("vaelab spark: " + cause.getMessage());
      if (System.getenv("VAELAB_DEBUG") != null) {
        ex.printStackTrace(cmd.getErr());
      }
      return 1;
    });
    SparkTrainCommand.addFamilyOptions(cl.getSubcommands().get("train"), args);
    return cl;
  }

  @Override
  public Integer call() {
    new CommandLine(this).usage(System.out);
    return 0;
  }
}
