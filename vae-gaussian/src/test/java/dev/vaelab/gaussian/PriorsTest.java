package dev.vaelab.gaussian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.distribution.DiagonalGaussian;
import dev.vaelab.core.graph.Feeds;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.model.MixtureOfGaussiansPrior;
import dev.vaelab.core.model.VampPrior;
import dev.vaelab.core.math.LogSumExp;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingHistory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Priors as components of the Gaussian VAE: the VampPrior and a learned mixture of Gaussians. */
class PriorsTest {
  static final int D = 6;
  static final int K = 5;

  static GaussianVae vamp() {
    return GaussianVae.builder().dataSize(D).hidden(8).latentSize(2).prior(VampPrior.withPseudoInputs(K, D)).build();
  }

  @Test
  void theVampPriorsDensityIsTheExplicitMixtureOfTheEncoderAtThePseudoInputs() {
    float[][] z = {{0f, 0f}, {1.5f, -0.5f}, {-3f, 2f}, {30f, -40f}};
    try (ModelGraph g = ModelGraph.build(vamp(), Elbo.standard(), 3)) {
      Ops tf = g.tf();
      Operand<TFloat32> u = g.parameters().variable("prior_pseudo_inputs");
      Operand<TFloat32> logPrior = g.model().prior().distribution(tf).logProb(tf, tf.constant(z));
      DiagonalGaussian atU = (DiagonalGaussian) g.model().encoder().encode(tf, tf.identity(u));
      try (Result r = g.session().runner().fetch(logPrior).fetch(atU.loc()).fetch(atU.logVariance()).fetch(u).run()) {
        float[] lp = Feeds.values(r.get(0));
        float[] mu = Feeds.values(r.get(1));
        float[] lv = Feeds.values(r.get(2));
        float[] pseudo = Feeds.values(r.get(3));
        for (float v : pseudo) {
          assertThat(v).isBetween(0f, 1f); // initialised in the data's range
        }
        assertThat(pseudo[0]).isNotEqualTo(pseudo[1]);
        for (int i = 0; i < z.length; i++) {
          // (1/K) Σ_k N(z; μ_k, σ_k²), log-sum-exp in double
          double[] logPi = new double[K];
          java.util.Arrays.fill(logPi, -Math.log(K));
          double expected = logMixture(new double[] {z[i][0], z[i][1]}, logPi, mu, lv);
          assertThat((double) lp[i]).as("z %d", i).isCloseTo(expected, within(Math.max(1e-4, 1e-6 * Math.abs(expected))));
        }
      }
    }
  }

  static Dataset data(int n) {
    Random r = new Random(4);
    float[] v = new float[n * D];
    for (int i = 0; i < v.length; i++) {
      v[i] = r.nextFloat() < (i % D < 3 ? 0.8f : 0.2f) ? 1f : 0f;
    }
    return new Dataset("toy", v, D, null);
  }

  @Test
  void vaesWithLearnedPriorsTrainOnAMonteCarloRateAndFreeBitsSayWhyNot() {
    for (GaussianVae spec : List.of(vamp(),
        GaussianVae.builder().dataSize(D).hidden(8).latentSize(2).prior(MixtureOfGaussiansPrior.withComponents(3)).build())) {
      try (ModelGraph g = ModelGraph.build(spec, Elbo.standard(), 1)) {
        Trainer t = new Trainer(g, new TrainerConfig(3e-3, 64, 1, false, false), null);
        TrainingHistory h = t.fit(data(1000), null, 8, List.of());
        assertThat(h.last().trainElbo()).as(spec.prior().toString()).isGreaterThan(h.epochs().get(0).trainElbo());
        // the prior's parameters train with the model
        assertThat(g.parameters().variables().stream().anyMatch(v -> v.op().name().startsWith("prior_"))).isTrue();
      }
    }
    assertThatThrownBy(() -> ModelGraph.build(vamp(), Elbo.standard().withFreeBits(0.5), 1))
        .hasMessageContaining("free bits").hasMessageContaining("DiagonalGaussian ‖ MixtureOfDiagonalGaussians");
  }

  /** ln Σ_k π_k N(z; μ_k, diag exp(ℓ_k)) in double, with log π given. */
  /** ln Σ_k π_k N(z; μ_k, diag exp(ℓ_k)) in double, with log π given. */
  static double logMixture(double[] z, double[] logPi, float[] mu, float[] lv) {
    int d = z.length;
    double[] t = new double[logPi.length];
    for (int k = 0; k < logPi.length; k++) {
      t[k] = logPi[k];
      for (int j = 0; j < d; j++) {
        double m = mu[k * d + j];
        double l = lv[k * d + j];
        t[k] += -0.5 * (Math.log(2 * Math.PI) + l + (z[j] - m) * (z[j] - m) / Math.exp(l));
      }
    }
    return LogSumExp.logSumExp(t);
  }

