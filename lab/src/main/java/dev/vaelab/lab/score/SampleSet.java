package dev.vaelab.lab.score;

/**
 * Rows a run produced, in the data's space, for the sample-quality metrics: samples of one sampler (the decoder means
 * E[y|z] at its latents, as {@code vaelab sample} draws them) or reconstructions of test rows.
 *
 * @param source what produced them ({@code prior}, {@code gmm}, {@code pixelcnn}, {@code reconstruction}, …): the
 *     suffix of their metrics' keys
 * @param values n rows, row-major
 * @param n number of rows
 */
public record SampleSet(String source, float[] values, int n) {
  public SampleSet {
    if (!source.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("a sample set's source must match [a-z][a-z0-9_]*, got '" + source + "'");
    }
    if (n < 1 || values.length % n != 0) {
      throw new IllegalArgumentException("sample set " + source + ": " + values.length + " values are not " + n + " rows");
    }
  }

  /**
   * The source name of a sampler's samples: its name with hyphens as underscores ({@code two-stage} → {@code two_stage}),
   * so that it can end a metric's key.
   */
  public static String sourceOf(String samplerName) {
    return samplerName.replace('-', '_');
  }

  /** Values per row. */
  public int width() {
    return values.length / n;
  }
}
