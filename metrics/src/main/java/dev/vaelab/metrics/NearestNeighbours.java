package dev.vaelab.metrics;

/**
 * k-nearest-neighbour accuracy of a representation: each test vector is given the most frequent label among its k
 * nearest training vectors (Euclidean; a tie between labels goes to the one whose nearest member is closest), and the
 * accuracy is the share of test vectors given their own label. Exact search, O(n_train · n_test · d).
 *
 * @param accuracy the test accuracy
 * @param k the neighbours that vote
 */
public record NearestNeighbours(double accuracy, int k) {
  /** The neighbours that vote, by default. */
  public static final int DEFAULT_K = 5;

  public static NearestNeighbours of(double[][] train, int[] trainLabels, double[][] test, int[] testLabels, int k) {
    Vectors.requireMatrix(train, "k-NN, training vectors", 1);
    Vectors.requireMatrix(test, "k-NN, test vectors", 1);
    Vectors.requireSameDimension(train, test, "k-NN");
    Vectors.requireLabels(trainLabels, train.length, "k-NN, training labels");
    Vectors.requireLabels(testLabels, test.length, "k-NN, test labels");
    if (k < 1 || k > train.length) {
      throw new IllegalArgumentException("k-NN: k must be in 1.." + train.length + ", got " + k);
    }
    int classes = 0;
    for (int l : trainLabels) {
      classes = Math.max(classes, l + 1);
    }
    final int nClasses = classes;
    long correct = java.util.stream.IntStream.range(0, test.length).parallel() // each test vector on its own: the same answer on any core count
        .filter(t -> vote(test[t], train, trainLabels, k, nClasses) == testLabels[t]).count();
    return new NearestNeighbours((double) correct / test.length, k);
  }

  /** The label the k nearest training vectors of {@code x} vote for (a tie to the label whose member is nearest). */
  private static int vote(double[] x, double[][] train, int[] trainLabels, int k, int classes) {
    int[] nearest = new int[k];
    double[] distance = new double[k];
    int found = 0;
    for (int i = 0; i < train.length; i++) {
      double d = Vectors.squaredDistance(x, train[i]);
      if (found < k || d < distance[found - 1]) { // insertion into the sorted list of the k nearest
        int at = found < k ? found++ : k - 1;
        while (at > 0 && distance[at - 1] > d) {
          distance[at] = distance[at - 1];
          nearest[at] = nearest[at - 1];
          at--;
        }
        distance[at] = d;
        nearest[at] = i;
      }
    }
    int[] votes = new int[classes];
    int best = trainLabels[nearest[0]];
    for (int j = 0; j < found; j++) {
      int l = trainLabels[nearest[j]];
      votes[l]++;
      if (votes[l] > votes[best]) { // equal counts keep the label seen first, i.e. the one with the closest member
        best = l;
      }
    }
    return best;
  }
}
