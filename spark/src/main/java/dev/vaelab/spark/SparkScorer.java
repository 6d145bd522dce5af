package dev.vaelab.spark;

import dev.vaelab.lab.run.ModelFamily;

import dev.vaelab.lab.score.RowScorer;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import scala.reflect.ClassTag$;

/**
 * Scores every row of a Spark {@code Dataset} under a trained run of any family of the registry
 * ({@link dev.vaelab.lab.run.ModelFamily#scorer}): the run's model files are broadcast once, each
 * partition builds one model from them and scores its rows in pieces of {@link #PIECE}, and every
 * TensorFlow tensor is closed when the partition's task completes. Rows are numbered as the data set
 * orders them ({@code zipWithIndex}), and each piece is scored at its place in the data set, so the
 * numbers equal what {@code vaelab evaluate} / {@code vaelab encode} compute for the same rows in one
 * process, whatever the partitioning.
 *
 * <p>A conditional model (cvae) takes each row's context c from a second array column
 * ({@link Settings#contextColumn}); its scores are of p(y | c).
 *
 * <p>The output has the input's other columns, {@code index} (the row's place) and the scorer's
 * columns (graph families: elbo, rate, distortion, bound, nll with K &gt; 0, z1…zL or code1…codeP; the
 * mixture: loglik, q1…qK).
 */
public final class SparkScorer {
  /** Rows per call of the model within a partition. */
  public static final int PIECE = 500;

  private SparkScorer() {}

  /**
   * What to compute: the evaluation noise's seed (null: the run's own seed, as evaluate), K for the NLL
   * (0: none), and for a conditional model the column of each row's context c (array of numbers).
   */
  public record Settings(Long seed, int nllK, String contextColumn) {
    public Settings {
      if (nllK < 0) {
        throw new IllegalArgumentException("--nll-k must be >= 0 (0: no log-likelihood), got " + nllK);
      }
    }

    /** For an unconditioned model. */
    public Settings(Long seed, int nllK) {
      this(seed, nllK, null);
    }
  }

  /**
   * Scores the rows of {@code data} whose model inputs are in column {@code column} (array of float
   * or double; the run's preprocessing already applied, H·W·C values channels-last for images).
   */
  public static Dataset<Row> score(Dataset<Row> data, String column, java.nio.file.Path runDir, Settings settings) {
    return score(data, column, runDir, settings, System.err);
  }

  /**
   * As {@link #score(Dataset, String, java.nio.file.Path, Settings)}; what restoring the model says
   * on the driver (a corrupt newest checkpoint skipped for the previous one) goes to {@code log}.
   */
  public static Dataset<Row> score(Dataset<Row> data, String column, java.nio.file.Path runDir, Settings settings, java.io.PrintStream log) {
    StructType in = data.schema();
    int at = arrayColumn(in, column);
    int ctxAt = settings.contextColumn() == null ? -1 : arrayColumn(in, settings.contextColumn());
    RunFiles files = RunFiles.of(runDir);
    long seed;
    List<String> columns;
    int dimension;
    int contextSize;
    try (RunFolder folder = RunFolder.read(runDir)) { // checked on the driver: a bad run fails here, not in a task
      RunSpec spec = folder.spec();
      seed = settings.seed() != null ? settings.seed() : spec.data().seed();
      try (RowScorer s = spec.family().scorer(spec, folder, seed, settings.nllK(), log)) {
        columns = s.columns();
        dimension = s.dimension();
        contextSize = s.contextSize();
      }
    }
    if (contextSize > 0 && ctxAt < 0) {
      throw new IllegalArgumentException("the run's model is conditioned on " + contextSize + " context values per row: name the column"
          + " holding them (SparkScorer.Settings.contextColumn, --context-column)");
    }
    if (contextSize == 0 && ctxAt >= 0) {
      throw new IllegalArgumentException("the run's model is not conditioned on a context; remove the context column '" + settings.contextColumn() + "'");
    }
    List<StructField> fields = new ArrayList<>();
    for (int i = 0; i < in.fields().length; i++) {
      if (i != at && i != ctxAt) {
        fields.add(in.fields()[i]);
      }
    }
    fields.add(DataTypes.createStructField("index", DataTypes.LongType, false));
    for (String c : columns) {
      fields.add(DataTypes.createStructField(c, DataTypes.DoubleType, false));
    }
    StructType out = DataTypes.createStructType(fields);
    SparkSession session = data.sparkSession();
    JavaRDD<Tuple2<Row, Object>> indexed = data.javaRDD().zipWithIndex().map(t -> new Tuple2<>(t._1(), (Object) t._2()));
    long total = data.count();
    Broadcast<RunFiles> shipped = session.sparkContext().broadcast(files, ClassTag$.MODULE$.apply(RunFiles.class));
    int col = at;
    int width = in.fields().length;
    int k = settings.nllK();
    int cc = contextSize;
    int ccol = ctxAt;
    JavaRDD<Row> scored = indexed.mapPartitions(it -> new Scoring(it, shipped.value(), seed, k, col, width, dimension, ccol, cc, total));
    return session.createDataFrame(scored, out);
  }

