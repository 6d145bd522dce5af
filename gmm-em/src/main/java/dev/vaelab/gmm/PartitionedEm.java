package dev.vaelab.gmm;

import java.util.ArrayList;
import java.util.List;

/**
 * EM over data held in parts (a distributed data set, files, shards): every iteration is one pass
 * that sums {@link EmStatistics} over the parts, then gmm-em's M-step, with gmm-em's convergence rule
 * (stop when the mean log-likelihood changes by less than the tolerance from one iteration to the
 * next, at most {@code maxIterations}). From the same start it follows {@link GaussianMixture#fit}.
 */
public final class PartitionedEm {
  /** One pass over all the data under the given parameters, returning the summed statistics. */
  @FunctionalInterface
  public interface Pass {
    EmStatistics run(MixtureParameters current);
  }

  private PartitionedEm() {}

  /** Fits from {@code start}; the trace holds the mean log-likelihood of each iteration. */
  public static GaussianMixtureFit fit(GaussianMixtureConfig config, MixtureParameters start, Pass pass) {
    MixtureParameters params = start;
    List<EmIteration> trace = new ArrayList<>();
    double previous = Double.NaN;
    boolean converged = false;
    for (int t = 1; t <= config.maxIterations(); t++) {
      EmStatistics s = pass.run(params);
      double ll = s.logLikelihoodSum() / s.rows();
      if (!Double.isFinite(ll)) {
        throw new IllegalStateException("EM iteration " + t + " gave a non-finite log-likelihood " + ll);
      }
      trace.add(new EmIteration(t, ll, Double.NaN, ll, Double.NaN, Double.NaN));
      params = s.mStep(config.regularization(), params);
      if (t > 1 && Math.abs(ll - previous) < config.tolerance()) {
        converged = true;
        break;
      }
      previous = ll;
    }
    EmStatistics last = pass.run(params);
    double finalLl = last.logLikelihoodSum() / last.rows();
    return new GaussianMixtureFit(config, params, List.copyOf(trace), trace.size(), converged, finalLl, List.of(finalLl));
  }
}
