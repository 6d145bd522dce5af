package dev.vaelab.lab;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.Sizes;
import dev.vaelab.lab.run.Summary;
import dev.vaelab.lab.score.Encoding;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    try (RunFolder folder = RunFolder.create(out, overwrite, w -> log.println("warning: " + w))) {
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
      if (epochs != null) {
        if (spec.training() == null) {
          throw new IllegalArgumentException("--epochs: model " + spec.family().name() + " is not trained in epochs");
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
      Map<String, Object> results = spec.family().evaluate(spec, folder, request, log);
      Map<String, Object> settings = new LinkedHashMap<>(request.toMap());
      folder.recordEvaluation(settings, results);
      return Summary.of(results);
    }
  }

  /**
   * Exports a run's model into the new folder {@code out} (refused when it exists, unless {@code
   * overwrite}): written into a temporary sibling folder and renamed, so a failed export leaves
   * nothing half-written; {@code config.json} goes along.
   *
   * @return what was written
   */
  public static String encode(Path dir, String data, Path out, String split, PrintStream log) {
    try (RunFolder folder = RunFolder.read(dir)) {
      refuseRunFile(dir, out);
      RunSpec spec = folder.spec();
      DataSettings d = data == null ? spec.data() : spec.data().withData(data);
      Encoding e = spec.family().encode(spec, folder, d, log);
      int rows = e.write(out, split);
      return rows + " rows of " + e.width() + " values (" + e.kind() + "1.." + e.kind() + e.width() + ")"
          + (e.trainLabels() != null || e.testLabels() != null ? " with labels" : "");
    }
  }

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
      if (java.nio.file.Files.exists(out) && RunFolder.isRun(out) && java.util.stream.Stream.of(RunFolder.CHECKPOINTS, RunFolder.SUMMARY,
          "metrics.csv", "trace.csv").anyMatch(f -> java.nio.file.Files.exists(out.resolve(f)))) {
        throw new IllegalArgumentException("--out " + out + " holds a run, not an exported model: an export never replaces a run,"
            + " --overwrite or not; choose a new folder");
      }
      if (java.nio.file.Files.exists(out) && !overwrite) {
        throw new IllegalArgumentException("--out " + out + " exists; choose a new folder or give --overwrite");
      }
      if (java.nio.file.Files.exists(out) && !java.nio.file.Files.isRegularFile(out.resolve(RunFolder.CONFIG))) {
        throw new IllegalArgumentException("--out " + out + " exists and is not an exported model (no config.json): it is never"
            + " deleted, --overwrite or not; choose a new folder");
      }
      Path parent = out.toAbsolutePath().getParent();
      java.nio.file.Files.createDirectories(parent);
      Path tmp = dev.vaelab.core.io.AtomicFiles.createTemporaryDirectory(parent, "." + out.getFileName() + "-");
      try {
        String what = spec.family().export(spec, folder, tmp, log);
        dev.vaelab.core.io.AtomicFiles.writeString(tmp.resolve(RunFolder.CONFIG), spec.toJson() + "\n");
        if (java.nio.file.Files.exists(out)) {
          dev.vaelab.core.io.AtomicFiles.deleteRecursively(out);
        }
        java.nio.file.Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return what;
      } finally {
        if (java.nio.file.Files.exists(tmp)) {
          dev.vaelab.core.io.AtomicFiles.deleteRecursively(tmp);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot export to " + out + ": " + e.getMessage(), e);
    }
  }


  /** The files a run writes for itself: an output of evaluate, encode or sample never replaces one. */
  private static final java.util.Set<String> RUN_FILES = java.util.Set.of(RunFolder.CONFIG, RunFolder.SUMMARY, RunFolder.EVALUATIONS,
      "metrics.csv", "metrics.json", "trace.csv", "decomposition.csv", "mixture.json", "pca.json", "samples.png", "samples.csv",
      "reconstructions.png", "interpolations.png", "latents.png", "fit-1d.png", "samples-independent.png");
  private static final java.util.Set<String> RUN_FOLDERS = java.util.Set.of(RunFolder.CHECKPOINTS, RunFolder.TENSORBOARD, "code-prior");

  /** Refuses an output path that is one of the run's own files, or inside one of its folders. */
  static void refuseRunFile(Path dir, Path out) {
    if (out == null) {
      return;
    }
    Path run = dir.toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    if (!target.startsWith(run) || target.equals(run)) {
      if (target.equals(run)) {
        throw new IllegalArgumentException("--out " + out + " is the run folder itself; name a file");
      }
      return;
    }
    Path rel = run.relativize(target);
    String first = rel.getName(0).toString();
    if ((rel.getNameCount() == 1 && RUN_FILES.contains(first)) || RUN_FOLDERS.contains(first)) {
      throw new IllegalArgumentException("--out " + out + " is the run's own " + rel + "; it is never replaced: choose another file");
    }
  }

  /** Writes {@code n} new ancestral samples drawn with {@code seed}; {@code out} null: a file in the run folder. */
  public static Path sample(Path dir, int n, long seed, Path out, PrintStream log) {
    return sample(dir, ModelFamily.SampleRequest.prior(n, seed), out, log);
  }

  /** Writes the samples asked for; {@code out} null: a file in the run folder. */
  public static Path sample(Path dir, ModelFamily.SampleRequest request, Path out, PrintStream log) {
    try (RunFolder folder = RunFolder.read(dir)) {
      RunSpec spec = folder.spec();
      Sizes.checkBlock("-n " + request.n(), request.n(), spec.shape().size(), "samples");
      String own = spec.family().sampleFileName(spec, request.seed());
      if (out != null) {
        refuseRunFile(dir, out);
        String want = own.substring(own.lastIndexOf('.'));
        if (!out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(want)) {
          throw new IllegalArgumentException("--out " + out + ": the samples of this run are written as " + want.substring(1).toUpperCase(java.util.Locale.ROOT)
              + (want.equals(".png") ? " (an image grid)" : " (rows of values)") + "; name a " + want + " file");
        }
      }
      Path file = out != null ? out : folder.file(own);
      return spec.family().sample(spec, folder, request, file, log);
    }
  }
}
