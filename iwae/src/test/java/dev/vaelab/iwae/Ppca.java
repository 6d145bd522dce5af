package dev.vaelab.iwae;

import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.distribution.Gaussian;
import dev.vaelab.core.model.LatentVariableModel;
import dev.vaelab.core.model.ModelSpec;
import dev.vaelab.core.model.StandardNormalPrior;
import dev.vaelab.core.nn.Parameters;
import org.tensorflow.op.Ops;

/**
 * Probabilistic PCA, p(z) = N(0, I_2), p(y|z) = N(W z + b, σ² I_4), with orthogonal columns of W so
 * that the exact posterior is a diagonal Gaussian. Exact quantities are computed in plain Java.
 */
final class Ppca {
  static final int D = 4;
  static final int d = 2;
  static final double SIGMA = 0.5;
  // columns (1, 1, 0, 0)·0.9 and (0, 0, 1, −1)·1.3 are orthogonal
  static final double[][] W = {{0.9, 0}, {0.9, 0}, {0, 1.3}, {0, -1.3}};
  static final double[] B = {0.3, -0.2, 0.5, 0.1};

  private Ppca() {}

  /** ln N(y; b, W Wᵀ + σ² I), by Cholesky in double precision. */
  static double exactLogLikelihood(double[] y) {
    double[][] c = new double[D][D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j < D; j++) {
        double s = i == j ? SIGMA * SIGMA : 0;
        for (int k = 0; k < d; k++) {
          s += W[i][k] * W[j][k];
        }
        c[i][j] = s;
      }
    }
    double[][] l = new double[D][D];
    for (int i = 0; i < D; i++) {
      for (int j = 0; j <= i; j++) {
        double s = c[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
      }
    }
    double logDet = 0;
    for (int i = 0; i < D; i++) {
      logDet += 2 * Math.log(l[i][i]);
    }
    double[] u = new double[D]; // L u = y − b
    for (int i = 0; i < D; i++) {
      double s = y[i] - B[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * u[k];
      }
      u[i] = s / l[i][i];
    }
    double quad = 0;
    for (double v : u) {
      quad += v * v;
    }
    return -0.5 * (D * Math.log(2 * Math.PI) + logDet + quad);
  }

  /** M = σ² I + WᵀW (diagonal here). */
  static double m(int j) {
    double s = SIGMA * SIGMA;
    for (int i = 0; i < D; i++) {
      s += W[i][j] * W[i][j];
    }
    return s;
  }

  /** Exact posterior mean M⁻¹ Wᵀ (y − b). */
  static double[] posteriorMean(double[] y) {
    double[] mu = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      for (int i = 0; i < D; i++) {
        s += W[i][j] * (y[i] - B[i]);
      }
      mu[j] = s / m(j);
    }
    return mu;
  }

  /** Exact posterior log-variance ln(σ² / M_jj). */
  static double posteriorLogVariance(int j) {
    return Math.log(SIGMA * SIGMA / m(j));
  }

  /**
   * The pPCA triad with an encoder q(z|y) = N(scale · μ*(y) + shift, exp(lv* + logVarShift)); scale
   * 1, shift 0, logVarShift 0 is the exact posterior.
   */
  static ModelSpec spec(double scale, double shift, double logVarShift) {
    return new ModelSpec() {
      @Override
      public String name() {
        return "ppca";
      }

      @Override
      public long dataSize() {
        return D;
      }

      @Override
      public long latentSize() {
        return d;
      }

      @Override
      public LatentVariableModel build(Ops tf, Parameters params, long seed) {
        float[][] a = new float[D][d]; // μ = (y − b) A,  A = (M⁻¹ Wᵀ)ᵀ · scale
        float[][] wt = new float[d][D];
        float[] bias = new float[D];
        float[] lv = new float[d];
        for (int i = 0; i < D; i++) {
          bias[i] = (float) B[i];
          for (int j = 0; j < d; j++) {
            a[i][j] = (float) (scale * W[i][j] / m(j));
            wt[j][i] = (float) W[i][j];
          }
        }
        for (int j = 0; j < d; j++) {
          lv[j] = (float) (posteriorLogVariance(j) + logVarShift);
        }
        return new LatentVariableModel(
            (t, y) -> new DiagonalGaussian(
                t.math.add(t.linalg.matMul(t.math.sub(y, t.constant(bias)), t.constant(a)), t.constant((float) shift)),
                t.constant(lv)),
            new StandardNormalPrior(d),
            (t, z) -> Gaussian.withFixedSigma(t, t.math.add(matMulAnyRank(t, z, wt), t.constant(bias)), SIGMA),
            D,
            d);
      }
    };
  }

  /** z W for z of shape [k, batch, d] or [batch, d]. */
  static org.tensorflow.Operand<org.tensorflow.types.TFloat32> matMulAnyRank(
      Ops t, org.tensorflow.Operand<org.tensorflow.types.TFloat32> z, float[][] w) {
    var flat = t.reshape(z, t.constant(new long[] {-1, w.length}));
    var out = t.linalg.matMul(flat, t.constant(w));
    var lead = t.slice(t.shape(z), t.constant(new int[] {0}), t.constant(new int[] {z.shape().numDimensions() - 1}));
    return t.reshape(out, t.concat(java.util.List.of(lead, t.constant(new int[] {w[0].length})), t.constant(0)));
  }

  /** Three fixed test points. */
  static final double[][] YS = {{0.8, 0.1, 1.5, -0.9}, {-0.5, -0.7, 0.2, 0.6}, {2.0, 1.6, -1.0, 1.4}};
}
