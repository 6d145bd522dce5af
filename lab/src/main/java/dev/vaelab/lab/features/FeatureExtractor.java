package dev.vaelab.lab.features;

/**
 * A map φ from data rows to feature vectors, the space in which the sample-quality metrics (Fréchet distance, kernel
 * distance, precision and recall) compare generated with real data. Numbers are comparable only under the same φ,
 * so every metric records the extractor's {@link #id()} and, for a trained classifier, its {@link #accuracy()}.
 */
public interface FeatureExtractor extends AutoCloseable {
  /** φ of {@code n} rows (row-major, n × the data's values). */
  double[][] features(float[] rows, int n);

  /** What names this φ: the SHA-256 of its weights or of its files, or {@code raw}. */
  String id();

  /** The classifier's test accuracy where φ is one (NaN otherwise). */
  double accuracy();

  /** Width of φ. */
  int dimension();

  /** One line saying what φ is. */
  String description();

  @Override
  void close();

  /** Row-major float values as rows of doubles ({@code width} per row). */
  static double[][] rows(float[] v, int width) {
    double[][] out = new double[v.length / width][width];
    for (int i = 0; i < out.length; i++) {
      for (int j = 0; j < width; j++) {
        out[i][j] = v[i * width + j];
      }
    }
    return out;
  }
}
