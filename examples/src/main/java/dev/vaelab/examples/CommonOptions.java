package dev.vaelab.examples;

import picocli.CommandLine.Option;

/**
 * The command-line options several commands share, each declared once here as a picocli mixin
 * (with the default a command gives it): train's data and training settings, compare and bench
 * take the same ones.
 */
final class CommonOptions {
  private CommonOptions() {}

  /** {@code --data}. */
  static final class Data {
    @Option(names = "--data", paramLabel = "DATA",
        description = "embedded (the slice shipped with vaelab), fmnist (search the standard places, download if needed), a folder of IDX files, or (gmm) a .csv file of numbers (default ${DEFAULT-VALUE}).")
    String data;

    Data() {
      this(DataSource.EMBEDDED);
    }

    Data(String dflt) {
      this.data = dflt;
    }
  }

  /** {@code --data} of a verb that works on a trained run: other data than the run's (none: the run's own). */
  static final class OtherData {
    @Option(names = "--data", paramLabel = "DATA", description = "Data to use instead of the run's, read as the run read its own (default: the run's data).")
    String data;
  }

  /** {@code --seed}. */
  static final class Seed {
    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    long seed = 0;
  }

  /** {@code --train-limit}. */
  static final class TrainLimit {
    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training examples (default ${DEFAULT-VALUE}: all).")
    int trainLimit = 0;
  }

  /** {@code --test-limit}. */
  static final class TestLimit {
    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test examples (default ${DEFAULT-VALUE}: all).")
    int testLimit = 0;
  }

  /** {@code --epochs}. */
  static final class Epochs {
    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    Epochs() {
      this(TrainingSettings.DEFAULT_EPOCHS);
    }

    Epochs(int dflt) {
      this.epochs = dflt;
    }
  }

  /** {@code --nll-k} and {@code --nll-examples}. */
  static final class Nll {
    @Option(names = {"--nll-k", "--nll"}, paramLabel = "K", description = "Importance samples K of the test log-likelihood, exactly (default ${DEFAULT-VALUE}; 0 skips it).")
    int nllK;

    @Option(names = "--nll-examples", paramLabel = "N", description = "Test images used for it, the first ones (default ${DEFAULT-VALUE}).")
    int nllExamples;

    Nll() {
      this(TrainingSettings.DEFAULT_NLL_K, TrainingSettings.DEFAULT_NLL_EXAMPLES);
    }

    Nll(int k, int examples) {
      this.nllK = k;
      this.nllExamples = examples;
    }
  }

  /** {@code --sampler} and {@code --components} of sample and evaluate. */
  static final class Sampler {
    @Option(names = "--sampler", description = "Where the latents come from: prior (default) or gmm (a Gaussian mixture fitted to the training set's posterior means, "
        + "Ghosh et al. 2019; saved in the run folder and reused). With evaluate --nll K, gmm also reports the test NLL with that mixture as the prior.")
    String sampler = "prior";

    @Option(names = {"--components", "--sampler-components"}, paramLabel = "K", description = "K of the post-hoc mixture (full covariance; default ${DEFAULT-VALUE}).")
    int components = ModelFamily.DEFAULT_COMPONENTS;
  }
}
