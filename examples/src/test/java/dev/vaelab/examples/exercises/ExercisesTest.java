package dev.vaelab.examples.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exercise's result against an independent computation or a known answer. */
class ExercisesTest {
  @TempDir Path tmp;

  @Test
  void marginalTableFindsTheNotesArithmeticSlip() {
    MarginalTable.Result r = new MarginalTable().run(tmp, null);
    // row sums by hand: .02+.03+.02+.01+.07+.03+.01+.00, .09+.01+.03+.03+.08+.04+.03+.06, .01+.01+.08+.06+.07+.08+.06+.06
    assertThat(r.marginalX()[0]).isCloseTo(0.19, within(1e-12));
    assertThat(r.marginalX()[1]).isCloseTo(0.37, within(1e-12));
    assertThat(r.marginalX()[2]).isCloseTo(0.43, within(1e-12));
    assertThat(r.total()).isCloseTo(0.99, within(1e-12));
    assertThat(r.discrepancies()).hasSize(2);
    assertThat(r.discrepancies().get(0)).contains("0.44").contains("0.43");
  }

  @Test
  void monteCarloPiIsWithinThreeStandardErrorsAndErrorsHalveWithFourTimesTheSamples() {
    MonteCarloPi.Result r = new MonteCarloPi(2).run(tmp, null);
    for (int j = 0; j < r.n().length; j++) {
      assertThat(Math.abs(r.estimate()[j] - Math.PI)).as("n = %d", r.n()[j]).isLessThan(3 * r.standardError()[j]);
    }
    assertThat(r.slope()).isCloseTo(-0.5, within(0.02));
    assertThat(tmp.resolve("monte-carlo-pi.png")).isRegularFile();
  }

  @Test
  void elboIdentityHoldsToRoundingAndTheLibraryAgrees() {
    ElboIdentity.Result r = new ElboIdentity().run(tmp, null);
    for (ElboIdentity.Row row : r.rows()) {
      assertThat(Math.abs(row.residual())).isLessThan(1e-10);
      assertThat(row.elbo()).isLessThanOrEqualTo(r.logLikelihood() + 1e-12);
      assertThat(row.libraryKl()).isCloseTo(row.klToPosterior(), within(1e-4 * Math.max(1, row.klToPosterior())));
      assertThat(row.libraryElbo()).isCloseTo(row.elbo(), within(4 * row.libraryElboSe() + 1e-3));
    }
    assertThat(r.rows().get(0).klToPosterior()).isCloseTo(0, within(1e-12));
  }

  @Test
  void gaussianKlMatchesTheClosedFormAndTheMonteCarloEstimate() {
    GaussianKl.Result r = new GaussianKl().run(tmp, null);
    for (GaussianKl.Row row : r.rows()) {
      // independent: KL = ln(σp/σq) + (σq² + (μq − μp)²)/(2σp²) − ½
      double kl = Math.log(row.sigmaP() / row.sigmaQ())
          + (row.sigmaQ() * row.sigmaQ() + Math.pow(row.muQ() - row.muP(), 2)) / (2 * row.sigmaP() * row.sigmaP()) - 0.5;
      assertThat(row.closedForm()).isCloseTo(kl, within(1e-12));
      assertThat(row.library()).isCloseTo(kl, within(1e-5 * Math.max(1, kl)));
      assertThat(row.monteCarlo()).isCloseTo(kl, within(4 * row.standardError() + 1e-6));
    }
  }

  @Test
  void reparameterisedGradientIsUnbiasedWithLowerVarianceThanTheScoreFunction() {
    Reparameterisation.Result r = new Reparameterisation().run(tmp, null);
    for (Reparameterisation.Row row : r.rows()) {
      double n = Reparameterisation.SAMPLES;
      assertThat(row.reparamMean()).isCloseTo(row.exact(), within(4 * Math.sqrt(row.reparamVar() / n)));
      assertThat(row.scoreMean()).isCloseTo(row.exact(), within(4 * Math.sqrt(row.scoreVar() / n)));
      assertThat(row.reparamVar()).isCloseTo(4 * row.sigma() * row.sigma(), within(0.05 * 4 * row.sigma() * row.sigma()));
      assertThat(row.scoreVar()).isGreaterThan(row.reparamVar());
    }
  }

