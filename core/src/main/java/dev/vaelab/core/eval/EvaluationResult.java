package dev.vaelab.core.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test-set numbers of a model, per example, in nats.
 *
 * @param examples number of examples evaluated
 * @param bound mean of the objective's own bound on ln p(y) (the ELBO for {@code Elbo}, L_k for
 *     the importance-weighted bound)
 * @param elbo mean ELBO (one z sample per example), ≤ mean ln p(y)
 * @param rate mean KL(enc ‖ pri)
 * @param distortion mean −ln P_dec(y|z)
 * @param bitsPerDim −ELBO / (D ln 2)
 * @param activeUnits number of latent dimensions with Var_y(E_q[z_i|y]) &gt; {@link ActiveUnits#THRESHOLD}
 * @param varianceOfMean Var_y(E_q[z_i|y]) for each latent dimension i (population variance)
 */
public record EvaluationResult(
    int examples,
    double bound,
    double elbo,
    double rate,
    double distortion,
    double bitsPerDim,
    int activeUnits,
    double[] varianceOfMean) {

  /** The numbers as an ordered map (for JSON). */
  public Map<String, Object> toMap(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(prefix + "examples", examples);
    m.put(prefix + "bound", bound);
    m.put(prefix + "elbo", elbo);
    m.put(prefix + "rate", rate);
    m.put(prefix + "distortion", distortion);
    m.put(prefix + "bits_per_dim", bitsPerDim);
    m.put("active_units", activeUnits);
    m.put("latent_variance_of_mean", varianceOfMean);
    return m;
  }
}
