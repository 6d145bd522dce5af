package dev.vaelab.metrics;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet (2-Wasserstein) distance between the Gaussians fitted to two sets of feature vectors — the FID formula of
 * Heusel et al. (2017) in whatever feature space the vectors come from:
 *
 * <pre>
 *   d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2})
 * </pre>
 *
 * The trace of the square root is computed through two symmetric eigendecompositions in float64 (EJML): Σ₁ = V Λ Vᵀ
 * gives Σ₁^{1/2} = V Λ^{1/2} Vᵀ; M = Σ₁^{1/2} Σ₂ Σ₁^{1/2} is symmetric positive semi-definite, and Tr(M^{1/2}) = Σ_i
 * √λ_i(M). (Tr((Σ₁Σ₂)^{1/2}) = Tr(M^{1/2}), since Σ₁Σ₂ and M are similar.) Eigenvalues that rounding makes slightly
 * negative are taken as 0.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** d² between the statistics of two sets. */
  public static double squared(FeatureStatistics a, FeatureStatistics b) {
    int d = a.dimension();
    if (b.dimension() != d) {
      throw new IllegalArgumentException("Fréchet distance: the two sets have dimensions " + d + " and " + b.dimension());
    }
    double meanTerm = Vectors.squaredDistance(a.mean(), b.mean());
    DMatrixRMaj s1 = new DMatrixRMaj(a.covariance());
    DMatrixRMaj s2 = new DMatrixRMaj(b.covariance());
    DMatrixRMaj root1 = symmetricSquareRoot(s1);
    DMatrixRMaj tmp = new DMatrixRMaj(d, d);
    DMatrixRMaj m = new DMatrixRMaj(d, d);
    CommonOps_DDRM.mult(root1, s2, tmp);
    CommonOps_DDRM.mult(tmp, root1, m);
    symmetrise(m);
    double traceRoot = 0;
    for (double lambda : eigenvalues(m)) {
      traceRoot += Math.sqrt(Math.max(lambda, 0));
    }
    return meanTerm + CommonOps_DDRM.trace(s1) + CommonOps_DDRM.trace(s2) - 2 * traceRoot;
  }

  /** d² between two sets of feature vectors (rows). */
  public static double squared(double[][] x, double[][] y) {
    Vectors.requireMatrix(x, "Fréchet distance, first set", 2);
    Vectors.requireMatrix(y, "Fréchet distance, second set", 2);
    Vectors.requireSameDimension(x, y, "Fréchet distance");
    return squared(FeatureStatistics.of(x), FeatureStatistics.of(y));
  }

  /** S^{1/2} = V Λ^{1/2} Vᵀ of a symmetric positive semi-definite S (negative rounding noise in Λ taken as 0). */
  static DMatrixRMaj symmetricSquareRoot(DMatrixRMaj s) {
    int d = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(s.copy())) {
      throw new IllegalStateException("the eigendecomposition of a covariance matrix failed");
    }
    DMatrixRMaj root = new DMatrixRMaj(d, d);
    for (int i = 0; i < d; i++) {
      double lambda = Math.sqrt(Math.max(eig.getEigenvalue(i).getReal(), 0));
      DMatrixRMaj v = eig.getEigenVector(i);
      for (int r = 0; r < d; r++) {
        double vr = v.get(r, 0) * lambda;
        for (int c = 0; c < d; c++) {
          root.add(r, c, vr * v.get(c, 0));
        }
      }
    }
    return root;
  }

  private static double[] eigenvalues(DMatrixRMaj m) {
    int d = m.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, false, true);
    if (!eig.decompose(m.copy())) {
      throw new IllegalStateException("the eigendecomposition of Σ₁^½ Σ₂ Σ₁^½ failed");
    }
    double[] out = new double[d];
    for (int i = 0; i < d; i++) {
      out[i] = eig.getEigenvalue(i).getReal();
    }
    return out;
  }

  private static void symmetrise(DMatrixRMaj m) {
    for (int r = 0; r < m.numRows; r++) {
      for (int c = r + 1; c < m.numCols; c++) {
        double v = 0.5 * (m.get(r, c) + m.get(c, r));
        m.set(r, c, v);
        m.set(c, r, v);
      }
    }
  }
}
