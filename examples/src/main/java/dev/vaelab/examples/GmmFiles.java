package dev.vaelab.examples;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.MixtureParameters;
import dev.vaelab.gmm.Pca;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a fitted Gaussian mixture: {@code mixture.json} (covariance type, weights λ, means
 * μ, covariances Σ as full matrices) and, for image data, {@code pca.json} (the basis the features
 * were projected on). Both are read back by {@code evaluate}, {@code sample} and {@code --init}.
 */
public final class GmmFiles {
  /** The mixture's file name. */
  public static final String MIXTURE = "mixture.json";
  /** The PCA basis's file name. */
  public static final String PCA = "pca.json";

  /** A mixture as saved. */
  public record Mixture(CovarianceType covarianceType, MixtureParameters parameters) {}

  private GmmFiles() {}

  public static void writeMixture(Path file, CovarianceType type, MixtureParameters p) {
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
  public static Mixture readMixture(Path file) {
    JsonObject o = object(file);
    String type = field(o, "covariance_type", file).getAsString();
    double[] w = vector(field(o, "weights", file), file + ": weights");
    JsonArray means = field(o, "means", file).getAsJsonArray();
    JsonArray covs = field(o, "covariances", file).getAsJsonArray();
    double[][] mu = new double[means.size()][];
    for (int i = 0; i < mu.length; i++) {
      mu[i] = vector(means.get(i), file + ": means[" + i + "]");
    }
    double[][][] sigma = new double[covs.size()][][];
    for (int i = 0; i < sigma.length; i++) {
      sigma[i] = matrix(covs.get(i), file + ": covariances[" + i + "]");
    }
    try {
      return new Mixture(CovarianceType.fromName(type), new MixtureParameters(w, mu, sigma));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  public static void writePca(Path file, Pca pca) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", pca.mean());
    m.put("components", pca.components());
    m.put("explained_variance", pca.explainedVariance());
    m.put("total_variance", pca.totalVariance());
    Json.writeFile(file, m);
  }

  public static Pca readPca(Path file) {
    JsonObject o = object(file);
    return new Pca(vector(field(o, "mean", file), file + ": mean"), matrix(field(o, "components", file), file + ": components"),
        vector(field(o, "explained_variance", file), file + ": explained_variance"), field(o, "total_variance", file).getAsDouble());
  }

  private static JsonObject object(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    JsonElement e = Json.readTree(file);
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object");
    }
    return e.getAsJsonObject();
  }

  private static JsonElement field(JsonObject o, String key, Path file) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new IllegalArgumentException(file + ": field '" + key + "' is missing");
    }
    return e;
  }

  private static double[] vector(JsonElement e, String where) {
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

  private static double[][] matrix(JsonElement e, String where) {
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
