package dev.vaelab.gmm;

/**
 * One EM iteration t, in nats per example.
 *
 * @param iteration t, 1-based
 * @param logLikelihood mean ln p(y | θ_t), measured in the E-step
 * @param elboBeforeEStep ELBO(q_{t−1}, θ_t): the encoder still the posterior of the previous
 *     parameters (NaN at t = 1); ≤ logLikelihood
 * @param elboAfterEStep ELBO(q_t, θ_t) = −(rate + distortion) with q_t the exact posterior; equals
 *     logLikelihood (the KL gap is zero)
 * @param rate KL(q_t ‖ λ) per example
 * @param distortion −E_{q_t}[ln N(y | μ_z, Σ_z)] per example
 */
public record EmIteration(
    int iteration, double logLikelihood, double elboBeforeEStep, double elboAfterEStep, double rate, double distortion) {}
