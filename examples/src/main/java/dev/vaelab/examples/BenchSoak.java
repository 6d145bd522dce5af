package dev.vaelab.examples;

import dev.vaelab.core.data.Dataset;
import dev.vaelab.core.data.FashionMnist;
import dev.vaelab.core.eval.Evaluator;
import dev.vaelab.core.graph.ModelGraph;
import dev.vaelab.core.objective.Elbo;
import dev.vaelab.core.train.EpochMetrics;
import dev.vaelab.core.train.Trainer;
import dev.vaelab.core.train.TrainerConfig;
import dev.vaelab.core.train.TrainingListener;
import dev.vaelab.gaussian.GaussianVae;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Soak benchmark: trains the default Gaussian VAE for at least {@code steps} steps on the embedded
 * slice, sampling the process's resident memory (VmRSS) after every epoch; then restores the model in
 * a fresh graph and runs {@code calls} evaluate + sample calls, sampling the RSS every 50 calls.
 * Flat memory after warm-up shows every Tensor and Result is closed.
 */
public final class BenchSoak {
  private BenchSoak() {}

  public static Map<String, Object> run(int steps, int calls, Path work, PrintStream log) {
    return run(steps, calls, work, log, true);
  }

  /** @param checkpointEveryEpoch write a checkpoint after every epoch (as training runs do) */
  public static Map<String, Object> run(int steps, int calls, Path work, PrintStream log, boolean checkpointEveryEpoch) {
    Dataset train = FashionMnist.loadEmbedded(FashionMnist.Split.TRAIN).binarized(0.5);
    Dataset test = FashionMnist.loadEmbedded(FashionMnist.Split.TEST).head(200).binarized(0.5);
    int stepsPerEpoch = (train.size() + 127) / 128;
    int epochs = (steps + stepsPerEpoch - 1) / stepsPerEpoch;
    List<Long> trainRss = new ArrayList<>();
    List<Long> trainSteps = new ArrayList<>();
    Path ckpt = work.resolve("soak-checkpoint");
    long t0 = System.nanoTime();
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      Trainer t = new Trainer(g, TrainerConfig.defaults(), checkpointEveryEpoch ? ckpt : null);
      t.fit(train, null, epochs, List.of(new TrainingListener() {
        @Override
        public void onEpochEnd(EpochMetrics m) {
          trainRss.add(rssKb());
          trainSteps.add(m.steps());
          if (m.epoch() % 20 == 0) {
            log.printf("soak: step %d, RSS %d MB%n", m.steps(), rssKb() / 1024);
          }
        }
      }));
      if (!checkpointEveryEpoch) {
        g.save(ckpt, epochs);
      }
    }
    double trainSecs = (System.nanoTime() - t0) / 1e9;
    List<Long> callRss = new ArrayList<>();
    try (ModelGraph g = ModelGraph.build(GaussianVae.builder().build(), Elbo.standard(), 0)) {
      g.restore(ckpt);
      for (int i = 1; i <= calls; i++) {
        Evaluator.evaluate(g, test, 100);
        g.sample(16);
        if (i % 50 == 0) {
          callRss.add(rssKb());
        }
      }
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("benchmark", "soak");
    r.put("checkpoint_every_epoch", checkpointEveryEpoch);
    r.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    r.put("train_steps", trainSteps.isEmpty() ? 0 : trainSteps.get(trainSteps.size() - 1));
    r.put("train_seconds", Math.round(trainSecs * 10) / 10.0);
    r.put("train_rss_mb_per_epoch", trainRss.stream().map(v -> v / 1024).toList());
    r.put("train_rss_mb_after_warmup_min_max", minMax(trainRss.subList(Math.min(5, trainRss.size()), trainRss.size())));
    r.put("eval_sample_calls", calls);
    r.put("eval_rss_mb_every_50_calls", callRss.stream().map(v -> v / 1024).toList());
    r.put("eval_rss_mb_after_warmup_min_max", minMax(callRss.subList(Math.min(2, callRss.size()), callRss.size())));
    return r;
  }

  private static List<Long> minMax(List<Long> kb) {
    if (kb.isEmpty()) {
      return List.of();
    }
    return List.of(kb.stream().mapToLong(Long::longValue).min().orElseThrow() / 1024, kb.stream().mapToLong(Long::longValue).max().orElseThrow() / 1024);
  }

  /** Resident set size of this process in kB (Linux), or -1. */
  static long rssKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
