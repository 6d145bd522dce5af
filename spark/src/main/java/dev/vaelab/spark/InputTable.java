package dev.vaelab.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** {@code --input}, {@code --column}, {@code --input-label-column}: a table read by the executors ({@link SparkInputs}). */
final class InputTable {
  @Option(names = "--input", paramLabel = "PATH", description = "Instead of --data: a Parquet, JSON or CSV table read by the executors"
      + " (rows already preprocessed as the model's inputs).")
  String input;

  @Option(names = "--column", paramLabel = "NAME", description = "With a Parquet or JSON --input: the array column of each row's values"
      + " (default ${DEFAULT-VALUE}). A CSV's numeric columns are the values.")
  String column = "y";

  @Option(names = "--input-label-column", paramLabel = "NAME", description = "With a CSV --input: a column that is not a value (kept as it is).")
  String labelColumn;

  /** Whether --input was given. */
  boolean given() {
    return input != null;
  }

  /** The table, its values in the array column {@link #column}. */
  Dataset<Row> read(SparkSession session) {
    return SparkInputs.read(session, input, column, labelColumn);
  }
}
