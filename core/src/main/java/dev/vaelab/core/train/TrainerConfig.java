package dev.vaelab.core.train;

/**
 * How the {@link Trainer} optimises.
 *
 * @param learningRate Adam's step size (&gt; 0)
 * @param batchSize examples per minibatch (≥ 1); the last partial batch of an epoch is kept
 * @param seed seed of the shuffling (the graph's noise uses the model graph's seed)
 * @param dynamicBinarization re-draw binary pixels y ~ Bernoulli(pixel) for every minibatch
 * @param skipNonFiniteBatches on a NaN/Inf loss or gradient, skip the batch instead of stopping: its
 *     gradient is replaced by zeros (Adam's moment estimates still decay, so its momentum still moves
 *     the parameters slightly) and its loss is left out of the epoch's metrics
 */
public record TrainerConfig(double learningRate, int batchSize, long seed, boolean dynamicBinarization, boolean skipNonFiniteBatches) {

  /** Without skipping: a non-finite loss or gradient stops training. */
  public TrainerConfig(double learningRate, int batchSize, long seed, boolean dynamicBinarization) {
    this(learningRate, batchSize, seed, dynamicBinarization, false);
  }
  /** Adam's default step size, as in PyTorch's examples. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  /** The default minibatch size. */
  public static final int DEFAULT_BATCH_SIZE = 128;

  public TrainerConfig {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be a finite number > 0, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
  }

  /** Defaults: lr 1e-3, batch 128, seed 0, static data. */
  public static TrainerConfig defaults() {
    return new TrainerConfig(DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE, 0, false, false);
  }
}
