package dev.vaelab.gmm;

import dev.vaelab.core.cluster.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * EM over data held in parts (a distributed data set, files, shards): every iteration is one pass
 * that sums {@link EmStatistics} over the parts, then gmm-em's M-step, with gmm-em's regularisation,
 * restarts (the best final log-likelihood wins) and convergence rule (stop when the mean
 * log-likelihood changes by less than the tolerance from one iteration to the next, at most
 * {@code maxIterations}). From the same start it follows {@link GaussianMixture#fit}.
 *
 * <p>Without given parameters, each restart starts from a <em>seeded sample</em>: k-means
 * (gmm-em's k-means++ seeding and Lloyd iterations) on a sample of at most {@link #sampleSize} rows
 * drawn with the restart's seed, then one pass over all the data assigning every row to its nearest
 * k-means centre and taking the M-step of that hard assignment — the start gmm-em makes from a
 * k-means clustering, with the clustering's centres found on the sample.
 */
public final class PartitionedEm {
  /** Rows sampled for the k-means start, at least: max(this, 100 K). */
  public static final int MIN_SAMPLE = 10_000;

  /** The data as seen by EM: passes over every row, and a seeded sample. */
  public interface Data {
    /** One pass over all the rows under {@code current}, returning the summed statistics. */
    EmStatistics pass(MixtureParameters current);

    /** One pass assigning every row to its nearest centre, returning the hard-assignment statistics. */
    EmStatistics hardPass(double[][] centres);

    /** A sample of about {@code m} rows (all rows when there are fewer), the same for the same seed. */
    double[][] sample(int m, long seed);
  }

  /** One pass over all the data under the given parameters, returning the summed statistics. */
  @FunctionalInterface
  public interface Pass {
    EmStatistics run(MixtureParameters current);
  }

  private PartitionedEm() {}

  /** How many rows the sample start clusters for K components. */
  public static int sampleSize(int k) {
    return Math.max(MIN_SAMPLE, 100 * k);
  }

  /**
   * Fits with the configuration's restarts and start: its given parameters, or a seeded-sample
   * k-means start per restart (restart r draws with seed {@code seed · 1000003 + r}, as gmm-em).
   * The fit's {@code restartLogLikelihoods} holds each restart's final mean log-likelihood.
   */
  public static GaussianMixtureFit fit(GaussianMixtureConfig config, Data data) {
    GaussianMixtureFit best = null;
    List<Double> finals = new ArrayList<>();
    for (int r = 0; r < config.restarts(); r++) {
      long seed = config.seed() * 1_000_003L + r;
      MixtureParameters start = config.initialParameters() != null ? config.initialParameters() : sampleStart(config, data, seed);
      GaussianMixtureFit fit = fit(config, start, data::pass);
      finals.add(fit.trainLogLikelihood());
      if (best == null || fit.trainLogLikelihood() > best.trainLogLikelihood()) {
        best = fit;
      }
    }
    return new GaussianMixtureFit(config, best.parameters(), best.trace(), best.iterations(), best.converged(), best.trainLogLikelihood(),
        List.copyOf(finals));
  }

  /** The seeded-sample start (see the class comment). */
  static MixtureParameters sampleStart(GaussianMixtureConfig config, Data data, long seed) {
    int k = config.components();
    double[][] sample = data.sample(sampleSize(k), seed);
    if (sample.length < k) {
      throw new IllegalArgumentException("number of components K = " + k + " is larger than the number of points N = " + sample.length);
    }
    Random random = new Random(seed);
    int[] labels = KMeans.labels(sample, k, random);
    int d = sample[0].length;
    double[][] centres = new double[k][d];
    double[] counts = new double[k];
    for (int i = 0; i < sample.length; i++) {
      counts[labels[i]]++;
      for (int j = 0; j < d; j++) {
        centres[labels[i]][j] += sample[i][j];
      }
    }
    double[][] fallback = new double[k][];
    for (int c = 0; c < k; c++) {
      fallback[c] = sample[random.nextInt(sample.length)].clone();
      for (int j = 0; j < d; j++) {
        centres[c][j] = counts[c] > 0 ? centres[c][j] / counts[c] : fallback[c][j];
      }
    }
    // the sample's own fit stands in for a component no row of the whole data is nearest to
    MixtureParameters onSample = MStep.fromLabels(sample, labels, k, config.covarianceType(), config.regularization(), fallback,
        DataChecks.variance(sample));
    return data.hardPass(centres).mStep(config.regularization(), onSample);
  }

  /**
   * Fits from {@code start}; the trace holds each iteration's mean log-likelihood, the ELBO before
   * and after its E-step, rate and distortion, as gmm-em's.
   */
  public static GaussianMixtureFit fit(GaussianMixtureConfig config, MixtureParameters start, Pass pass) {
    MixtureParameters params = start;
    List<EmIteration> trace = new ArrayList<>();
    double previous = Double.NaN;
    double elboBefore = Double.NaN;
    boolean converged = false;
    for (int t = 1; t <= config.maxIterations(); t++) {
      EmStatistics s = pass.run(params);
      double ll = s.logLikelihoodSum() / s.rows();
      if (!Double.isFinite(ll)) {
        throw new IllegalStateException("EM iteration " + t + " gave a non-finite log-likelihood " + ll);
      }
      double rate = s.rate(params);
      trace.add(new EmIteration(t, ll, elboBefore, ll, rate, -ll - rate));
      MixtureParameters next = s.mStep(config.regularization(), params);
      elboBefore = s.elboAfterMStep(next);
      params = next;
      if (t > 1 && Math.abs(ll - previous) < config.tolerance()) {
        converged = true;
        break;
      }
      previous = ll;
    }
    EmStatistics last = pass.run(params);
    double finalLl = last.logLikelihoodSum() / last.rows();
    return new GaussianMixtureFit(config, params, List.copyOf(trace), trace.size(), converged, finalLl, List.of(finalLl));
  }
}
