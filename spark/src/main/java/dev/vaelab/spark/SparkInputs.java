package dev.vaelab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

/**
 * A data set read by Spark's executors for the {@code --input} of the {@code vaelab spark} commands:
 * Parquet (a folder or file) or JSON lines with an array column, or CSV with a header whose numeric
 * columns (other than a label column) are each row's values, gathered into one array column.
 */
final class SparkInputs {
  private SparkInputs() {}

  /**
   * Reads {@code path}; the rows' values end up in the array column {@code column}.
   *
   * @param labelColumn a CSV column kept as it is, not a value (null: none)
   */
  static Dataset<Row> read(SparkSession session, String path, String column, String labelColumn) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv")) {
      Dataset<Row> csv = session.read().option("header", "true").option("inferSchema", "true").csv(path);
      List<Column> values = new ArrayList<>();
      for (var f : csv.schema().fields()) {
        if (!f.name().equals(labelColumn) && f.dataType() instanceof NumericType) {
          values.add(functions.col(f.name()).cast(DataTypes.DoubleType));
        }
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException("--input " + path + " has no numeric column (a CSV needs a header row; its numeric columns are the values)");
      }
      List<Column> keep = new ArrayList<>();
      if (labelColumn != null) {
        keep.add(functions.col(labelColumn));
      }
      keep.add(functions.array(values.toArray(new Column[0])).as(column));
      return csv.select(keep.toArray(new Column[0]));
    }
    return lower.endsWith(".json") ? session.read().json(path) : session.read().parquet(path);
  }
}
