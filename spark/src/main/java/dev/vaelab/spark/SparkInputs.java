package dev.vaelab.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * A data set read by Spark's executors for the {@code --input} of the {@code vaelab spark} commands:
 * Parquet (a folder or file) or JSON lines with an array column, or CSV with a header whose columns
 * (other than a label column) are each row's values, gathered into one array column. The schema is
 * checked before any work — every value column numeric, no empty cell, every row of one width, every
 * value finite — and a problem names the file, the column and the first row that has it (1-based
 * data row; for a CSV also its line, the header being line 1).
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
      if (labelColumn != null && !List.of(csv.columns()).contains(labelColumn)) {
        throw new IllegalArgumentException("--input " + path + ": --input-label-column " + labelColumn + " is not a column of its header "
            + List.of(csv.columns()));
      }
      List<Column> values = new ArrayList<>();
      for (StructField f : csv.schema().fields()) {
        if (f.name().equals(labelColumn)) {
          continue;
        }
        if (!(f.dataType() instanceof NumericType)) {
          Column bad = functions.col(f.name()).isNotNull().and(functions.col(f.name()).cast(DataTypes.DoubleType).isNull());
          long row = firstRow(csv, bad);
          String cell = row < 0 ? "" : " ('" + csv.filter(bad).select(f.name()).first().get(0) + "' in data row " + (row + 1) + ", line "
              + (row + 2) + ")";
          throw new IllegalArgumentException("--input " + path + ": column '" + f.name() + "' is not numeric" + cell
              + "; every column but --input-label-column is a value");
        }
        values.add(functions.col(f.name()).cast(DataTypes.DoubleType));
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException("--input " + path + " has no numeric column (a CSV needs a header row; its numeric columns are the values)");
      }
      List<Column> keep = new ArrayList<>();
      if (labelColumn != null) {
        keep.add(functions.col(labelColumn));
      }
      keep.add(functions.array(values.toArray(new Column[0])).as(column));
      Dataset<Row> out = csv.select(keep.toArray(new Column[0]));
      check(out, path, column, true);
      return out;
    }
    Dataset<Row> table = lower.endsWith(".json") ? session.read().option("mode", "FAILFAST").json(path) : session.read().parquet(path);
    if (!List.of(table.columns()).contains(column)) {
      throw new IllegalArgumentException("--input " + path + " has no column '" + column + "' (its columns: " + List.of(table.columns())
          + "); name the array column of the values with --column");
    }
    var type = table.schema().apply(column).dataType();
    if (!(type instanceof ArrayType a) || !(a.elementType() instanceof NumericType)) {
      throw new IllegalArgumentException("--input " + path + ": column '" + column + "' is " + type.simpleString()
          + ", expected an array of numbers");
    }
    Dataset<Row> out = table.withColumn(column, functions.col(column).cast(DataTypes.createArrayType(DataTypes.DoubleType)));
    check(out, path, column, false);
    return out;
  }

  /** Refuses rows with a missing array, an empty or non-finite value, or another width than the first row's. */
  private static void check(Dataset<Row> table, String path, String column, boolean csv) {
    Column values = functions.col(column);
    Column missing = values.isNull().or(functions.exists(values, x -> x.isNull()));
    Column nonFinite = functions.exists(values, x -> x.isNaN().or(functions.abs(x).equalTo(Double.POSITIVE_INFINITY)));
    Row stats = table.agg(functions.min(functions.size(values)), functions.max(functions.size(values)),
        functions.sum(functions.when(missing, 1).otherwise(0)), functions.sum(functions.when(nonFinite, 1).otherwise(0))).first();
    if (stats.isNullAt(0)) {
      throw new IllegalArgumentException("--input " + path + " holds no rows");
    }
    String where = csv ? "an empty cell" : "a missing value (null)";
    if (stats.getLong(2) > 0) {
      throw new IllegalArgumentException("--input " + path + " has " + where + " in " + stats.getLong(2) + " row(s), the first in "
          + row(firstRow(table, missing), csv) + "; every value must be given");
    }
    if (stats.getLong(3) > 0) {
      throw new IllegalArgumentException("--input " + path + " has a non-finite value (NaN or infinite) in " + stats.getLong(3)
          + " row(s), the first in " + row(firstRow(table, nonFinite), csv));
    }
    int lo = stats.getInt(0);
    int hi = stats.getInt(1);
    if (lo != hi) {
      int first = ((List<?>) table.select(values).first().getList(0)).size();
      Column other = functions.size(values).notEqual(first);
      throw new IllegalArgumentException("--input " + path + ": rows have " + lo + " to " + hi + " values in column '" + column
          + "'; the first row has " + first + ", " + row(firstRow(table, other), csv) + " has "
          + table.filter(other).select(functions.size(values)).first().getInt(0) + "; every row must have one width");
    }
  }

  private static String row(long index, boolean csv) {
    return "data row " + (index + 1) + (csv ? " (line " + (index + 2) + ")" : "");
  }

  /** The 0-based index (in the table's order) of the first row where {@code bad} holds, or -1. */
  private static long firstRow(Dataset<Row> table, Column bad) {
    Dataset<Row> flagged = table.select(bad.as("_bad"));
    List<Long> found = flagged.javaRDD().zipWithIndex().filter(t -> !t._1().isNullAt(0) && t._1().getBoolean(0)).map(t -> t._2()).take(1);
    return found.isEmpty() ? -1 : found.get(0);
  }
}
