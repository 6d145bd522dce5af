package dev.vaelab.gmm;

/**
 * {@link EmStatistics} of a block of rows computed by gmm-em's float64 TensorFlow graph (the E-step
 * and the sums of the single-machine fit, in matrix products) instead of row by row in Java: what a
 * partition of a distributed data set contributes to one EM iteration. One graph per instance, reused
 * for every block and iteration; not thread-safe; close it to free the graph.
 */
public final class BlockStatistics implements AutoCloseable {
  private final EmGraph graph;
  private final CovarianceType type;

  /** A graph for K components in D dimensions of the given covariance type. */
  public BlockStatistics(int k, int d, CovarianceType type) {
    this.graph = new EmGraph(k, d, type);
    this.type = type;
  }

  /** The statistics of {@code rows} (each of D finite values) under {@code p}, about {@code centre}. */
  public EmStatistics of(double[][] rows, MixtureParameters p, double[] centre) {
    if (rows.length == 0) {
      return new EmStatistics(p.components(), p.dimension(), type, centre);
    }
    try (EmGraph.Data data = graph.data(rows)) {
      return graph.statistics(data, p, type, centre);
    }
  }

  @Override
  public void close() {
    graph.close();
  }
}
