package dev.vaelab.core.cluster;

import java.util.stream.IntStream;

/**
 * Lloyd's iterations with Hamerly's bounds (the iterations {@link KMeans#labels} runs).
 */
final class HamerlyLloyd {
  private HamerlyLloyd() {}

  /**
   * Lloyd's iterations with Hamerly's (2010) bounds, which skip the distances of most points once
   * the clustering settles: u_i ≥ ‖x_i − c_a(i)‖ and l_i ≤ the distance to the second-nearest
   * centre; after the centres move by δ_m, u_i += δ_a(i) and l_i −= max_m δ_m, and point i needs no
   * distance while u_i ≤ max(l_i, ½ min_{m' ≠ a(i)} ‖c_a(i) − c_m'‖). The centre sums are updated
   * by the rows that changed label only. The assignments are those of {@link KMeans#cluster}'s plain iterations (up to
   * rounding in near-ties); the stopping rules are the same.
   */
  static KMeans.Clustering run(double[][] x, double[][] start, int maxIterations, double tolerance) {
    int n = x.length;
    int d = x[0].length;
    int k = start.length;
    double[] flat = FlatRows.flatten(x);
    double[] c = FlatRows.flatten(start);
    double shiftBound = tolerance * FlatRows.meanVariance(flat, n, d);
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = FlatRows.dot(flat, i * d, flat, i * d, d);
    }
    int[] label = new int[n];
    double[] upper = new double[n];
    double[] lower = new double[n];
    double[] half = new double[k]; // ½ distance from each centre to its nearest other centre
    double[] cn = new double[k]; // ‖c_m‖²
    int blocks = FlatRows.blocks(n);
    int[][] moves = new int[blocks][]; // per block: pairs (row, previous label) of the rows that changed
    int[] moveCount = new int[blocks];
    double[] sum = new double[k * d];
    int[] count = new int[k];
    for (int it = 0; it < maxIterations; it++) {
      for (int m = 0; m < k; m++) {
        cn[m] = FlatRows.dot(c, m * d, c, m * d, d);
      }
      for (int m = 0; m < k; m++) {
        double nearest = Double.POSITIVE_INFINITY;
        for (int o = 0; o < k; o++) {
          if (o != m) {
            nearest = Math.min(nearest, FlatRows.sqDiff(c, m * d, c, o * d, d));
          }
        }
        half[m] = 0.5 * Math.sqrt(nearest);
      }
      boolean first = it == 0;
      boolean changed = IntStream.range(0, blocks).parallel().map(b -> {
        int ch = 0;
        moveCount[b] = 0;
        double[] score = new double[k];
        for (int i = b * FlatRows.BLOCK, end = Math.min(n, i + FlatRows.BLOCK); i < end; i++) {
          if (!first) {
            double z = Math.max(lower[i], half[label[i]]);
            if (upper[i] <= z) {
              continue;
            }
            upper[i] = Math.sqrt(FlatRows.sqDiff(flat, i * d, c, label[i] * d, d));
            if (upper[i] <= z) {
              continue;
            }
          }
          FlatRows.dots(flat, i * d, c, k, d, score);
          int best = 0;
          double bd = Double.POSITIVE_INFINITY;
          double second = Double.POSITIVE_INFINITY;
          for (int m = 0; m < k; m++) {
            double dist = Math.max(0, norms[i] - 2 * score[m] + cn[m]);
            if (dist < bd) {
              second = bd;
              bd = dist;
              best = m;
            } else if (dist < second) {
              second = dist;
            }
          }
          if (first || label[i] != best) {
            ch = 1;
            if (!first) {
              if (moves[b] == null || moves[b].length < 2 * moveCount[b] + 2) {
                moves[b] = java.util.Arrays.copyOf(moves[b] == null ? new int[0] : moves[b], 2 * moveCount[b] + 64);
              }
              moves[b][2 * moveCount[b]] = i;
              moves[b][2 * moveCount[b] + 1] = label[i];
              moveCount[b]++;
            }
          }
          label[i] = best;
          upper[i] = Math.sqrt(bd);
          lower[i] = Math.sqrt(second);
        }
        return ch;
      }).sum() > 0;
      if (first) {
        FlatRows.centreSums(flat, n, d, k, label, sum, count);
      } else { // only the rows that changed label move between the sums, in block order
        for (int b = 0; b < blocks; b++) {
          for (int q = 0; q < moveCount[b]; q++) {
            int i = moves[b][2 * q];
            int from = moves[b][2 * q + 1];
            int to = label[i];
            count[from]--;
            count[to]++;
            for (int j = 0; j < d; j++) {
              sum[from * d + j] -= flat[i * d + j];
              sum[to * d + j] += flat[i * d + j];
            }
          }
        }
      }
      double[] delta = new double[k];
      double shift = FlatRows.moveCentres(c, sum, count, k, d, delta);
      double maxDelta = 0;
      for (double v : delta) {
        maxDelta = Math.max(maxDelta, v);
      }
      if (!changed || (tolerance > 0 && shift <= shiftBound)) {
        break;
      }
      double md = maxDelta;
      IntStream.range(0, blocks).parallel().forEach(b -> {
        for (int i = b * FlatRows.BLOCK, end = Math.min(n, i + FlatRows.BLOCK); i < end; i++) {
          upper[i] += delta[label[i]];
          lower[i] -= md;
        }
      });
    }
    return FlatRows.finish(flat, n, d, c, k, label);
  }
}
