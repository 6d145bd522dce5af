package dev.vaelab.examples;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Run in a fresh JVM by {@link ExportTest}: loads a SavedModel with TensorFlow Java's own
 * {@code SavedModelBundle} (no vaelab class involved), calls one signature on rows read from a
 * text file (one row per line, numbers separated by spaces) and prints each output as
 * {@code name v1 v2 ...} with 17 significant digits.
 *
 * <p>Arguments: DIR SIGNATURE INPUT_NAME ROWS_FILE float32|float64.
 */
public final class SavedModelProbe {
  private SavedModelProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String signature = args[1];
    String input = args[2];
    List<double[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[3]))) {
      if (!line.isBlank()) {
        String[] cells = line.trim().split(" ");
        double[] r = new double[cells.length];
        for (int j = 0; j < r.length; j++) {
          r[j] = Double.parseDouble(cells[j]);
        }
        rows.add(r);
      }
    }
    int n = rows.size();
    int d = rows.get(0).length;
    try (SavedModelBundle b = SavedModelBundle.load(dir.toString(), "serve")) {
      Tensor t;
      if (args[4].equals("float64")) {
        double[] flat = new double[n * d];
        for (int i = 0; i < n; i++) {
          System.arraycopy(rows.get(i), 0, flat, i * d, d);
        }
        t = TFloat64.tensorOf(Shape.of(n, d), DataBuffers.of(flat, true, false));
      } else {
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
          for (int j = 0; j < d; j++) {
            flat[i * d + j] = (float) rows.get(i)[j];
          }
        }
        t = TFloat32.tensorOf(Shape.of(n, d), DataBuffers.of(flat, true, false));
      }
      Map<String, Tensor> feeds = new LinkedHashMap<>();
      feeds.put(input, t);
      try (t; Result r = b.function(signature).call(feeds)) {
        for (var e : r) {
          StringBuilder s = new StringBuilder(e.getKey());
          Tensor out = e.getValue();
          if (out instanceof TFloat32 f) {
            float[] v = new float[(int) f.size()];
            f.copyTo(DataBuffers.of(v, false, false));
            for (float x : v) {
              s.append(' ').append(String.format(Locale.ROOT, "%.9g", x));
            }
          } else if (out instanceof TFloat64 f) {
            double[] v = new double[(int) f.size()];
            f.copyTo(DataBuffers.of(v, false, false));
            for (double x : v) {
              s.append(' ').append(String.format(Locale.ROOT, "%.17g", x));
            }
          }
          System.out.println(s);
        }
      }
    }
  }
}
