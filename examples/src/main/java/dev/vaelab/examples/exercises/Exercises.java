package dev.vaelab.examples.exercises;

import dev.vaelab.core.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The course exercises, in the order of the issue, and the writer of their docs pages. */
public final class Exercises {
  private Exercises() {}

  /** All exercises. */
  public static List<Exercise> all() {
    return List.of(
        new MarginalTable(), new MonteCarloPi(), new ImportanceSampling(), new ElboIdentity(), new GaussianKl(),
        new Reparameterisation(), new KlDirection(), new Gmm1d(), new EntropyIdentity(), new Latent2d(), new Interpolation(), new BlurVsVq());
  }

  /** The exercise with this name. */
  public static Exercise named(String name) {
    return all().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(
            "unknown exercise '" + name + "'; available: " + all().stream().map(Exercise::name).toList()));
  }

  /** Runs exercises into {@code dir}, returning their results by name. */
  public static Map<String, ExerciseResult> run(List<Exercise> exercises, Path dir, PrintStream out) {
    Map<String, ExerciseResult> results = new LinkedHashMap<>();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    for (Exercise e : exercises) {
      if (out != null) {
        out.println("== " + e.name() + ": " + e.summary());
      }
      results.put(e.name(), e.run(dir, out));
    }
    return results;
  }

  /**
   * Writes one markdown page per exercise (its printed numbers and figures, as produced by this run)
   * and an index into {@code docsDir}; figures are copied from {@code figuresDir}.
   */
  public static void writeDocs(Map<String, ExerciseResult> results, Path figuresDir, Path docsDir) {
    StringBuilder notes = new StringBuilder();
    for (LectureNote n : LectureNote.values()) {
      notes.append("- **").append(n.key()).append("**: ").append(n.citation()).append("\n");
    }
    StringBuilder index = new StringBuilder("# Exercises\n\nThe computations and claims of five lecture notes on variational auto-encoders, run by the code:\n\n"
        + notes + "\nEvery page below is written by `vaelab exercises all --docs docs/exercises`: the numbers and figures are\n"
        + "what the current code printed, not typed by hand.\n\n| exercise | what it shows |\n|---|---|\n");
    try {
      Files.createDirectories(docsDir);
      for (Exercise e : all()) {
        ExerciseResult r = results.get(e.name());
        if (r == null) {
          continue;
        }
        index.append("| [").append(e.name()).append("](").append(e.name()).append(".md) | ").append(e.summary()).append(" |\n");
        StringBuilder page = new StringBuilder("# ").append(e.name()).append("\n\n").append(e.summary()).append(".\n\n")
            .append("From the lecture notes: ").append(String.join("; ", e.sources().stream().map(LectureNote.Source::toString).toList()))
            .append(" (").append(String.join("; ", e.sources().stream().map(x -> x.note()).distinct().map(LectureNote::citation).toList()))
            .append(").\n\n")
            .append("Run it: `./vaelab exercises ").append(e.name()).append("` (code: `dev.vaelab.examples.exercises.")
            .append(e.getClass().getSimpleName()).append("`).\n\n```\n");
        r.report().forEach(l -> page.append(l).append('\n'));
        page.append("```\n");
        if (!r.discrepancies().isEmpty()) {
          page.append("\n**Where the notes and the computation differ:**\n\n");
          r.discrepancies().forEach(d -> page.append("- ").append(d).append('\n'));
        }
        for (String f : r.figures()) {
          Files.copy(figuresDir.resolve(f), docsDir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
          page.append("\n![").append(f).append("](").append(f).append(")\n");
        }
        AtomicFiles.writeString(docsDir.resolve(e.name() + ".md"), page.toString());
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write exercise docs into " + docsDir, ex);
    }
    AtomicFiles.writeString(docsDir.resolve("README.md"), index.toString());
    AtomicFiles.writeString(docsDir.resolve(GENERATED_ON), machineSignature() + "\n");
  }

  /** File in the docs folder naming the machine the pages were written on ({@link #machineSignature}). */
  public static final String GENERATED_ON = ".generated-on";

  /**
   * The CPU model and its vector extensions (from /proc/cpuinfo; "unknown" elsewhere) and the native TensorFlow
   * version: the exercises that train a network reproduce their numbers bit for bit on a machine with the same
   * signature, while TensorFlow's kernels round differently on other vector units and in other versions.
   */
  public static String machineSignature() {
    try {
      java.util.List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      String model = lines.stream().filter(l -> l.startsWith("model name")).findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())
          .orElse("unknown");
      String flags = lines.stream().filter(l -> l.startsWith("flags")).findFirst().map(l -> l.substring(l.indexOf(':') + 1)).orElse("");
      java.util.TreeSet<String> vector = new java.util.TreeSet<>();
      for (String f : flags.trim().split("\\s+")) {
        if (f.startsWith("avx") || f.equals("fma") || f.startsWith("sse4") || f.startsWith("amx")) {
          vector.add(f);
        }
      }
      return model + " | " + String.join(" ", vector) + " | tensorflow " + org.tensorflow.TensorFlow.version();
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
