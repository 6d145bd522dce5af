package dev.vaelab.examples;

import dev.vaelab.cli.SettingOptions;
import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.TrainingSettings;
import dev.vaelab.lab.settings.Records;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of the commands that are not run settings ({@code --data} of another data set,
 * {@code --sampler}), declared once here; and the run settings that evaluate, compare and bench
 * share with train — declared once on {@link DataSettings} and {@link TrainingSettings} and added to
 * those commands, with each command's own defaults, by model transformers.
 */
final class CommonOptions {
  private CommonOptions() {}

  /** {@code --sampler} and {@code --components} of sample and evaluate. */
  static final class Sampler {
    @Option(names = "--sampler", description = "Where the latents come from: prior (default) or gmm (a Gaussian mixture fitted to the training set's posterior means, "
        + "Ghosh et al. 2019; saved in the run folder and reused). With evaluate --nll K, gmm also reports the test NLL with that mixture as the prior.")
    String sampler = "prior";

    @Option(names = {"--components", "--sampler-components"}, paramLabel = "K", description = "K of the post-hoc mixture (full covariance; default ${DEFAULT-VALUE}).")
    int components = ModelFamily.DEFAULT_COMPONENTS;
  }

  /** evaluate: K = 0 (no log-likelihood) and examples = 0 (all test examples) by default. */
  static final TrainingSettings EVALUATE_TRAINING = Records.with(TrainingSettings.defaults(), Map.of("nllK", 0, "nllExamples", 0));
  /** compare: 5 epochs. */
  static final TrainingSettings COMPARE_TRAINING = Records.with(TrainingSettings.defaults(), "epochs", 5);
  /** bench: the protocol's epochs (0) and K = 5000 on 1000 test images; full Fashion-MNIST. */
  static final TrainingSettings BENCH_TRAINING = Records.with(TrainingSettings.defaults(), Map.of("epochs", 0, "nllK", 5000, "nllExamples", 1000));
  static final DataSettings BENCH_DATA = DataSettings.defaults().withData(DataSource.FMNIST);

  /** evaluate's --nll-k and --nll-examples. */
  public static final class EvaluateOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      SettingOptions.addTo(spec, TrainingSettings.class, EVALUATE_TRAINING, "nllK", "nllExamples");
      return spec;
    }
  }

  /** compare's data, limits, epochs and NLL settings. */
  public static final class CompareOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      SettingOptions.addTo(spec, DataSettings.class, DataSettings.defaults(), "data", "trainLimit", "testLimit");
      SettingOptions.addTo(spec, TrainingSettings.class, COMPARE_TRAINING, "epochs", "nllK", "nllExamples");
      return spec;
    }
  }

  /** bench's data, seed, training limit, epochs and NLL settings. */
  public static final class BenchOptions implements IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
      SettingOptions.addTo(spec, DataSettings.class, BENCH_DATA, "data", "seed", "trainLimit");
      SettingOptions.addTo(spec, TrainingSettings.class, BENCH_TRAINING, "epochs", "nllK", "nllExamples");
      return spec;
    }
  }
}
