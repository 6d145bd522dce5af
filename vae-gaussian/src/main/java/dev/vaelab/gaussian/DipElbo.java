package dev.vaelab.gaussian;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.objective.ElboLoss;
import dev.vaelab.core.objective.Objective;
import dev.vaelab.core.objective.ObjectiveContext;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * DIP-VAE (Kumar et al. 2018, "Variational inference of disentangled latent concepts from unlabeled observations"): the
 * ELBO plus a penalty that matches the covariance of the aggregate posterior q(z) = E_y[P_enc(z|y)] to the prior's
 * identity, estimated on each batch:
 *
 * <pre>
 *   DIP-VAE-I:  Cov = Cov_batch[μ(y)]                                  (the means' covariance)
 *   DIP-VAE-II: Cov = Cov_batch[μ(y)] + mean_batch[diag σ²(y)]          (the aggregate posterior's covariance)
 *   penalty = λ_od Σ_{i≠j} Cov_ij² + λ_d Σ_i (Cov_ii − 1)²
 *   loss    = mean_batch(distortion + rate) + penalty
 * </pre>
 *
 * Cov_batch[μ] = (1/B) Σ_b (μ_b − μ̄)(μ_b − μ̄)ᵀ. The paper's settings: λ_d = 10 λ_od for DIP-VAE-I, λ_d = λ_od for
 * DIP-VAE-II. The rate and distortion reported are the ELBO's, so −(rate + distortion) stays the bound.
 *
 * @param kind I or II
 * @param lambdaOffDiagonal λ_od ≥ 0
 * @param lambdaDiagonal λ_d ≥ 0
 */
public record DipElbo(Kind kind, double lambdaOffDiagonal, double lambdaDiagonal) implements Objective {
  /** Which covariance is matched. */
  public enum Kind {
    /** The covariance of the posterior means. */
    I,
    /** The covariance of the aggregate posterior. */
    II
  }

  /** λ_od by default. */
  public static final double DEFAULT_LAMBDA_OD = 10;

  public DipElbo {
    if (kind == null) {
      throw new IllegalArgumentException("dip must be i or ii, got null");
    }
    if (!(lambdaOffDiagonal >= 0) || !(lambdaDiagonal >= 0) || !Double.isFinite(lambdaOffDiagonal) || !Double.isFinite(lambdaDiagonal)) {
      throw new IllegalArgumentException("lambda_od and lambda_d must be finite numbers >= 0, got " + lambdaOffDiagonal + " and " + lambdaDiagonal);
    }
  }

  /** The paper's λ_d for λ_od: 10 λ_od for DIP-VAE-I, λ_od for DIP-VAE-II. */
  public static double defaultLambdaDiagonal(Kind kind, double lambdaOffDiagonal) {
    return kind == Kind.I ? 10 * lambdaOffDiagonal : lambdaOffDiagonal;
  }

  @Override
  public String name() {
    return "dip-vae-" + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public ElboLoss build(Ops tf, LatentVariableModel model, Operand<TFloat32> y, ObjectiveContext context) {
    ElboTerms t = ElboTerms.of(tf, model, y, context, name());
    if (!(t.q() instanceof DiagonalGaussian g)) {
      throw new IllegalArgumentException(name() + " matches the covariance of a diagonal Gaussian encoder's aggregate posterior; the encoder gives "
          + t.q().getClass().getSimpleName());
    }
    Operand<TFloat32> distortion = t.distortion();
    Operand<TFloat32> rate = t.rate();
    Operand<TFloat32> elbo = tf.math.mean(tf.math.add(distortion, rate), tf.constant(0));
    Operand<TFloat32> total = tf.math.add(elbo, penalty(tf, g.loc(), g.logVariance(), (int) model.latentSize(), kind, lambdaOffDiagonal, lambdaDiagonal));
    return new ElboLoss(total, rate, distortion, t.bound(tf), tf.constant(1f));
  }

  /** The penalty of a batch of means μ and log-variances ln σ² ({@code [B, d]} each); only element-wise ops, sums and a matrix product. */
  public static Operand<TFloat32> penalty(Ops tf, Operand<TFloat32> mu, Operand<TFloat32> logVariance, int d, Kind kind, double lambdaOd,
      double lambdaD) {
    float[][] eyeValues = new float[d][d];
    for (int i = 0; i < d; i++) {
      eyeValues[i][i] = 1f;
    }
    Operand<TFloat32> eye = tf.constant(eyeValues);
    Operand<TFloat32> centred = tf.math.sub(mu, tf.math.mean(mu, tf.constant(0), org.tensorflow.op.math.Mean.keepDims(true)));
    Operand<TFloat32> n = tf.dtypes.cast(tf.slice(tf.shape(mu), tf.constant(new int[] {0}), tf.constant(new int[] {1})), TFloat32.class);
    Operand<TFloat32> cov = tf.math.div(tf.linalg.matMul(centred, centred, org.tensorflow.op.linalg.MatMul.transposeA(true)), tf.reshape(n, tf.constant(new int[0])));
    if (kind == Kind.II) { // + diag(mean σ²): the row of means broadcast over the identity's rows
      cov = tf.math.add(cov, tf.math.mul(eye, tf.math.mean(tf.math.exp(logVariance), tf.constant(0), org.tensorflow.op.math.Mean.keepDims(true))));
    }
    Operand<TFloat32> diag = tf.reduceSum(tf.math.mul(cov, eye), tf.constant(1));
    Operand<TFloat32> offDiag = tf.math.mul(cov, tf.math.sub(tf.constant(1f), eye));
    Operand<TFloat32> od = tf.reduceSum(tf.math.square(offDiag), tf.constant(new int[] {0, 1}));
    Operand<TFloat32> dd = tf.reduceSum(tf.math.square(tf.math.sub(diag, tf.constant(1f))), tf.constant(0));
    return tf.math.add(tf.math.mul(tf.constant((float) lambdaOd), od), tf.math.mul(tf.constant((float) lambdaD), dd));
  }

}
