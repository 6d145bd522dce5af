package dev.vaelab.lab;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.OutputClaim;
import dev.vaelab.lab.run.RunContents;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunManifest;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.Sizes;
import dev.vaelab.lab.run.Summary;
import dev.vaelab.lab.score.Encoding;
import dev.vaelab.lab.score.MetricNames;
import dev.vaelab.lab.stage.RunSampleMetrics;
import dev.vaelab.lab.score.RepresentationScores;

import dev.vaelab.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lab's verbs on run folders — train, continue, evaluate, sample — for any registered model
 * family: what {@code vaelab train | evaluate | sample} run, callable from code.
 */
public final class Lab {
  private Lab() {}

  /**
   * Trains a new run into {@code out}: refused when {@code out} already holds a run, unless {@code
   * overwrite} (which clears it first); the folder is locked while the run writes it.
   *
   * @return the run's summary
   */
  public static Summary train(RunSpec spec, Path out, boolean overwrite, PrintStream log) {
    try (RunFolder folder = RunFolder.create(out, spec.family().name(), overwrite, w -> log.println("warning: " + w))) {
      return Summary.of(spec.family().train(spec, folder, false, log));
    }
  }

  /**
   * Continues the run in {@code dir} from its newest usable checkpoint, up to {@code epochs} epochs
   * in all (null: the epochs of its config.json; a larger number extends a finished run).
   */
  public static Summary resume(Path dir, Integer epochs, PrintStream log) {
    try (RunFolder folder = RunFolder.resume(dir, w -> log.println("warning: " + w))) {
      RunSpec spec = folder.spec();
      DataSource.requireUnchanged(spec.data(), spec.read(),
          "the checkpoints were trained on the data as they were: restore them, or train a new run on the new data (another --out)");
      if (epochs != null) {
        if (spec.training() == null) {
          throw new IllegalArgumentException("--epochs: model " + spec.family().name() + " is not trained in epochs");
        }
        long done = dev.vaelab.core.graph.Checkpoints.candidates(folder.checkpoints()).stream()
            .mapToLong(dev.vaelab.core.graph.Checkpoints::epochOf).max().orElse(0);
        if (epochs < done) {
          throw new IllegalArgumentException("--epochs " + epochs + ": the run has trained " + done + " epochs already (checkpoint of epoch "
              + done + "); give --epochs " + done + " or more to continue it, or train a new run");
        }
        if (epochs != spec.training().epochs()) {
          spec = spec.withTraining(spec.training().with("epochs", epochs));
          folder.writeSpec(spec);
          log.printf("%s: epochs set to %d%n", folder.file(RunFolder.CONFIG), epochs);
        }
      }
      return Summary.of(spec.family().train(spec, folder, true, log));
    }
  }

