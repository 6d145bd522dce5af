package dev.vaelab.vq;

/**
 * Settings of a {@link VectorQuantizer}.
 *
 * @param codebookSize K ≥ 1 codes
 * @param dimension D ≥ 1, the length of each code vector
 * @param commitmentCost β ≥ 0 of van den Oord et al. (2017), the weight of ‖z_e − sg[e]‖²
 * @param update EMA or gradient codebook
 * @param decay γ ∈ (0, 1) of the EMA
 * @param epsilon ε &gt; 0 of the Laplace smoothing of the EMA cluster sizes
 * @param deadCodeThreshold codes whose EMA cluster size (debiased) falls below this are re-seeded
 *     from encoder outputs of the current batch; 0 turns restarts off
 * @param seed seed of the codebook initialisation and of restarts
 */
public record VectorQuantizerConfig(
    int codebookSize, int dimension, double commitmentCost, CodebookUpdate update, double decay, double epsilon,
    double deadCodeThreshold, long seed) {

  /** B3: K = 128. */
  public static final int DEFAULT_CODEBOOK_SIZE = 128;
  /** B3: D = 16. */
  public static final int DEFAULT_DIMENSION = 16;
  /** β = 0.25 (van den Oord et al. 2017). */
  public static final double DEFAULT_COMMITMENT_COST = 0.25;
  /** γ = 0.99. */
  public static final double DEFAULT_DECAY = 0.99;
  /** ε = 1e-5. */
  public static final double DEFAULT_EPSILON = 1e-5;
  /** Dead-code restarts off by default (B3 protocol); 1.0 is a sensible value to turn them on. */
  public static final double DEFAULT_DEAD_CODE_THRESHOLD = 0;

  public VectorQuantizerConfig {
    if (codebookSize < 1) {
      throw new IllegalArgumentException("codebook size K must be >= 1, got " + codebookSize);
    }
    if (dimension < 1) {
      throw new IllegalArgumentException("code dimension D must be >= 1, got " + dimension);
    }
    if (!(commitmentCost >= 0) || Double.isInfinite(commitmentCost)) {
      throw new IllegalArgumentException("commitment cost beta must be a finite number >= 0, got " + commitmentCost);
    }
    if (update == null) {
      throw new IllegalArgumentException("codebook update must be given");
    }
    if (!(decay > 0 && decay < 1)) {
      throw new IllegalArgumentException("EMA decay gamma must be in (0, 1), got " + decay);
    }
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("Laplace smoothing epsilon must be > 0, got " + epsilon);
    }
    if (!(deadCodeThreshold >= 0) || Double.isInfinite(deadCodeThreshold)) {
      throw new IllegalArgumentException("dead-code threshold must be >= 0, got " + deadCodeThreshold);
    }
  }

  /** The B3 defaults with an EMA codebook. */
  public static VectorQuantizerConfig defaults() {
    return new VectorQuantizerConfig(
        DEFAULT_CODEBOOK_SIZE, DEFAULT_DIMENSION, DEFAULT_COMMITMENT_COST, CodebookUpdate.EMA, DEFAULT_DECAY,
        DEFAULT_EPSILON, DEFAULT_DEAD_CODE_THRESHOLD, 0);
  }

  public VectorQuantizerConfig withCodebookSize(int k) {
    return new VectorQuantizerConfig(k, dimension, commitmentCost, update, decay, epsilon, deadCodeThreshold, seed);
  }

  public VectorQuantizerConfig withDimension(int d) {
    return new VectorQuantizerConfig(codebookSize, d, commitmentCost, update, decay, epsilon, deadCodeThreshold, seed);
  }

  public VectorQuantizerConfig withCommitmentCost(double beta) {
    return new VectorQuantizerConfig(codebookSize, dimension, beta, update, decay, epsilon, deadCodeThreshold, seed);
  }

  public VectorQuantizerConfig withUpdate(CodebookUpdate u) {
    return new VectorQuantizerConfig(codebookSize, dimension, commitmentCost, u, decay, epsilon, deadCodeThreshold, seed);
  }

  public VectorQuantizerConfig withDecay(double gamma) {
    return new VectorQuantizerConfig(codebookSize, dimension, commitmentCost, update, gamma, epsilon, deadCodeThreshold, seed);
  }

  public VectorQuantizerConfig withDeadCodeThreshold(double t) {
    return new VectorQuantizerConfig(codebookSize, dimension, commitmentCost, update, decay, epsilon, t, seed);
  }

  public VectorQuantizerConfig withSeed(long s) {
    return new VectorQuantizerConfig(codebookSize, dimension, commitmentCost, update, decay, epsilon, deadCodeThreshold, s);
  }
}