  @Test
  void reverseKlSitsOnAModeAndForwardKlMatchesTheMoments() {
    KlDirection.Result r = new KlDirection().run(tmp, null);
    assertThat(Math.abs(r.reverseMean())).isCloseTo(2.0, within(0.05));
    assertThat(r.reverseSd()).isCloseTo(0.6, within(0.03));
    assertThat(r.forwardMean()).isCloseTo(0.0, within(1e-3));
    assertThat(r.forwardSd()).isCloseTo(Math.sqrt(0.36 + 4), within(1e-3));
  }

  @Test
  void gmm1dShowsEmAsAlternatingOptimisation() {
    Gmm1d.Result r = new Gmm1d().run(tmp, null);
    assertThat(r.maxElboGapAfterEStep()).isLessThan(1e-9);
    assertThat(r.minLogLikelihoodStep()).isGreaterThanOrEqualTo(-1e-12);
    assertThat(r.fit().converged()).isTrue();
    assertThat(tmp.resolve("gmm-1d-trace.png")).isRegularFile();
  }

  @Test
  void entropyIdentityHoldsAndTheBoundIsNeverViolated() {
    EntropyIdentity.Result r = new EntropyIdentity().run(tmp, null);
    assertThat(Math.abs(r.identityResidual())).isLessThan(1e-12);
    assertThat(r.boundAtTrueModels()).isCloseTo(r.hY(), within(1e-12));
    assertThat(r.minGap()).isGreaterThan(0);
  }

  @Test
  void importanceSamplingBeatsNaiveMonteCarloAndTheJensenGapIsPositive() {
    ImportanceSampling.Result r = new ImportanceSampling().run(tmp, null);
    int last = r.samples().length - 1;
    assertThat(r.isMean()[last]).isGreaterThan(r.naiveMean()[last]);
    assertThat(r.isSd()[last]).isLessThan(r.naiveSd()[last]);
    // both estimators rise with S (E ln p̂_S increases towards ln p)
    assertThat(r.isMean()[last]).isGreaterThan(r.isMean()[0]);
    assertThat(r.naiveMean()[last]).isGreaterThan(r.naiveMean()[0]);
    assertThat(r.jensenGap()).isGreaterThan(0);
  }

  @Test
  void latentSpacesOfAutoencoderVaeAndKlOnlyDiffer() {
    Latent2d.Result r = new Latent2d().run(tmp, null);
    Latent2d.Panel ae = r.panels().get(0);
    Latent2d.Panel vae = r.panels().get(1);
    Latent2d.Panel kl = r.panels().get(2);
    assertThat(kl.activeUnits()).isZero();
    assertThat(kl.spread()).isLessThan(1e-2);
    assertThat(vae.activeUnits()).isEqualTo(2);
    assertThat(ae.spread()).isGreaterThan(vae.spread()); // the KL term keeps the VAE's codes near the prior
    assertThat(vae.classSeparation()).isGreaterThan(0.3);
    assertThat(r.figures()).hasSize(3);
  }

  @Test
  void attributeArithmeticMovesTrousersTowardsDresses() {
    Interpolation.Result r = new Interpolation().run(tmp, null);
    assertThat(r.closerToTargetFraction()).isGreaterThan(0.5);
    assertThat(r.meanDistanceToTarget()).isLessThan(r.meanDistanceToSource());
  }

  @Test
  void docsPagesHoldWhatTheRunPrinted() throws Exception {
    Map<String, ExerciseResult> results = Exercises.run(List.of(new MarginalTable(), new MonteCarloPi()), tmp.resolve("figs"), null);
    Exercises.writeDocs(results, tmp.resolve("figs"), tmp.resolve("docs"));
    String page = Files.readString(tmp.resolve("docs/marginal-table.md"));
    assertThat(page).contains("p(Green) = 0.43").contains("Where the notes and the computation differ");
    assertThat(Files.readString(tmp.resolve("docs/monte-carlo-pi.md"))).contains("monte-carlo-pi.png");
    assertThat(tmp.resolve("docs/monte-carlo-pi.png")).isRegularFile();
    assertThat(Files.readString(tmp.resolve("docs/README.md"))).contains("[marginal-table](marginal-table.md)");
    assertThatThrownBy(() -> Exercises.named("nope")).hasMessageContaining("unknown exercise 'nope'").hasMessageContaining("gmm-1d");
  }

