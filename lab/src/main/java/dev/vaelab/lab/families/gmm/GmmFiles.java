package dev.vaelab.lab.families.gmm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.vaelab.core.io.Json;
import dev.vaelab.gmm.MixtureJson;
import dev.vaelab.gmm.Pca;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files of a fitted Gaussian mixture run: {@code mixture.json} ({@link MixtureJson}) and, for
 * image data, {@code pca.json} (the basis the features were projected on). Both are read back by
 * {@code evaluate}, {@code sample}, {@code export} and {@code --init}.
 */
public final class GmmFiles {
  /** The mixture's file name. */
  public static final String MIXTURE = "mixture.json";
  /** The PCA basis's file name. */
  public static final String PCA = "pca.json";
  /** The EM trace of a fit: one row per iteration. */
  public static final String TRACE = "trace.csv";

  /** Writes the fit's EM trace (log-likelihood, ELBO before and after the E-step, rate, distortion per iteration). */
  public static void writeTrace(Path file, dev.vaelab.gmm.GaussianMixtureFit fit) {
    StringBuilder trace = new StringBuilder("iteration,log_likelihood,elbo_before_e_step,elbo_after_e_step,rate,distortion\n");
    for (dev.vaelab.gmm.EmIteration it : fit.trace()) {
      trace.append(String.format(java.util.Locale.ROOT, "%d,%.10f,%.10f,%.10f,%.10f,%.10f%n",
          it.iteration(), it.logLikelihood(), it.elboBeforeEStep(), it.elboAfterEStep(), it.rate(), it.distortion()));
    }
    dev.vaelab.core.io.AtomicFiles.writeString(file, trace.toString());
  }

  private GmmFiles() {}

  public static void writePca(Path file, Pca pca) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mean", pca.mean());
    m.put("components", pca.components());
    m.put("explained_variance", pca.explainedVariance());
    m.put("total_variance", pca.totalVariance());
    Json.writeFile(file, m);
  }

  public static Pca readPca(Path file) {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + " does not exist");
    }
    JsonElement e = Json.readTree(file);
    if (!e.isJsonObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object");
    }
    JsonObject o = e.getAsJsonObject();
    return new Pca(MixtureJson.vector(MixtureJson.field(o, "mean", file), file + ": mean"),
        MixtureJson.matrix(MixtureJson.field(o, "components", file), file + ": components"),
        MixtureJson.vector(MixtureJson.field(o, "explained_variance", file), file + ": explained_variance"),
        MixtureJson.field(o, "total_variance", file).getAsDouble());
  }
}
