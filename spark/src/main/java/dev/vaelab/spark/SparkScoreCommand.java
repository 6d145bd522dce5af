package dev.vaelab.spark;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.score.ModelInputs;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vaelab spark score}: per-row scores of a trained run (any family) over Spark — the data set
 * read by vaelab's readers on the driver ({@code --data}, as {@code vaelab encode}), or a Parquet /
 * JSON / CSV data set read by the executors ({@code --input}).
 */
@Command(name = "score", mixinStandardHelpOptions = true, modelTransformer = SparkScoreCommand.NllOption.class,
    description = {"Score every row of a data set under a trained run on Spark: ELBO, rate, distortion, bound, importance-sampled NLL (--nll-k),"
        + " posterior means or codes; for a mixture the log-likelihood and responsibilities.",
        "The numbers equal those of `vaelab evaluate` / `vaelab encode` for the same rows."})
final class SparkScoreCommand implements Callable<Integer> {
  @Mixin MasterOption spark = new MasterOption();

  @Option(names = "--partitions", paramLabel = "P", description = "Partitions of the rows read with --data (default: Spark's default parallelism).")
  Integer partitions;

  @Option(names = "--run", required = true, paramLabel = "RUN", description = "Run folder (any model family).")
  Path run;

  /** Scored by split (see --split). */
  @picocli.CommandLine.Mixin dev.vaelab.cli.OtherData other = new dev.vaelab.cli.OtherData();

  @Option(names = "--split", description = "With --data: all (training then test rows), train or test (default ${DEFAULT-VALUE}).")
  String split = "test";

  @Mixin InputTable table = new InputTable();

  @Option(names = "--context-column", paramLabel = "NAME", description = "With --input and a conditional model: the array column of each row's context c.")
  String contextColumn;

  /** --nll-k, declared by the training settings; none (0) by default here. */
  static final dev.vaelab.lab.run.TrainingSettings SCORE_NLL =
      dev.vaelab.lab.settings.Records.with(dev.vaelab.lab.run.TrainingSettings.defaults(), java.util.Map.of("nllK", 0, "nllExamples", 0));

  /** Adds --nll-k from its declaration. */
  public static final class NllOption implements picocli.CommandLine.IModelTransformer {
    @Override
    public picocli.CommandLine.Model.CommandSpec transform(picocli.CommandLine.Model.CommandSpec spec) {
      dev.vaelab.cli.SettingOptions.addTo(spec, dev.vaelab.lab.run.TrainingSettings.class, SCORE_NLL, "nllK");
      return spec;
    }
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec commandSpec;

  @Option(names = "--seed", description = "Seed of the evaluation noise (default: the run's own, as vaelab evaluate).")
  Long seed;

  @Option(names = "--out", required = true, paramLabel = "PATH", description = "A .csv file (written by the driver), or a folder written as Parquet by the executors.")
  Path out;

  @Option(names = "--overwrite", description = "Replace --out if it exists (a Parquet folder only if it is a finished Spark output, with _SUCCESS).")
  boolean overwrite;

  @Override
  public Integer call() {
    if (other.data != null && table.given()) {
      throw new IllegalArgumentException("give --data (read by vaelab's readers) or --input (read by Spark), not both");
    }
    if (!List.of("all", "train", "test").contains(split)) {
      throw new IllegalArgumentException("--split must be one of all, train, test; got '" + split + "'");
    }
    if (partitions != null && partitions < 1) {
      throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
    }
    boolean csv = out.toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    if (!csv && overwrite && java.nio.file.Files.isDirectory(out) && !java.nio.file.Files.isRegularFile(out.resolve("_SUCCESS"))) {
      throw new IllegalArgumentException("--out " + out + " is a folder that is not a finished Spark output (no _SUCCESS): it is never"
          + " replaced, --overwrite or not; choose a new folder");
    }
    try (dev.vaelab.lab.run.OutputClaim claim = dev.vaelab.lab.run.OutputClaim.claim(out, "--out", overwrite, run, !csv);
        SparkContexts.Use use = SparkContexts.use(spark.master, "vaelab spark score")) {
      SparkSession session = use.session();
      Dataset<Row> rows = table.given() ? table.read(session) : readData(session);
      String ctx = table.given() ? contextColumn : (List.of(rows.columns()).contains(CONTEXT) ? CONTEXT : null);
      Dataset<Row> scored = SparkScorer.score(rows, table.column, run, new SparkScorer.Settings(seed,
          (int) dev.vaelab.cli.SettingOptions.valueOf(commandSpec, dev.vaelab.lab.run.TrainingSettings.class, SCORE_NLL, "nllK"), ctx), System.out)
          .cache(); // scored once
      long n = write(scored);
      System.out.println(summary(scored, n));
      scored.unpersist();
    }
    return 0;
  }

