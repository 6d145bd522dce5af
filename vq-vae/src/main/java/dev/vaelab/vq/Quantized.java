package dev.vaelab.vq;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The output of one quantisation of a batch of encoder outputs z_e ({@code [batch, ..., D]}).
 *
 * @param quantized z_q with the straight-through gradient: value e_k, gradient copied to z_e
 * @param codes k for every latent position, flattened to {@code [batch · positions]}
 * @param codebookLoss ‖sg[z_e] − e_k‖² summed over the positions and D, per example {@code [batch]}
 * @param commitmentLoss ‖z_e − sg[e_k]‖² summed likewise, per example (β not applied)
 * @param perplexity exp(−Σ_i p_i ln p_i) of the batch's code frequencies p (scalar)
 * @param counts n_i, how many positions of the batch chose code i ({@code [K]})
 * @param flatInputs z_e flattened to {@code [batch · positions, D]}
 */
public record Quantized(
    Operand<TFloat32> quantized,
    Operand<TInt64> codes,
    Operand<TFloat32> codebookLoss,
    Operand<TFloat32> commitmentLoss,
    Operand<TFloat32> perplexity,
    Operand<TFloat32> counts,
    Operand<TFloat32> flatInputs) {}
