package dev.vaelab.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vaelab.core.train.DataParallelStep.Optimizer;
import dev.vaelab.lab.score.ModelInputs;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.spark.SparkDataParallel.Settings;
import dev.vaelab.spark.SparkDataParallel.Sync;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel training in barrier mode (local[2]): two workers on the halves of each batch against
 * one worker on the whole batch. The VQ-VAE with the codebook loss is used for the exact comparisons:
 * its encoder is deterministic, so no noise separates the two runs.
 */
class SparkDataParallelTest {
  static RunSpec spec(String json) {
    return RunSpec.parse(dev.vaelab.core.io.Json.parse(json, "test").getAsJsonObject(), "test", null);
  }

  static RunSpec vq(double learningRate) {
    return spec("{\"model\": \"vq-vae\", \"ema\": false, \"epochs\": 1, \"batch_size\": 32, \"learning_rate\": " + learningRate
        + ", \"train_limit\": 128, \"test_limit\": 10, \"nll_k\": 0, \"codebook_size\": 16, \"dead_code_threshold\": 0}");
  }

  static float[] rows(RunSpec spec) {
    ModelInputs in = spec.family().inputs(spec, spec.data());
    float[] f = new float[in.train().length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) in.train()[i];
    }
    return f;
  }

  /** The rows in the order one worker must see them to get, at step b, shard 0's b-th share then shard 1's. */
  static float[] interleaved(float[] x, int n, int d, int share) {
    float[] out = new float[x.length];
    int half = n / 2;
    int at = 0;
    for (int b = 0; b * share < half; b++) {
      for (int shard = 0; shard < 2; shard++) {
        for (int i = b * share; i < Math.min(half, (b + 1) * share); i++) {
          System.arraycopy(x, (shard * half + i) * d, out, at * d, d);
          at++;
        }
      }
    }
    return out;
  }

  /**
   * max |Δa − Δb| / max |Δb| over the parameters and Adam moments, Δ = the change from the common
   * initial state: how far two trainings' updates differ, relative to the updates themselves.
   */
  static double updateDifference(SparkDataParallel.Result a, SparkDataParallel.Result b) {
    assertThat(a.initialState()).isEqualTo(b.initialState());
    float[] s0 = a.initialState();
    float[] x = a.trained();
    float[] y = b.trained();
    double largest = 0;
    double diff = 0;
    for (int i = 0; i < x.length; i++) {
      largest = Math.max(largest, Math.abs(y[i] - s0[i]));
      diff = Math.max(diff, Math.abs(x[i] - y[i]));
    }
    assertThat(largest).as("training moved the parameters").isGreaterThan(1e-3);
    return diff / largest;
  }

  @Test
  void twoSgdWorkersOnTheHalvesOfEachBatchEndWithTheParametersOfOneWorkerOnTheWholeBatch() {
    RunSpec spec = vq(0.005);
    float[] x = rows(spec);
    float[] one = interleaved(x, 128, 784, 16);
    var jsc = LocalSpark.context();
    var single = SparkDataParallel.train(jsc, spec, one, 128, 784, new Settings(1, Sync.GRADIENTS, 1, Optimizer.SGD, false));
    var two = SparkDataParallel.train(jsc, spec, x, 128, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.SGD, false));
    assertThat(single.steps()).isEqualTo(4);
    assertThat(two.steps()).isEqualTo(4);
    // the two runs differ only in the order in which TensorFlow and the average sum the rows' gradients (float32 rounding);
    // 4 steps of 32 rows at learning rate 0.005
    assertThat(updateDifference(two, single)).isLessThan(1e-5); // measured 6.3e-7 (single-threaded kernels per task; 5.4e-7 with multi-threaded ones)
    assertThat(single.epochs().get(0).loss()).isCloseTo(two.epochs().get(0).loss(), org.assertj.core.api.Assertions.within(1e-4 * Math.abs(single.epochs().get(0).loss())));
  }

  @Test
  void withAdamTwoWorkersFollowOneWithinFloatTolerance() {
    RunSpec spec = vq(0.002);
    float[] x = rows(spec);
    var jsc = LocalSpark.context();
    var single = SparkDataParallel.train(jsc, spec, interleaved(x, 128, 784, 16), 128, 784, new Settings(1, Sync.GRADIENTS, 1, Optimizer.ADAM, false));
    var two = SparkDataParallel.train(jsc, spec, x, 128, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.ADAM, false));
    assertThat(updateDifference(two, single)).isLessThan(5e-4); // measured 2.5e-5: Adam divides by √v, which magnifies rounding in small gradients
  }

  @Test
  void averagingParametersEveryStepWithSgdIsAveragingGradients() {
    RunSpec spec = vq(0.005);
    float[] x = rows(spec);
    var jsc = LocalSpark.context();
    var grads = SparkDataParallel.train(jsc, spec, x, 128, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.SGD, false));
    var params = SparkDataParallel.train(jsc, spec, x, 128, 784, new Settings(2, Sync.PARAMETERS, 1, Optimizer.SGD, false));
    // θ − η (g₀ + g₁)/2 = ((θ − η g₀) + (θ − η g₁))/2 for equal shares
    assertThat(updateDifference(params, grads)).isLessThan(1e-6); // measured 8.4e-8
  }

  @Test
  void aGaussianVaeTrainsDataParallelWithAdamEitherWay() {
    RunSpec spec = spec("{\"model\": \"gaussian-vae\", \"epochs\": 3, \"batch_size\": 64, \"train_limit\": 1024, \"test_limit\": 10, \"nll_k\": 0,"
        + " \"hidden\": [64], \"latent\": 4}");
    float[] x = rows(spec);
    var jsc = LocalSpark.context();
    for (Settings s : new Settings[] {new Settings(2, Sync.GRADIENTS, 1, Optimizer.ADAM, true), new Settings(2, Sync.PARAMETERS, 4, Optimizer.ADAM, true)}) {
      var r = SparkDataParallel.train(jsc, spec, x, 1024, 784, s);
      assertThat(r.epochs()).hasSize(3);
      assertThat(r.steps()).isEqualTo(3 * 16);
      assertThat(r.epochs().get(0).rows()).isEqualTo(1024);
      assertThat(r.epochs().get(2).loss()).as(s.sync().name()).isLessThan(r.epochs().get(0).loss() - 5);
    }
  }

  @Test
  void aConditionalVaeTrainsWithEachRowsContextOnItsShard() {
    RunSpec spec = spec("{\"model\": \"cvae\", \"epochs\": 2, \"batch_size\": 64, \"train_limit\": 512, \"test_limit\": 10, \"nll_k\": 0,"
        + " \"hidden\": [32], \"latent\": 4}");
    ModelInputs in = spec.family().inputs(spec, spec.data());
    float[] x = rows(spec);
    float[] c = new float[in.trainContexts().length];
    for (int i = 0; i < c.length; i++) {
      c[i] = (float) in.trainContexts()[i];
    }
    var r = SparkDataParallel.train(LocalSpark.context(), spec, x, c, 512, 784, 10, new Settings(2, Sync.GRADIENTS, 1, Optimizer.ADAM, true));
    assertThat(r.steps()).isEqualTo(2 * 8);
    assertThat(r.epochs().get(1).loss()).isLessThan(r.epochs().get(0).loss());
    assertThatThrownBy(() -> SparkDataParallel.train(LocalSpark.context(), spec, x, 512, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.ADAM, true)))
        .hasStackTraceContaining("is conditional: give each row's context");
  }

  @Test
  void divergingTrainingStopsEveryWorkerNamingTheStep() {
    RunSpec spec = spec("{\"model\": \"gaussian-vae\", \"epochs\": 1, \"batch_size\": 64, \"learning_rate\": 1e12, \"train_limit\": 512,"
        + " \"test_limit\": 10, \"nll_k\": 0, \"hidden\": [32], \"latent\": 4}");
    float[] x = rows(spec);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> SparkDataParallel.train(LocalSpark.context(), spec, x, 512, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.SGD, true)))
        .hasStackTraceContaining("training diverged at step").hasStackTraceContaining("averaged gradient");
    assertThat((System.nanoTime() - t0) / 1e9).as("no task waits for a partner that stopped").isLessThan(60);
  }

  @Test
  void settingsThatCannotWorkAreRefused() {
    assertThatThrownBy(() -> new Settings(0, Sync.GRADIENTS, 1, Optimizer.SGD, true)).hasMessageContaining("--workers must be >= 1, got 0");
    assertThatThrownBy(() -> new Settings(2, Sync.GRADIENTS, 5, Optimizer.SGD, true)).hasMessageContaining("--every 5 applies to --sync parameters");
    RunSpec ema = spec("{\"model\": \"vq-vae\", \"ema\": true, \"epochs\": 2, \"batch_size\": 32, \"train_limit\": 64, \"test_limit\": 10, \"nll_k\": 0,"
        + " \"codebook_size\": 16}");
    // an EMA codebook is not trained by gradients: the workers average it (with the rest of the state) every step
    var r = SparkDataParallel.train(LocalSpark.context(), ema, rows(ema), 64, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.ADAM, true));
    assertThat(r.steps()).isEqualTo(4);
    assertThat(r.epochs().get(1).loss()).isFinite();
    assertThatThrownBy(() -> SparkDataParallel.train(LocalSpark.context(), ema, new float[784], 1, 784, new Settings(2, Sync.GRADIENTS, 1, Optimizer.SGD, true)))
        .hasMessageContaining("1 training rows cannot be shared by 2 workers");
  }
}
