package dev.vaelab.examples;

import dev.vaelab.core.io.AtomicFiles;
import dev.vaelab.core.io.Json;
import dev.vaelab.gmm.CovarianceType;
import dev.vaelab.gmm.EmIteration;
import dev.vaelab.gmm.GaussianMixture;
import dev.vaelab.gmm.GaussianMixtureConfig;
import dev.vaelab.gmm.GaussianMixtureFit;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vaelab train --model gmm}: fits a Gaussian mixture by EM and writes a run folder —
 * {@code config.json}, {@code trace.csv} (log-likelihood and ELBO per iteration), {@code
 * parameters.json}, {@code summary.json} and, for one-dimensional data, {@code fit-1d.png}.
 */
public final class GmmRun {
  /** What a run produced. */
  public record Result(Path runDir, Map<String, Object> summary, GaussianMixtureFit fit) {}

  private GmmRun() {}

  public static Result run(RunConfig c, Path runDir, PrintStream log) {
    c.validate();
    GmmFeatures.Split data = GmmFeatures.load(c.data, c.pcaDim, c.trainLimit, c.testLimit, c.seed);
    AtomicFiles.writeString(runDir.resolve("config.json"), c.toJson() + "\n");
    GaussianMixtureConfig cfg = c.mixtureConfig();
    log.printf(Locale.ROOT, "fitting a %d-component %s Gaussian mixture to %s: %d train / %d test points in %d dimensions%n",
        cfg.components(), cfg.covarianceType().id(), data.name(), data.train().length, data.test().length, data.train()[0].length);
    long t0 = System.nanoTime();
    GaussianMixtureFit fit = new GaussianMixture(cfg).fit(data.train());
    double secs = (System.nanoTime() - t0) / 1e9;
    double testLl = fit.score(data.test());

    StringBuilder trace = new StringBuilder("iteration,log_likelihood,elbo_before_e_step,elbo_after_e_step,rate,distortion\n");
    for (EmIteration it : fit.trace()) {
      trace.append(String.format(Locale.ROOT, "%d,%.10f,%.10f,%.10f,%.10f,%.10f%n",
          it.iteration(), it.logLikelihood(), it.elboBeforeEStep(), it.elboAfterEStep(), it.rate(), it.distortion()));
    }
    AtomicFiles.writeString(runDir.resolve("trace.csv"), trace.toString());
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("weights", fit.parameters().weights());
    params.put("means", java.util.Arrays.stream(fit.parameters().means()).map(m -> (Object) m).toList());
    params.put("covariances", java.util.Arrays.stream(fit.parameters().covariances())
        .map(m -> (Object) java.util.Arrays.stream(m).map(r -> (Object) r).toList()).toList());
    AtomicFiles.writeString(runDir.resolve("parameters.json"), Json.write(params) + "\n");

    Map<String, Object> s = new LinkedHashMap<>();
    s.put("model", "gmm");
    s.put("dataset", data.name());
    s.put("dimension", data.train()[0].length);
    s.put("train_examples", data.train().length);
    s.put("test_examples", data.test().length);
    s.put("components", cfg.components());
    s.put("covariance", cfg.covarianceType().id());
    s.put("train_loglik", fit.trainLogLikelihood());
    s.put("test_loglik", testLl);
    s.put("iterations", fit.iterations());
    s.put("converged", fit.converged());
    s.put("tolerance", cfg.tolerance());
    s.put("bic", fit.bic(data.train()));
    s.put("aic", fit.aic(data.train()));
    s.put("parameters", fit.parameterCount());
    s.put("fit_seconds", secs);
    s.put("weights", fit.parameters().weights());
    if (data.pca() != null) {
      s.put("pca_explained_variance_ratio", data.pca().explainedVarianceRatio());
    }
    if (data.train()[0].length == 1) {
      MixtureFigure.write(runDir.resolve("fit-1d.png"), data.train(), fit.parameters(), 80);
    }
    AtomicFiles.writeString(runDir.resolve("summary.json"), Json.write(s) + "\n");
    log.printf(Locale.ROOT, "%d EM iterations (%s), train log-likelihood %.4f, test %.4f nats per example, BIC %.1f; run folder %s%n",
        fit.iterations(), fit.converged() ? "converged" : "not converged", fit.trainLogLikelihood(), testLl, fit.bic(data.train()), runDir);
    return new Result(runDir, s, fit);
  }

  static CovarianceType type(String name) {
    return CovarianceType.fromName(name);
  }
}
