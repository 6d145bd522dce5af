package dev.vaelab.metrics;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansTrainer;

/**
 * How well k-means finds the classes in a representation: k-means with as many clusters as classes (Tribuo's
 * {@code KMeansTrainer}, k-means++ start, Euclidean, seeded) on the vectors, then the agreement of the clusters U with
 * the labels V by two scores of the contingency table n_ij (n_i· and n_·j its margins, n the total):
 *
 * <pre>
 *   NMI = I(U; V) / ((H(U) + H(V)) / 2),   I = Σ_ij (n_ij/n) ln(n n_ij / (n_i· n_·j)),   H(U) = −Σ_i (n_i·/n) ln(n_i·/n)
 *   ARI = (Σ_ij C(n_ij, 2) − E) / ((Σ_i C(n_i·, 2) + Σ_j C(n_·j, 2)) / 2 − E),   E = Σ_i C(n_i·, 2) Σ_j C(n_·j, 2) / C(n, 2)
 * </pre>
 *
 * (NMI with the arithmetic-mean normalisation, as scikit-learn's default; ARI of Hubert and Arabie 1985.) Both are 1 for
 * a partition equal to the labels; NMI ≈ 0 and ARI ≈ 0 for one independent of them.
 *
 * @param nmi normalised mutual information
 * @param ari adjusted Rand index
 * @param clusters the number of clusters
 */
public record Clustering(double nmi, double ari, int clusters) {
  /** Lloyd iterations of k-means. */
  public static final int ITERATIONS = 100;

  /** k-means of {@code x} into as many clusters as {@code labels} has classes, scored against them. */
  public static Clustering of(double[][] x, int[] labels, long seed) {
    Vectors.requireMatrix(x, "clustering, vectors", 2);
    Vectors.requireLabels(labels, x.length, "clustering, labels");
    int classes = 0;
    for (int l : labels) {
      classes = Math.max(classes, l + 1);
    }
    ClusteringFactory f = new ClusteringFactory();
    MutableDataset<ClusterID> data = TribuoData.of(x, i -> new ClusterID(ClusterID.UNASSIGNED), f, "clustering");
    KMeansTrainer trainer = new KMeansTrainer(classes, ITERATIONS, KMeansTrainer.Distance.EUCLIDEAN, KMeansTrainer.Initialisation.PLUSPLUS, 1, seed);
    Model<ClusterID> model = trainer.train(data);
    int[] clusters = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      clusters[i] = model.predict(data.getExample(i)).getOutput().getID();
    }
    return new Clustering(nmi(clusters, labels), ari(clusters, labels), classes);
  }

  /** The contingency table n_ij of two partitions given as class numbers ≥ 0. */
  static long[][] contingency(int[] u, int[] v) {
    int a = 0;
    int b = 0;
    for (int i = 0; i < u.length; i++) {
      a = Math.max(a, u[i] + 1);
      b = Math.max(b, v[i] + 1);
    }
    long[][] n = new long[a][b];
    for (int i = 0; i < u.length; i++) {
      n[u[i]][v[i]]++;
    }
    return n;
  }

  /** NMI with the arithmetic-mean normalisation; 1 when both partitions have one block each. */
  public static double nmi(int[] u, int[] v) {
    if (u.length != v.length || u.length == 0) {
      throw new IllegalArgumentException("NMI: two partitions of the same non-empty set needed, got " + u.length + " and " + v.length);
    }
    long[][] n = contingency(u, v);
    double total = u.length;
    double[] rows = new double[n.length];
    double[] cols = new double[n[0].length];
    for (int i = 0; i < n.length; i++) {
      for (int j = 0; j < n[i].length; j++) {
        rows[i] += n[i][j];
        cols[j] += n[i][j];
      }
    }
    double mi = 0;
    for (int i = 0; i < n.length; i++) {
      for (int j = 0; j < n[i].length; j++) {
        if (n[i][j] > 0) {
          mi += n[i][j] / total * Math.log(total * n[i][j] / (rows[i] * cols[j]));
        }
      }
    }
    double hu = entropy(rows, total);
    double hv = entropy(cols, total);
    if (hu == 0 && hv == 0) {
      return 1;
    }
    return Math.max(0, mi) / ((hu + hv) / 2);
  }

  private static double entropy(double[] counts, double total) {
    double h = 0;
    for (double c : counts) {
      if (c > 0) {
        h -= c / total * Math.log(c / total);
      }
    }
    return h;
  }

  /** The adjusted Rand index; 1 when the two partitions are equal. */
  public static double ari(int[] u, int[] v) {
    if (u.length != v.length || u.length < 2) {
      throw new IllegalArgumentException("ARI: two partitions of the same set of at least 2 elements needed");
    }
    long[][] n = contingency(u, v);
    double sumIj = 0;
    double[] rows = new double[n.length];
    double[] cols = new double[n[0].length];
    for (int i = 0; i < n.length; i++) {
      for (int j = 0; j < n[i].length; j++) {
        sumIj += pairs(n[i][j]);
        rows[i] += n[i][j];
        cols[j] += n[i][j];
      }
    }
    double sumRows = 0;
    for (double r : rows) {
      sumRows += pairs(r);
    }
    double sumCols = 0;
    for (double c : cols) {
      sumCols += pairs(c);
    }
    double expected = sumRows * sumCols / pairs(u.length);
    double max = (sumRows + sumCols) / 2;
    return max == expected ? 1 : (sumIj - expected) / (max - expected);
  }

  private static double pairs(double m) {
    return m * (m - 1) / 2;
  }
}
