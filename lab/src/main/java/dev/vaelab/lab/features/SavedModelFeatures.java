package dev.vaelab.lab.features;

import dev.vaelab.core.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * A user's feature extractor: a TensorFlow SavedModel (tag {@code serve}) whose signature {@code signature} takes one
 * float32 input — images {@code [n, H, W, C]} (rank 4) or rows {@code [n, D]} (rank 2), values as the run's data —
 * and gives the features as the float32 output {@code output} ({@code [n, F]}). {@code vaelab evaluate --features DIR
 * --features-signature S --features-output O}. Its {@link #id()} is the SHA-256 of the SavedModel's files.
 */
public final class SavedModelFeatures implements FeatureExtractor {
  private static final int CHUNK = 500;
  private final SavedModelBundle bundle;
  private final SessionFunction function;
  private final String input;
  private final String output;
  private final long[] inputShape;
  private final int dimension;
  private final String id;
  private final Path dir;

  private SavedModelFeatures(Path dir, SavedModelBundle bundle, SessionFunction function, String input, String output, long[] inputShape,
      int dimension, String id) {
    this.dir = dir;
    this.bundle = bundle;
    this.function = function;
    this.input = input;
    this.output = output;
    this.inputShape = inputShape;
    this.dimension = dimension;
    this.id = id;
  }

  /**
   * Loads {@code dir} and checks its signature against the data: refused, naming what was found, when the folder is
   * not a SavedModel, the signature or output does not exist, the input is not one float32 tensor of the data's shape
   * or the output not a float32 matrix.
   */
  public static SavedModelFeatures load(Path dir, String signature, String output, ImageShape data) {
    if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
      throw new IllegalArgumentException("--features " + dir + ": not a TensorFlow SavedModel (no saved_model.pb in it)");
    }
    SavedModelBundle bundle = SavedModelBundle.load(dir.toString(), "serve");
    try {
      SessionFunction f;
      try {
        f = bundle.function(signature);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--features-signature " + signature + ": " + dir + " has the signatures "
            + bundle.signatures().stream().map(Signature::key).toList());
      }
      Signature sig = f.signature();
      if (sig.getInputs().size() != 1) {
        throw new IllegalArgumentException("--features-signature " + signature + ": the feature signature must take one input (the data), it takes "
            + sig.inputNames());
      }
      Map.Entry<String, Signature.TensorDescription> in = sig.getInputs().entrySet().iterator().next();
      if (in.getValue().dataType != DataType.DT_FLOAT) {
        throw new IllegalArgumentException("--features: input '" + in.getKey() + "' is " + in.getValue().dataType + "; float32 expected");
      }
      Shape s = in.getValue().shape;
      long[] shape;
      if (s.numDimensions() == 4 && !data.isVector()) {
        shape = new long[] {-1, data.height(), data.width(), data.channels()};
      } else if (s.numDimensions() == 2) {
        shape = new long[] {-1, data.size()};
      } else {
        throw new IllegalArgumentException("--features: input '" + in.getKey() + "' has shape " + s + "; expected [n, H, W, C] images or [n, D] rows"
            + " for data of shape " + data);
      }
      for (int i = 1; i < shape.length; i++) {
        if (s.get(i) != Shape.UNKNOWN_SIZE && s.get(i) != shape[i]) {
          throw new IllegalArgumentException("--features: input '" + in.getKey() + "' has shape " + s + "; the run's data give " + Shape.of(shape));
        }
      }
      Signature.TensorDescription out = sig.getOutputs().get(output);
      if (out == null) {
        throw new IllegalArgumentException("--features-output " + output + ": signature '" + signature + "' has the outputs " + sig.outputNames());
      }
      if (out.dataType != DataType.DT_FLOAT || out.shape.numDimensions() != 2 || out.shape.get(1) < 1) {
        throw new IllegalArgumentException("--features-output " + output + " is " + out.dataType + " of shape " + out.shape + "; a float32 [n, F] with F known"
            + " is expected");
      }
      return new SavedModelFeatures(dir, bundle, f, in.getKey(), output, shape, (int) out.shape.get(1), hashFiles(dir) + ":" + signature + ":" + output);
    } catch (RuntimeException e) {
      bundle.close();
      throw e;
    }
  }

  /** The SHA-256 over the folder's files (relative path and content, in path order). */
  static String hashFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
      for (Path p : sorted) {
        sha.update(dir.relativize(p).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public double[][] features(float[] rows, int n) {
    long d = 1;
    for (int i = 1; i < inputShape.length; i++) {
      d *= inputShape[i];
    }
    if (n * d != rows.length) {
      throw new IllegalArgumentException("expected " + n + " rows of " + d + " values, got " + rows.length + " values");
    }
    double[][] out = new double[n][];
    for (int from = 0; from < n; from += CHUNK) {
      int m = Math.min(CHUNK, n - from);
      long[] shape = inputShape.clone();
      shape[0] = m;
      try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(rows, true, false).slice(from * d, m * d));
          Result r = function.call(Map.<String, Tensor>of(input, x))) {
        TFloat32 f = (TFloat32) r.get(output).orElseThrow();
        if (f.shape().numDimensions() != 2 || f.shape().get(0) != m || f.shape().get(1) != dimension) {
          throw new IllegalStateException("--features-output " + output + " gave shape " + f.shape() + " for " + m + " rows; expected [" + m + ", "
              + dimension + "]");
        }
        float[] v = new float[m * dimension];
        f.copyTo(DataBuffers.of(v, false, false));
        for (int i = 0; i < m; i++) {
          double[] row = new double[dimension];
          for (int j = 0; j < dimension; j++) {
            row[j] = v[i * dimension + j];
          }
          out[from + i] = row;
        }
      }
    }
    return out;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public double accuracy() {
    return Double.NaN;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String description() {
    return "the SavedModel " + dir + " (output '" + output + "', " + dimension + " values)";
  }

  @Override
  public void close() {
    bundle.close();
  }
}