  /**
   * Recomputes a run's test numbers in this process and appends them, with the settings asked
   * for, to the run's {@code evaluations.json} (earlier results are kept).
   */
  public static Summary evaluate(Path dir, ModelFamily.EvaluationRequest request, PrintStream log) {
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      if (request.nllK() > 0) {
        Sizes.checkImportanceSamples("--nll " + request.nllK(), request.nllK(), request.nllExamples() > 0 ? request.nllExamples() : Integer.MAX_VALUE,
            dev.vaelab.core.eval.ImportanceSampledLogLikelihood.DEFAULT_BATCH);
      }
      DataSource.requireUnchanged(spec.data(), spec.read(), "its test numbers would be of other data than it was trained on;"
          + " restore the data, or train a new run");
      List<String> all = MetricNames.parse(request.metrics());
      List<String> metrics = MetricNames.representation(all);
      List<String> sampleMetrics = MetricNames.sample(all);
      List<String> factorMetrics = MetricNames.disentanglement(all);
      if (!factorMetrics.isEmpty()) {
        dev.vaelab.lab.stage.DisentanglementScores.grid(spec, factorMetrics); // refused before any work on data without factors
      }
      if (!sampleMetrics.isEmpty()) {
        Sizes.checkFloats("--samples " + request.samples(), request.samples(), spec.shape().size(), "samples");
        if (!request.dumpFeatures().isEmpty()) {
          Path dump = Path.of(request.dumpFeatures());
          RunContents.refuseOwn(dir, dump, "--dump-features");
          if (Files.exists(dump) && (!Files.isDirectory(dump) || !isEmpty(dump))) {
            throw new IllegalArgumentException("--dump-features " + dump + " exists" + (Files.isDirectory(dump) ? " and is not empty" : " and is a file")
                + "; name a new folder");
          }
        }
      }
      Map<String, Object> results = new LinkedHashMap<>(spec.family().evaluate(spec, folder, request, log));
      if (!metrics.isEmpty()) { // on what encode writes: E[z|y] (or responsibilities) of both splits, with the labels
        Encoding e = spec.family().representation(spec, folder, spec.data(), log);
        results.putAll(RepresentationScores.compute(e, metrics, request.seed()));
      }
      if (!sampleMetrics.isEmpty()) { // samples of every sampler and reconstructions against the test split, with the floor
        results.putAll(RunSampleMetrics.compute(spec, folder, sampleMetrics, request.samples(), request.seed(), request, log));
      }
      if (!factorMetrics.isEmpty()) { // observations of the factor grid, rendered and encoded
        results.putAll(dev.vaelab.lab.stage.DisentanglementScores.compute(spec, folder, factorMetrics, 1.0, request.seed(), log));
      }
      Map<String, Object> settings = new LinkedHashMap<>(request.toMap());
      folder.recordEvaluation(settings, results);
      return Summary.of(results);
    }
  }

  /**
   * The representation metrics {@code metrics} ({@code probe,knn,cluster}, see {@link RepresentationScores}) of the run in
   * {@code dir}, on its encoding of its own data, appended to its {@code evaluations.json} with the settings — what
   * {@code evaluate --metrics} adds, without recomputing the test numbers.
   */
  public static Summary representation(Path dir, String metrics, long seed, PrintStream log) {
    List<String> which = RepresentationScores.parse(metrics);
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      DataSource.requireUnchanged(spec.data(), spec.read(), "its latents would be of other data than it was trained on;"
          + " restore the data, or train a new run");
      Map<String, Object> results = RepresentationScores.compute(spec.family().representation(spec, folder, spec.data(), log), which, seed);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("seed", seed);
      settings.put("metrics", String.join(",", which));
      folder.recordEvaluation(settings, results);
      return Summary.of(results);
    }
  }

  /**
   * The sample-quality metrics {@code metrics} ({@code fd,kid,pr}, see {@link dev.vaelab.lab.score.SampleScores}) and the
   * disentanglement metrics ({@code mig,dci,sap,factorvae,betavae}, on data with known factors) of the run
   * in {@code dir} on {@code samples} rows of each of its sample sets, in its data's default feature space, appended to its
   * {@code evaluations.json} with the settings — what {@code evaluate --metrics fd,kid,pr --samples N} adds, without
   * recomputing the test numbers.
   */
  public static Summary sampleQuality(Path dir, String metrics, int samples, long seed, PrintStream log) {
    List<String> which = MetricNames.parse(metrics);
    if (!MetricNames.representation(which).isEmpty()) {
      throw new IllegalArgumentException("--metrics " + String.join(",", MetricNames.representation(which)) + ": only the sample-quality metrics "
          + dev.vaelab.lab.score.SampleScores.NAMES + " and the disentanglement metrics " + dev.vaelab.metrics.Disentanglement.NAMES + " apply here");
    }
    List<String> factorMetrics = MetricNames.disentanglement(which);
    which = MetricNames.sample(which);
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      DataSource.requireUnchanged(spec.data(), spec.read(), "its samples would be compared with other data than it was trained on;"
          + " restore the data, or train a new run");
      if (!factorMetrics.isEmpty()) {
        dev.vaelab.lab.stage.DisentanglementScores.grid(spec, factorMetrics);
      }
      Sizes.checkFloats("--samples " + samples, samples, spec.shape().size(), "samples");
      Map<String, Object> results = new LinkedHashMap<>(RunSampleMetrics.compute(spec, folder, which, samples, seed, null, log));
      results.putAll(dev.vaelab.lab.stage.DisentanglementScores.compute(spec, folder, factorMetrics, 1.0, seed, log));
      List<String> asked = new java.util.ArrayList<>(which);
      asked.addAll(factorMetrics);
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("seed", seed);
      settings.put("metrics", String.join(",", asked));
      settings.put("samples", samples);
      folder.recordEvaluation(settings, results);
      return Summary.of(results);
    }
  }

  /**
   * Writes the run's encodings of its data (or of {@code data}) to {@code out}: refused when {@code
   * out} exists (unless {@code overwrite}), is one of the run's own files, or is being written by
   * another command; its companion file ({@code NAME.labels.npy}) is written or removed with it.
   *
   * @return what was written
   */
  public static String encode(Path dir, String data, Path out, String split, boolean overwrite, PrintStream log) {
    try (RunFolder folder = RunFolder.read(dir); OutputClaim claim = OutputClaim.claim(out, "--out", overwrite, dir, false)) {
      RunSpec spec = folder.spec();
      if (data == null) {
        DataSource.requireUnchanged(spec.data(), spec.read(), "give --data to encode other data on purpose, or restore the run's data");
      }
      DataSettings d = data == null ? spec.data() : spec.data().withData(data);
      Encoding e = spec.family().encode(spec, folder, d, log);
      int rows = e.write(out, split);
      return rows + " rows of " + e.width() + " values (" + e.kind() + "1.." + e.kind() + e.width() + ")"
          + (e.trainLabels() != null || e.testLabels() != null ? " with labels" : "");
    }
  }

  /**
   * Exports a run's model into the new folder {@code out}, marked as an export ({@value
   * RunManifest#EXPORT_FILE}, naming the run): written into a temporary sibling folder and renamed,
   * so a failed export leaves nothing half-written; {@code config.json} goes along. Refused when
   * {@code out} is the run, inside it or holds it; when it holds any run ({@code --overwrite} or
   * not); when it exists and is not an earlier export (never deleted); when it exists and {@code
   * overwrite} is not given; and when another command is writing it.
   *
   * @return what was written
   */
  public static String export(Path dir, Path out, boolean overwrite, PrintStream log) {
    if (out == null || out.toString().isBlank()) {
      throw new IllegalArgumentException("--out must name a folder for the exported model, got an empty path");
    }
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      Path run = dir.toAbsolutePath().normalize();
      Path target = out.toAbsolutePath().normalize();
      if (target.startsWith(run) || run.startsWith(target)) {
        throw new IllegalArgumentException("--out " + out + (target.equals(run) ? " is the run folder " : target.startsWith(run)
            ? " is inside the run folder " : " holds the run folder ") + dir + " itself; an export goes to a folder of its own");
      }
      try (OutputClaim claim = OutputClaim.claim(out, "--out", true, null, true)) {
        if (Files.exists(out)) {
          if (RunFolder.isRun(out) || RunManifest.readRun(out).isPresent()) {
            throw new IllegalArgumentException("--out " + out + " holds a run, not an exported model: an export never replaces a run,"
                + " --overwrite or not; choose a new folder");
          }
          if (!isExport(out)) {
            throw new IllegalArgumentException("--out " + out + " exists and is not an exported model (no " + RunManifest.EXPORT_FILE
                + "): it is never deleted, --overwrite or not; choose a new folder");
          }
          if (!overwrite) {
            throw new IllegalArgumentException("--out " + out + " exists and holds an earlier export; choose a new folder or give --overwrite to replace it");
          }
        }
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = AtomicFiles.createTemporaryDirectory(parent, "." + target.getFileName() + "-");
        try {
          RunManifest.newExport(dir, spec.family().name()).write(tmp);
          String what = spec.family().export(spec, folder, tmp, log);
          AtomicFiles.writeString(tmp.resolve(RunFolder.CONFIG), spec.toJson() + "\n");
          if (Files.exists(out)) {
            AtomicFiles.deleteRecursively(out);
          }
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          return what;
        } finally {
          if (Files.exists(tmp)) {
            AtomicFiles.deleteRecursively(tmp);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot export to " + out + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether {@code dir} is an exported model: it carries an export's mark, or — an export of a
   * version before the mark — a config.json beside a SavedModel or a mixture and nothing of a run.
   */
  static boolean isExport(Path dir) {
    if (RunManifest.readExport(dir).isPresent()) {
      return true;
    }
    return Files.isRegularFile(dir.resolve(RunFolder.CONFIG))
        && (Files.isRegularFile(dir.resolve("saved_model.pb")) || Files.isRegularFile(dir.resolve("mixture.json")))
        && !Files.exists(dir.resolve(RunFolder.CHECKPOINTS)) && !Files.exists(dir.resolve("metrics.csv"))
        && !Files.exists(dir.resolve(RunFolder.SUMMARY));
  }

  /** Writes {@code n} new ancestral samples drawn with {@code seed}; {@code out} null: a file in the run folder. */
  public static Path sample(Path dir, int n, long seed, Path out, PrintStream log) {
    return sample(dir, ModelFamily.SampleRequest.prior(n, seed), out, false, log);
  }

  /**
   * Writes the samples asked for to {@code out} (null: {@code samples-SEED.png|csv} in the run
   * folder). The format is the run's (an image grid for images, CSV rows otherwise) and {@code out}
   * must carry its extension; an existing file is replaced only with {@code overwrite}; the run's
   * other files never.
   */
  public static Path sample(Path dir, ModelFamily.SampleRequest request, Path out, boolean overwrite, PrintStream log) {
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      Sizes.checkFloats("-n " + request.n(), request.n(), spec.shape().size(), "samples");
      String own = spec.family().sampleFileName(spec, request.seed());
      if (out != null) {
        RunContents.refuseOwn(dir, out, "--out");
        String want = own.substring(own.lastIndexOf('.'));
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(want)) {
          throw new IllegalArgumentException("--out " + out + ": the samples of this run are written as " + want.substring(1).toUpperCase(Locale.ROOT)
              + (want.equals(".png") ? " (an image grid)" : " (rows of values)") + "; name a " + want + " file");
        }
      }
      Path file = out != null ? out : folder.file(own);
      try (OutputClaim claim = OutputClaim.claim(file, out != null ? "--out" : "the sample file", overwrite, out != null ? dir : null, false)) {
        return spec.family().sample(spec, folder, request, file, log);
      }
    }
  }
}