  /**
   * The committed pages are what the code writes today: every exercise run once, its pages and
   * figures written as `vaelab exercises all --docs docs/exercises` writes them, and compared with
   * docs/exercises — byte for byte on a machine with the signature the pages were written on
   * (docs/exercises/.generated-on), elsewhere text equal and every number within 2 % (TensorFlow's
   * kernels round differently on other vector units, and the trained exercises drift a little). A stale
   * page fails the build either way (the stale examples moved 12 % and 3 %); regenerate with that
   * command. The same run's blur-vs-vq record is checked against the notes' claims.
   */
  @Test
  void committedExercisePagesAreWhatTheCodeWritesToday() throws Exception {
    Map<String, ExerciseResult> results = Exercises.run(Exercises.all(), tmp.resolve("figs"), null);
    Exercises.writeDocs(results, tmp.resolve("figs"), tmp.resolve("docs"));
    Path committed = Path.of("..", "docs", "exercises");
    Path signature = committed.resolve(Exercises.GENERATED_ON);
    boolean sameMachine = Files.isRegularFile(signature) && Files.readString(signature).strip().equals(Exercises.machineSignature());
    List<String> stale = new java.util.ArrayList<>();
    try (var files = Files.list(tmp.resolve("docs"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        Path c = committed.resolve(name);
        if (name.equals(Exercises.GENERATED_ON)) {
          continue;
        }
        if (!Files.isRegularFile(c)) {
          stale.add(name + " (missing)");
        } else if (sameMachine) {
          if (!java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(c))) {
            stale.add(name);
          }
        } else if (name.endsWith(".md")) {
          String why = PageComparison.differences(Files.readString(c), Files.readString(f), 0.02);
          if (!why.isEmpty()) {
            stale.add(name + ": " + why);
          }
        }
      }
    }
    assertThat(stale).as("pages or figures in docs/exercises that differ from what the code writes today (%s; regenerate:"
        + " ./vaelab exercises all --docs docs/exercises)", sameMachine ? "byte for byte" : "numbers within 2 %").isEmpty();

    BlurVsVq.Result blur = (BlurVsVq.Result) results.get("blur-vs-vq");
    assertThat(blur.images()).isEqualTo(2000);
    assertThat(blur.vqError()).as("VQ-VAE pixel error below the Gaussian VAE's").isLessThan(blur.vaeError());
    assertThat(blur.vqEdgeError()).as("and its edges closer to the data's").isLessThan(blur.vaeEdgeError());
    assertThat(blur.vaeTvRatio()).as("the Gaussian VAE's reconstructions are smoother than the data").isLessThan(1);
    assertThat(blur.discrepancies()).isEmpty();
    assertThat(tmp.resolve("figs/blur-vs-vq.png")).isRegularFile();
  }

  @Test
  void aPageComparisonFindsChangedTextAndNumbersBeyondTheTolerance() {
    assertThat(PageComparison.differences("gap 9.816 nats, 95 % closer", "gap 9.816 nats, 95 % closer", 0.02)).isEmpty();
    assertThat(PageComparison.differences("gap 9.816 nats", "gap 9.900 nats", 0.02)).isEmpty();
    assertThat(PageComparison.differences("gap 9.816 nats", "gap 8.603 nats", 0.02)).contains("9.816").contains("8.603");
    assertThat(PageComparison.differences("95 % closer", "92 % closer", 0.02)).contains("95");
    assertThat(PageComparison.differences("gap 9.816 nats", "jensen 9.816 nats", 0.02)).contains("text");
    assertThat(PageComparison.differences("a 1 b 2", "a 1 b", 0.02)).contains("count");
    assertThat(PageComparison.differences("spread 0.003", "spread 0.004", 0.02)).as("near zero: absolute 0.02").isEmpty();
  }

  /** The two image measures of blur-vs-vq on an image whose answer is known by hand. */
  @Test
  void edgeErrorAndTotalVariationOfAKnownEdge() {
    float[] y = new float[784];
    for (int i = 0; i < 28; i++) {
      for (int j = 14; j < 28; j++) {
        y[i * 28 + j] = 1f; // one vertical edge: 28 unit steps
      }
    }
    float[] grey = new float[784];
    java.util.Arrays.fill(grey, 0.5f);
    assertThat(BlurVsVq.totalVariation(y, 1)).isEqualTo(28.0);
    assertThat(BlurVsVq.totalVariation(grey, 1)).isZero();
    // the flat image misses the 28 unit steps among 2 · 28 · 27 neighbour pairs
    assertThat(BlurVsVq.edgeError(grey, y, 1)).isCloseTo(28.0 / (2 * 28 * 27), within(1e-12));
    assertThat(BlurVsVq.edgeError(y, y, 1)).isZero();
    assertThat(BlurVsVq.squaredError(grey, y, 1)).isCloseTo(0.25, within(1e-12));
  }
}