  private Dataset<Row> readData(SparkSession session) {
    ModelInputs in;
    try (RunFolder folder = RunFolder.read(run)) {
      RunSpec spec = folder.spec();
      DataSettings d = other.data == null ? spec.data() : spec.data().withData(other.data);
      in = spec.family().inputs(spec, d);
    }
    List<Row> rows = new ArrayList<>();
    if (!split.equals("test")) {
      add(rows, "train", in.train(), in.trainLabels(), in.dimension(), in.trainContexts(), in.contextSize());
    }
    if (!split.equals("train")) {
      add(rows, "test", in.test(), in.testLabels(), in.dimension(), in.testContexts(), in.contextSize());
    }
    List<org.apache.spark.sql.types.StructField> fields = new ArrayList<>(List.of(
        DataTypes.createStructField("split", DataTypes.StringType, false),
        DataTypes.createStructField("label", DataTypes.IntegerType, true),
        DataTypes.createStructField(table.column, DataTypes.createArrayType(DataTypes.DoubleType, false), false)));
    if (in.contextSize() > 0) {
      fields.add(DataTypes.createStructField(CONTEXT, DataTypes.createArrayType(DataTypes.DoubleType, false), false));
    }
    StructType schema = DataTypes.createStructType(fields);
    var jsc = SparkContexts.java(session);
    int p = partitions != null ? partitions : jsc.defaultParallelism();
    return session.createDataFrame(jsc.parallelize(rows, p), schema);
  }

  /** The column of each row's context when the data come from --data and the model is conditional. */
  static final String CONTEXT = "c";

  private static void add(List<Row> rows, String split, double[] values, int[] labels, int d, double[] contexts, int c) {
    for (int i = 0; i < values.length / d; i++) {
      double[] y = java.util.Arrays.copyOfRange(values, i * d, (i + 1) * d);
      Integer label = labels == null ? null : labels[i];
      rows.add(c > 0 ? RowFactory.create(split, label, y, java.util.Arrays.copyOfRange(contexts, i * c, (i + 1) * c))
          : RowFactory.create(split, label, y));
    }
  }

  /** Writes the scores; returns the number of rows. */
  private long write(Dataset<Row> scored) {
    if (!out.toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
      scored.write().mode(overwrite ? "overwrite" : "errorifexists").parquet(out.toString());
      return scored.count();
    }
    StringBuilder b = new StringBuilder(String.join(",", scored.columns())).append('\n');
    long n = 0;
    for (Iterator<Row> it = scored.toLocalIterator(); it.hasNext(); n++) {
      Row r = it.next();
      for (int j = 0; j < r.length(); j++) {
        Object v = r.get(j);
        b.append(j == 0 ? "" : ",").append(v == null ? "" : v instanceof Double x ? String.format(Locale.ROOT, "%.10g", x) : v.toString());
      }
      b.append('\n');
    }
    AtomicFiles.writeString(out, b.toString());
    return n;
  }

  private String summary(Dataset<Row> scored, long n) {
    List<String> means = new ArrayList<>();
    for (String c : List.of("elbo", "nll", "loglik")) {
      if (List.of(scored.columns()).contains(c)) {
        double m = scored.agg(functions.avg(c)).first().getDouble(0);
        means.add(String.format(Locale.ROOT, "mean %s %.4f", c, m));
      }
    }
    return "wrote " + out + ": " + n + " rows, columns " + String.join(",", scored.columns()) + (means.isEmpty() ? "" : "; " + String.join(", ", means));
  }
}
