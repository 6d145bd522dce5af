package dev.vaelab.vq;

/**
 * Settings of the gated PixelCNN code prior ({@link PixelCnnPrior}). Defaults are benchmark B6(c):
 * a code embedding of 64 channels, 5 gated masked layers (type A then B), kernel 3, a 1×1 head of
 * 256 channels, Adam with learning rate 10⁻³, minibatches of 128 code maps.
 *
 * @param codebookSize K, the number of codes (the softmax size at every position)
 * @param height rows of the code map
 * @param width columns of the code map
 * @param channels C, channels of both stacks
 * @param layers gated masked layers (&gt;= 1)
 * @param kernel odd kernel size k &gt;= 3
 * @param hidden channels of the 1×1 output head
 * @param learningRate Adam's learning rate
 * @param batchSize code maps per training step
 */
public record PixelCnnConfig(int codebookSize, int height, int width, int channels, int layers, int kernel, int hidden,
    double learningRate, int batchSize) {
  public static final int DEFAULT_CHANNELS = 64;
  public static final int DEFAULT_LAYERS = 5;
  public static final int DEFAULT_KERNEL = 3;
  public static final int DEFAULT_HIDDEN = 256;
  public static final double DEFAULT_LEARNING_RATE = 1e-3;
  public static final int DEFAULT_BATCH_SIZE = 128;

  public PixelCnnConfig {
    if (codebookSize < 2) {
      throw new IllegalArgumentException("PixelCNN codebook size must be >= 2, got " + codebookSize);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException("PixelCNN code map must be at least 1x1, got " + height + "x" + width);
    }
    if (channels < 1 || hidden < 1) {
      throw new IllegalArgumentException("PixelCNN channels and hidden channels must be >= 1, got " + channels + " and " + hidden);
    }
    if (layers < 1) {
      throw new IllegalArgumentException("PixelCNN needs at least 1 layer, got " + layers);
    }
    if (kernel < 3 || kernel % 2 == 0) {
      throw new IllegalArgumentException("PixelCNN kernel must be odd and >= 3, got " + kernel);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("PixelCNN learning rate must be a positive number, got " + learningRate);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("PixelCNN batch size must be >= 1, got " + batchSize);
    }
  }

  /** B6(c)'s network for a K-code, height × width code map. */
  public static PixelCnnConfig defaults(int codebookSize, int height, int width) {
    return new PixelCnnConfig(codebookSize, height, width, DEFAULT_CHANNELS, DEFAULT_LAYERS, DEFAULT_KERNEL, DEFAULT_HIDDEN,
        DEFAULT_LEARNING_RATE, DEFAULT_BATCH_SIZE);
  }

  public PixelCnnConfig withNetwork(int c, int l) {
    return new PixelCnnConfig(codebookSize, height, width, c, l, kernel, hidden, learningRate, batchSize);
  }

  public PixelCnnConfig withTraining(double lr, int batch) {
    return new PixelCnnConfig(codebookSize, height, width, channels, layers, kernel, hidden, lr, batch);
  }

  /** Positions of the code map. */
  public int positions() {
    return height * width;
  }
}
