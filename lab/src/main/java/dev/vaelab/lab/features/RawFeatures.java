package dev.vaelab.lab.features;

/**
 * φ(y) = y: the data's own values as features — what the sample metrics use on vector data (a table's rows), where no
 * network of the data is trained. On images a feature network is the meaningful space; this is the fallback the
 * metrics name as {@code raw}.
 */
public final class RawFeatures implements FeatureExtractor {
  private final int dimension;

  /** @param dimension values per row */
  public RawFeatures(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public double[][] features(float[] rows, int n) {
    if ((long) n * dimension != rows.length) {
      throw new IllegalArgumentException("expected " + n + " rows of " + dimension + " values, got " + rows.length + " values");
    }
    return FeatureExtractor.rows(rows, dimension);
  }

  @Override
  public String id() {
    return "raw";
  }

  @Override
  public double accuracy() {
    return Double.NaN;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public String description() {
    return "the data's own values (" + dimension + " per row)";
  }

  @Override
  public void close() {}
}