  /** The index of an array-of-numbers column, or a message naming what is wrong. */
  private static int arrayColumn(StructType in, String column) {
    int at;
    try {
      at = in.fieldIndex(column);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the data set has no column '" + column + "'; its columns are " + List.of(in.fieldNames()));
    }
    if (!(in.fields()[at].dataType() instanceof ArrayType a)
        || !(a.elementType().equals(DataTypes.FloatType) || a.elementType().equals(DataTypes.DoubleType))) {
      throw new IllegalArgumentException("column '" + column + "' must be an array of float or double, got " + in.fields()[at].dataType().simpleString());
    }
    return at;
  }

  /** One partition's rows, scored a piece at a time by the partition's own model. */
  private static final class Scoring implements Iterator<Row> {
    private final Iterator<Tuple2<Row, Object>> in;
    private final RowScorer scorer;
    private final int column;
    private final int width;
    private final int dimension;
    private final int contextColumn;
    private final int contextSize;
    private final long total;
    private final List<Row> ready = new ArrayList<>();
    private int next;
    private boolean closed;

    Scoring(Iterator<Tuple2<Row, Object>> in, RunFiles files, long seed, int k, int column, int width, int dimension, int contextColumn,
        int contextSize, long total) {
      this.in = in;
      this.column = column;
      this.width = width;
      this.dimension = dimension;
      this.contextColumn = contextColumn;
      this.contextSize = contextSize;
      this.total = total;
      RunFolder folder = RunFolder.read(files.materialize());
      RunSpec spec = folder.spec();
      this.scorer = spec.family().scorer(spec, folder, seed, k);
      folder.close();
      TaskContext task = TaskContext.get();
      if (task != null) {
        task.addTaskCompletionListener((org.apache.spark.util.TaskCompletionListener) ctx -> close());
      }
    }

    @Override
    public boolean hasNext() {
      if (next < ready.size()) {
        return true;
      }
      ready.clear();
      next = 0;
      if (!in.hasNext()) {
        close();
        return false;
      }
      List<Tuple2<Row, Object>> piece = new ArrayList<>(PIECE);
      long first = -1;
      while (in.hasNext() && piece.size() < PIECE) {
        Tuple2<Row, Object> t = in.next();
        long index = (Long) t._2();
        if (first >= 0 && index != first + piece.size()) {
          break; // not consecutive (cannot happen after zipWithIndex; kept as a guard)
        }
        if (first < 0) {
          first = index;
        }
        piece.add(t);
      }
      double[] rows = new double[piece.size() * dimension];
      double[] contexts = contextSize > 0 ? new double[piece.size() * contextSize] : null;
      for (int i = 0; i < piece.size(); i++) {
        copy(piece.get(i)._1(), (Long) piece.get(i)._2(), column, dimension, rows, i);
        if (contexts != null) {
          copy(piece.get(i)._1(), (Long) piece.get(i)._2(), contextColumn, contextSize, contexts, i);
        }
      }
      double[][] s = scorer.score(rows, contexts, piece.size(), first, total);
      for (int i = 0; i < piece.size(); i++) {
        Row r = piece.get(i)._1();
        Object[] v = new Object[width - (contextColumn >= 0 ? 2 : 1) + 1 + s[i].length];
        int o = 0;
        for (int j = 0; j < width; j++) {
          if (j != column && j != contextColumn) {
            v[o++] = r.get(j);
          }
        }
        v[o++] = piece.get(i)._2();
        for (double x : s[i]) {
          v[o++] = x;
        }
        ready.add(RowFactory.create(v));
      }
      return true;
    }

    private synchronized void close() {
      if (!closed) {
        closed = true;
        scorer.close();
      }
    }

    /** Copies the array in column {@code col} of row {@code r} (its place {@code index}) into {@code out} as row i of width w. */
    private static void copy(Row r, long index, int col, int w, double[] out, int i) {
      String name = r.schema().fieldNames()[col];
      if (r.isNullAt(col)) {
        throw new IllegalArgumentException("row " + index + " has no value in column '" + name + "'");
      }
      List<Object> values = r.getList(col);
      if (values.size() != w) {
        throw new IllegalArgumentException("row " + index + " has " + values.size() + " values in column '" + name + "'; the model expects " + w);
      }
      for (int j = 0; j < w; j++) {
        Object x = values.get(j);
        if (x == null) {
          throw new IllegalArgumentException("row " + index + " has a null value at position " + j + " of column '" + name + "'");
        }
        out[i * w + j] = ((Number) x).doubleValue();
      }
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.get(next++);
    }
  }
}
