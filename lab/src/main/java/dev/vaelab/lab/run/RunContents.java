package dev.vaelab.lab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which entries of a folder belong to a run: the files and folders vaelab writes into a run
 * folder, and nothing else. {@code --overwrite} deletes exactly these (and keeps every other file,
 * with a warning); an output of {@code encode}, {@code sample} or {@code evaluate} may never be one
 * of them.
 */
public final class RunContents {
  private RunContents() {}

  /** The files a run writes for itself. */
  public static final Set<String> FILES = Set.of(RunManifest.RUN_FILE, RunFolder.CONFIG, RunFolder.SUMMARY,
      RunFolder.EVALUATIONS, "metrics.csv", "metrics.json", "trace.csv", "decomposition.csv", "mixture.json", "pca.json",
      "samples.png", "samples.csv", "reconstructions.png", "interpolations.png", "traversals.png", "latents.png", "fit-1d.png",
      "samples-independent.png", RunLock.FILE, ".evaluations.lock");

  /** The folders a run writes for itself. */
  public static final Set<String> FOLDERS = Set.of(RunFolder.CHECKPOINTS, RunFolder.TENSORBOARD, "code-prior");

  /** Sample sets {@code vaelab sample} writes into the run folder by default ({@code samples-SEED.png|csv}). */
  private static final Pattern SAMPLE_SETS = Pattern.compile("samples-(-?\\d+)\\.(png|csv)");

  /** An atomic writer's temporary file of one of the run's files ({@code .NAME-NNNN.tmp}). */
  private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)-\\d+\\.tmp");

  /** Whether {@code name}, an entry directly in a run folder, is one of the run's own. */
  public static boolean isOwn(String name) {
    if (FILES.contains(name) || FOLDERS.contains(name) || SAMPLE_SETS.matcher(name).matches()) {
      return true;
    }
    var m = TEMPORARY.matcher(name);
    return m.matches() && (FILES.contains(m.group(1)) || SAMPLE_SETS.matcher(m.group(1)).matches());
  }

  /**
   * Whether {@code dir} is a run folder of a version before the mark ({@value RunManifest#RUN_FILE}):
   * its config.json reads as a run's settings <em>and</em> it holds what every such run wrote once
   * it had started — a metrics file ({@code metrics.csv}, or the mixture's {@code trace.csv}) or a
   * finished run's summary or model ({@code summary.json}, {@code checkpoint/}, {@code mixture.json}).
   * A config.json alone never makes a run.
   */
  public static boolean isLegacyRun(Path dir) {
    if (!Files.isRegularFile(dir.resolve(RunFolder.CONFIG))) {
      return false;
    }
    boolean written = Stream.of("metrics.csv", "trace.csv", RunFolder.SUMMARY, "mixture.json")
        .anyMatch(f -> Files.isRegularFile(dir.resolve(f))) || Files.isDirectory(dir.resolve(RunFolder.CHECKPOINTS));
    if (!written) {
      return false;
    }
    try {
      RunSpec.read(dir.resolve(RunFolder.CONFIG));
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The entries of {@code dir} (sorted), without the run's lock file. */
  static List<Path> entries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().equals(RunLock.FILE)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /**
   * Refuses an output path that is one of the run's own files, or inside one of its folders, or the
   * run folder itself.
   *
   * @param option the option that named the output, for the message ({@code --out})
   */
  public static void refuseOwn(Path runDir, Path out, String option) {
    if (out == null) {
      return;
    }
    Path run = runDir.toAbsolutePath().normalize();
    Path target = out.toAbsolutePath().normalize();
    if (target.equals(run)) {
      throw new IllegalArgumentException(option + " " + out + " is the run folder itself; name a file");
    }
    if (!target.startsWith(run)) {
      return;
    }
    Path rel = run.relativize(target);
    String first = rel.getName(0).toString();
    if ((rel.getNameCount() == 1 && isOwn(first)) || FOLDERS.contains(first)) {
      throw new IllegalArgumentException(option + " " + out + " is the run's own " + rel + "; it is never replaced: choose another file");
    }
  }
}
