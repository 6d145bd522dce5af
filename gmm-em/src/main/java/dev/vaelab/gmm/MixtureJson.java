package dev.vaelab.gmm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fitted mixture as a JSON file: covariance type, K, D, weights λ, means μ and covariances Σ (as
 * full matrices). Written atomically; reading names the file and the field of any problem.
 */
public final class MixtureJson {
  /** A mixture as saved. */
  public record Mixture(CovarianceType covarianceType, MixtureParameters parameters) {
    /** A fit object for scoring and sampling (no trace: it was not fitted here). */
    public GaussianMixtureFit asFit() {
      GaussianMixtureConfig cfg = GaussianMixtureConfig.of(parameters.components()).withCovarianceType(covarianceType);
      return new GaussianMixtureFit(cfg, parameters, java.util.List.of(), 0, true, Double.NaN, java.util.List.of());
    }
  }

  private MixtureJson() {}

  /** Writes the mixture to {@code file}. */
  public static void write(Path file, CovarianceType type, MixtureParameters p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("covariance_type", type.id());
    m.put("components", p.components());
    m.put("dimension", p.dimension());
    m.put("weights", p.weights());
    m.put("means", p.means());
    m.put("covariances", p.covariances());
    Json.writeFile(file, m);
  }

  /** Reads a mixture file; a missing or malformed field is named with the file. */
  public static Mixture read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    JsonElement root = Json.readTree(file);
    if (!root.isJsonObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object");
    }
    JsonObject o = root.getAsJsonObject();
    String type = field(o, "covariance_type", file).getAsString();
    double[] w = vector(field(o, "weights", file), file + ": weights");
    double[][] mu = matrix(field(o, "means", file), file + ": means");
    JsonElement covs = field(o, "covariances", file);
    if (!covs.isJsonArray()) {
      throw new IllegalArgumentException(file + ": covariances must be an array of matrices");
    }
    JsonArray ca = covs.getAsJsonArray();
    double[][][] sigma = new double[ca.size()][][];
    for (int i = 0; i < sigma.length; i++) {
      sigma[i] = matrix(ca.get(i), file + ": covariances[" + i + "]");
    }
    try {
      return new Mixture(CovarianceType.fromName(type), new MixtureParameters(w, mu, sigma));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** A field of a JSON object, or an exception naming the file and the field. */
  public static JsonElement field(JsonObject o, String key, Path file) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new IllegalArgumentException(file + ": field '" + key + "' is missing");
    }
    return e;
  }

  /** An array of numbers, or an exception naming {@code where}. */
  public static double[] vector(JsonElement e, String where) {
    if (!e.isJsonArray()) {
      throw new IllegalArgumentException(where + " must be an array of numbers, got " + e);
    }
    JsonArray a = e.getAsJsonArray();
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      JsonElement x = a.get(i);
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
        throw new IllegalArgumentException(where + "[" + i + "] must be a number, got " + x);
      }
      v[i] = x.getAsDouble();
    }
    return v;
  }

  /** An array of rows of numbers, or an exception naming {@code where}. */
  public static double[][] matrix(JsonElement e, String where) {
    if (!e.isJsonArray()) {
      throw new IllegalArgumentException(where + " must be an array of rows, got " + e);
    }
    JsonArray a = e.getAsJsonArray();
    double[][] m = new double[a.size()][];
    for (int i = 0; i < m.length; i++) {
      m[i] = vector(a.get(i), where + "[" + i + "]");
    }
    return m;
  }
}
