package dev.vaelab.lab.settings;

import dev.vaelab.lab.data.DataSource;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.TrainingSettings;

import picocli.CommandLine.Option;

/**
 * The command-line options several commands share, each declared once here as a picocli mixin
 * (with the default a command gives it): train's data and training settings, compare and bench
 * take the same ones.
 */
public final class CommonOptions {
  private CommonOptions() {}

  /** {@code --data}. */
  public static final class Data {
    @Option(names = "--data", paramLabel = "DATA",
        description = "embedded (the slice shipped with vaelab), fmnist (search the standard places, download if needed), a folder of IDX files, or (gmm) a .csv file of numbers (default ${DEFAULT-VALUE}).")
    public String data;

    public Data() {
      this(DataSource.EMBEDDED);
    }

    public Data(String dflt) {
      this.data = dflt;
    }
  }

  /** {@code --data} of a verb that works on a trained run: other data than the run's (none: the run's own). */
  public static final class OtherData {
    @Option(names = "--data", paramLabel = "DATA", description = "Data to use instead of the run's, read as the run read its own (default: the run's data).")
    public String data;
  }

  /** {@code --seed}. */
  public static final class Seed {
    @Option(names = "--seed", description = "Seed (default ${DEFAULT-VALUE}).")
    public long seed = 0;
  }

  /** {@code --train-limit}. */
  public static final class TrainLimit {
    @Option(names = "--train-limit", paramLabel = "N", description = "Use only the first N training examples (default ${DEFAULT-VALUE}: all).")
    public int trainLimit = 0;
  }

  /** {@code --test-limit}. */
  public static final class TestLimit {
    @Option(names = "--test-limit", paramLabel = "N", description = "Use only the first N test examples (default ${DEFAULT-VALUE}: all).")
    public int testLimit = 0;
  }

  /** {@code --epochs}. */
  public static final class Epochs {
    @Option(names = "--epochs", description = "Epochs (default ${DEFAULT-VALUE}).")
    public int epochs;

    public Epochs() {
      this(TrainingSettings.DEFAULT_EPOCHS);
    }

    public Epochs(int dflt) {
      this.epochs = dflt;
    }
  }

  /** {@code --nll-k} and {@code --nll-examples}. */
  public static final class Nll {
    @Option(names = {"--nll-k", "--nll"}, paramLabel = "K", description = "Importance samples K of the test log-likelihood, exactly (default ${DEFAULT-VALUE}; 0 skips it).")
    public int nllK;

    @Option(names = "--nll-examples", paramLabel = "N", description = "Test images used for it, the first ones (default ${DEFAULT-VALUE}).")
    public int nllExamples;

    public Nll() {
      this(TrainingSettings.DEFAULT_NLL_K, TrainingSettings.DEFAULT_NLL_EXAMPLES);
    }

    public Nll(int k, int examples) {
      this.nllK = k;
      this.nllExamples = examples;
    }
  }

  /** {@code --sampler} and {@code --components} of sample and evaluate. */
  public static final class Sampler {
    @Option(names = "--sampler", description = "Where the latents come from: prior (default) or gmm (a Gaussian mixture fitted to the training set's posterior means, "
        + "Ghosh et al. 2019; saved in the run folder and reused). With evaluate --nll K, gmm also reports the test NLL with that mixture as the prior.")
    public String sampler = "prior";

    @Option(names = {"--components", "--sampler-components"}, paramLabel = "K", description = "K of the post-hoc mixture (full covariance; default ${DEFAULT-VALUE}).")
    public int components = ModelFamily.DEFAULT_COMPONENTS;
  }
}
