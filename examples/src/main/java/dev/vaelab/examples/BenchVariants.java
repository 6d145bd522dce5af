package dev.vaelab.examples;

import dev.vaelab.lab.Lab;
import dev.vaelab.lab.run.RunSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vaelab bench variants --variants LIST [--epochs N]}: the training speed of compare's named variants against the
 * B1 network ({@code vae}, trained first in the same process) — each variant trained N epochs (default 3) on the same
 * data through the lab, without the test log-likelihood, in a temporary run folder; one JSON line with, for each
 * variant, its parameter count, its seconds per epoch (median over the epochs; the per-epoch test evaluation excluded,
 * as in B1) and their ratio to {@code vae}'s.
 */
public final class BenchVariants {
  /** The reference every variant's time is divided by: the B1 network (784-400-20, Adam 10⁻³, batch 128). */
  public static final String REFERENCE = "vae";
  /** Epochs when {@code --epochs} is 0. */
  public static final int DEFAULT_EPOCHS = 3;

  private BenchVariants() {}

  public static Map<String, Object> run(String data, List<String> variants, int epochs, long seed, int trainLimit, PrintStream log) {
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("bench variants: give --variants, e.g. vae-planar,vae-iaf,ladder-vae,wae,info-vae,rae");
    }
    int n = epochs > 0 ? epochs : DEFAULT_EPOCHS;
    List<String> names = new ArrayList<>();
    names.add(REFERENCE);
    variants.stream().filter(v -> !v.equals(REFERENCE) && !names.contains(v)).forEach(names::add);
    Experiment e = Experiment.standard(names, new Experiment.Shared(data, n, 0, 1, trainLimit, 0), List.of(seed));
    List<Map<String, Object>> rows = new ArrayList<>();
    double reference = Double.NaN;
    Path tmp;
    try {
      tmp = Files.createTempDirectory("vaelab-bench-variants");
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    try {
      for (Experiment.Variant v : e.variants()) {
        RunSpec spec = e.runSpec(v, seed);
        log.println("== " + v.name());
        Map<String, Object> s = Lab.train(spec, tmp.resolve(v.name()), false, log).toMap();
        double secs = ((Number) s.get("seconds_per_epoch")).doubleValue();
        if (v.name().equals(REFERENCE)) {
          reference = secs;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("variant", v.name());
        row.put("model", spec.family().name());
        row.put("params", s.get("parameters"));
        row.put("sec_per_epoch_median", Math.round(secs * 1e4) / 1e4);
        row.put("ratio_to_" + REFERENCE, round(secs / reference));
        rows.add(row);
      }
    } finally {
      deleteQuietly(tmp);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "variant_speed");
    r.put("dataset", data);
    r.put("train_limit", trainLimit);
    r.put("epochs", n);
    r.put("seed", seed);
    r.put("reference", REFERENCE);
    r.put("variants", rows);
    return r;
  }

  private static void deleteQuietly(Path dir) {
    try {
      dev.vaelab.core.io.AtomicFiles.deleteRecursively(dir);
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
