package dev.vaelab.gmm;

/**
 * Settings of {@link GaussianMixture}, with named defaults.
 *
 * @param components K ≥ 1
 * @param covarianceType form of the covariances
 * @param initialization how EM starts
 * @param initialParameters the start for {@link Initialization#GIVEN} (else null)
 * @param tolerance EM stops when the mean log-likelihood per example gains less than this (nats)
 * @param maxIterations at most this many EM iterations per restart
 * @param regularization added to the diagonal of every covariance (keeps it positive definite)
 * @param restarts number of EM runs from different starts; the best final log-likelihood is kept
 * @param seed seed of the initialisation
 */
public record GaussianMixtureConfig(
    int components,
    CovarianceType covarianceType,
    Initialization initialization,
    MixtureParameters initialParameters,
    double tolerance,
    int maxIterations,
    double regularization,
    int restarts,
    long seed) {

  /**
   * Default tolerance, 1e-8 nats per example. scikit-learn's 1e-3 stops the B4(b) fit after 4
   * iterations with weights .39/.39/.23 instead of .3/.5/.2; EM converges linearly, so the gain
   * per step must be tiny before the parameters are at the optimum.
   */
  public static final double DEFAULT_TOLERANCE = 1e-8;
  /** Default iteration cap. */
  public static final int DEFAULT_MAX_ITERATIONS = 2000;
  /** Default covariance regularisation (scikit-learn's reg_covar). */
  public static final double DEFAULT_REGULARIZATION = 1e-6;
  /** Default number of restarts. */
  public static final int DEFAULT_RESTARTS = 1;

  public GaussianMixtureConfig {
    if (components < 1) {
      throw new IllegalArgumentException("number of components K must be >= 1, got " + components);
    }
    if (covarianceType == null || initialization == null) {
      throw new IllegalArgumentException("covariance type and initialisation must be given");
    }
    if (initialization == Initialization.GIVEN) {
      if (initialParameters == null) {
        throw new IllegalArgumentException("initialisation GIVEN needs initialParameters");
      }
      if (initialParameters.components() != components) {
        throw new IllegalArgumentException(
            "initialParameters have " + initialParameters.components() + " components, expected " + components);
      }
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new IllegalArgumentException("tolerance must be a finite number >= 0, got " + tolerance);
    }
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
    }
    if (!(regularization >= 0) || Double.isInfinite(regularization)) {
      throw new IllegalArgumentException("regularization must be a finite number >= 0, got " + regularization);
    }
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be >= 1, got " + restarts);
    }
  }

  /** Defaults for K components: full covariances, k-means++ start, tolerance 1e-8, seed 0. */
  public static GaussianMixtureConfig of(int components) {
    return new GaussianMixtureConfig(
        components, CovarianceType.FULL, Initialization.KMEANS_PLUS_PLUS, null, DEFAULT_TOLERANCE,
        DEFAULT_MAX_ITERATIONS, DEFAULT_REGULARIZATION, DEFAULT_RESTARTS, 0);
  }

  public GaussianMixtureConfig withCovarianceType(CovarianceType t) {
    return new GaussianMixtureConfig(components, t, initialization, initialParameters, tolerance, maxIterations, regularization, restarts, seed);
  }

  public GaussianMixtureConfig withInitialization(Initialization i) {
    return new GaussianMixtureConfig(components, covarianceType, i, initialParameters, tolerance, maxIterations, regularization, restarts, seed);
  }

  /** Start from these parameters (sets the initialisation to GIVEN). */
  public GaussianMixtureConfig withInitialParameters(MixtureParameters p) {
    return new GaussianMixtureConfig(components, covarianceType, Initialization.GIVEN, p, tolerance, maxIterations, regularization, restarts, seed);
  }

  public GaussianMixtureConfig withTolerance(double tol) {
    return new GaussianMixtureConfig(components, covarianceType, initialization, initialParameters, tol, maxIterations, regularization, restarts, seed);
  }

  public GaussianMixtureConfig withMaxIterations(int n) {
    return new GaussianMixtureConfig(components, covarianceType, initialization, initialParameters, tolerance, n, regularization, restarts, seed);
  }

  public GaussianMixtureConfig withRegularization(double reg) {
    return new GaussianMixtureConfig(components, covarianceType, initialization, initialParameters, tolerance, maxIterations, reg, restarts, seed);
  }

  public GaussianMixtureConfig withRestarts(int n) {
    return new GaussianMixtureConfig(components, covarianceType, initialization, initialParameters, tolerance, maxIterations, regularization, n, seed);
  }

  public GaussianMixtureConfig withSeed(long s) {
    return new GaussianMixtureConfig(components, covarianceType, initialization, initialParameters, tolerance, maxIterations, regularization, restarts, s);
  }
}
