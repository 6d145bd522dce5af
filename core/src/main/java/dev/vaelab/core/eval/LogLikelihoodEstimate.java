package dev.vaelab.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An importance-sampled estimate of the test log-likelihood.
 *
 * @param examples number of examples
 * @param samples K, importance samples per example
 * @param meanLogLikelihood mean over examples of ln p̂(y) = ln (1/K) Σ_i w_i (nats)
 * @param standardError Monte-Carlo standard error of that mean (delta method per example,
 *     combined over examples); it does not include the sampling error of the test set
 * @param meanEffectiveSampleSize mean over examples of (Σ w_i)² / Σ w_i², between 1 and K
 * @param perExample ln p̂(y) of each example
 */
public record LogLikelihoodEstimate(
    int examples, int samples, double meanLogLikelihood, double standardError, double meanEffectiveSampleSize, double[] perExample) {

  /** Negative log-likelihood, −mean ln p̂(y), in nats. */
  public double nll() {
    return -meanLogLikelihood;
  }

  /** The numbers as an ordered map (for JSON). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test_nll", nll());
    m.put("nll_k", samples);
    m.put("nll_examples", examples);
    m.put("nll_standard_error", standardError);
    m.put("nll_effective_sample_size", meanEffectiveSampleSize);
    return m;
  }
}