  @Test
  void theRateUnderTheMixtureAndTheVampPriorMatchesAnExplicitMonteCarloKl() {
    float[] row = new float[D];
    for (int i = 0; i < D; i++) {
      row[i] = i % 2;
    }
    for (GaussianVae spec : List.of(vamp(),
        GaussianVae.builder().dataSize(D).hidden(8).latentSize(2).prior(MixtureOfGaussiansPrior.withComponents(3)).build())) {
      try (ModelGraph g = ModelGraph.build(spec, Elbo.standard(), 2)) {
        Ops tf = g.tf();
        DiagonalGaussian q = (DiagonalGaussian) g.model().encoder().encode(tf, tf.constant(new float[][] {row}));
        double[] logPi;
        float[] pm;
        float[] plv;
        boolean isVamp = spec.prior() != null && g.parameters().variables().stream().anyMatch(v -> v.op().name().equals("prior_pseudo_inputs"));
        try (Result r = g.session().runner().fetch(q.loc()).fetch(q.logVariance()).run()) {
          float[] mu = Feeds.values(r.get(0));
          float[] lv = Feeds.values(r.get(1));
          if (isVamp) {
            DiagonalGaussian atU = (DiagonalGaussian) g.model().encoder().encode(tf, tf.identity(g.parameters().variable("prior_pseudo_inputs")));
            try (Result u = g.session().runner().fetch(atU.loc()).fetch(atU.logVariance()).run()) {
              pm = Feeds.values(u.get(0));
              plv = Feeds.values(u.get(1));
            }
            logPi = new double[K];
            java.util.Arrays.fill(logPi, -Math.log(K));
          } else {
            try (Result u = g.session().runner().fetch(g.parameters().variable("prior_logits"))
                .fetch(g.parameters().variable("prior_means")).fetch(g.parameters().variable("prior_log_variances")).run()) {
              float[] logits = Feeds.values(u.get(0));
              pm = Feeds.values(u.get(1));
              plv = Feeds.values(u.get(2));
              double[] l = new double[logits.length];
              for (int k = 0; k < l.length; k++) {
                l[k] = logits[k];
              }
              double norm = LogSumExp.logSumExp(l);
              logPi = new double[l.length];
              for (int k = 0; k < l.length; k++) {
                logPi[k] = l[k] - norm; // ln softmax
              }
            }
          }
          // explicit Monte Carlo: E_q[ln q(z) − ln p(z)], z drawn in Java
          Random rnd = new Random(17);
          int n = 40000;
          double sum = 0;
          double sumSq = 0;
          for (int i = 0; i < n; i++) {
            double[] zz = new double[2];
            double logQ = 0;
            for (int j = 0; j < 2; j++) {
              zz[j] = mu[j] + Math.exp(0.5 * lv[j]) * rnd.nextGaussian();
              logQ += -0.5 * (Math.log(2 * Math.PI) + lv[j] + (zz[j] - mu[j]) * (zz[j] - mu[j]) / Math.exp(lv[j]));
            }
            double term = logQ - logMixture(zz, logPi, pm, plv);
            sum += term;
            sumSq += term * term;
          }
          double expected = sum / n;
          double seJava = Math.sqrt((sumSq / n - expected * expected) / n);
          // the model's reported rate: one-sample estimates on 200 copies of the row, 25 draws
          int copies = 200;
          float[] rows = new float[copies * D];
          for (int c = 0; c < copies; c++) {
            System.arraycopy(row, 0, rows, c * D, D);
          }
          double total = 0;
          double totalSq = 0;
          int m = 0;
          for (long draw = 1; draw <= 25; draw++) {
            for (float v : g.lossTerms(rows, copies, draw)[0]) {
              total += v;
              totalSq += (double) v * v;
              m++;
            }
          }
          double reported = total / m;
          double seModel = Math.sqrt((totalSq / m - reported * reported) / m);
          assertThat(reported).as(isVamp ? "vamp" : "mog").isCloseTo(expected, within(4 * Math.hypot(seJava, seModel)));
          assertThat(expected).isGreaterThan(0); // a KL
        }
      }
    }
  }
}
