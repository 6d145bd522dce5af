package dev.vaelab.cli;

import dev.vaelab.lab.data.DataSettings;
import dev.vaelab.lab.run.ModelFamilies;
import dev.vaelab.lab.run.ModelFamily;
import dev.vaelab.lab.run.RunFolder;
import dev.vaelab.lab.run.RunSpec;
import dev.vaelab.lab.run.TrainingSettings;
import dev.vaelab.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The options a train command ({@code vaelab train}, {@code vaelab spark train}) gains from the
 * arguments' pre-scan: the data settings, and once the model family is known (named by {@code
 * --model}, or the family of the run given to {@code --resume}) its own options and, for a family
 * trained by gradient steps, the training settings — all derived from their declarations.
 */
public final class FamilyOptions {
  private final ModelFamily<?> family;
  private final SettingOptions<DataSettings> data;
  private final SettingOptions<? extends Record> options;
  private final SettingOptions<TrainingSettings> training;

  private FamilyOptions(ModelFamily<?> family, SettingOptions<DataSettings> data, SettingOptions<? extends Record> options,
      SettingOptions<TrainingSettings> training) {
    this.family = family;
    this.data = data;
    this.options = options;
    this.training = training;
  }

  /**
   * Adds the options to the subcommand {@code command} (named {@code name} in {@code args}); the
   * family's only when it is known (an unknown model is reported when the command runs).
   *
   * @param resumeOption the option naming a run to continue ({@code --resume}), or null
   */
  public static FamilyOptions addTo(CommandLine command, String name, String[] args, String resumeOption) {
    CommandSpec spec = command.getCommandSpec();
    SettingOptions<DataSettings> data = SettingOptions.addTo(spec, DataSettings.class, DataSettings.defaults());
    ModelFamily<?> f = null;
    if (List.of(args).contains(name)) {
      String resumeDir = resumeOption == null ? null : Argv.optionAfter(args, name, resumeOption);
      try {
        f = resumeDir != null ? familyOfRun(Path.of(resumeDir)) : ModelFamilies.named(Argv.modelNamedIn(args, name));
      } catch (RuntimeException e) {
        f = null; // reported when the command runs: unknown model, or not a run folder
      }
    }
    if (f == null) {
      return new FamilyOptions(null, data, null, null);
    }
    SettingOptions<? extends Record> options = familyOptions(spec, f);
    SettingOptions<TrainingSettings> training =
        f.trainedByGradient() ? SettingOptions.addTo(spec, TrainingSettings.class, TrainingSettings.defaults()) : null;
    return new FamilyOptions(f, data, options, training);
  }

  private static <O extends Record> SettingOptions<O> familyOptions(CommandSpec spec, ModelFamily<O> f) {
    return SettingOptions.addTo(spec, f.optionsType(), f.defaults());
  }

  private static ModelFamily<?> familyOfRun(Path dir) {
    Path config = dir.resolve(RunFolder.CONFIG);
    if (!Files.isRegularFile(config)) {
      return null;
    }
    var o = Json.readTree(config).getAsJsonObject().get(RunSpec.MODEL_KEY);
    return o == null ? null : ModelFamilies.named(o.getAsString());
  }

  /** The family whose options were added, or null. */
  public ModelFamily<?> family() {
    return family;
  }

  /** The data settings parsed. */
  public DataSettings data() {
    return data.toRecord();
  }

  /** The training settings parsed (null for a family fitted otherwise). */
  public TrainingSettings training() {
    return training == null ? null : training.toRecord();
  }

  /** The epochs given (the training options must have been added). */
  public int epochs() {
    return (int) training.value("epochs");
  }

  /** The run the parsed options describe, of the family named {@code model}. */
  public RunSpec spec(String model) {
    ModelFamily<?> f = ModelFamilies.named(model);
    if (family != f) {
      throw new IllegalStateException("the options of model " + model + " were not set up");
    }
    return new RunSpec(f, data(), training(), options.toRecord());
  }

  /**
   * Why {@code option} was not accepted: it is an option of other families (named), a training
   * option of a family fitted by EM, or unknown.
   */
  public String explainUnmatched(String option, String model) {
    if (family == null) {
      try {
        ModelFamilies.named(model);
      } catch (IllegalArgumentException e) {
        return e.getMessage();
      }
    }
    List<String> owners = new ArrayList<>();
    for (ModelFamily<?> f : ModelFamilies.all()) {
      if (f != family && SettingOptions.declares(f.optionsType(), option)) {
        owners.add(f.name());
      }
    }
    String here = family == null ? "train" : "model " + family.name();
    if (SettingOptions.declares(TrainingSettings.class, option)) {
      return "option " + option + " is not an option of " + here + ": it is a training option of the models trained by gradient steps, and "
          + (family == null ? "" : family.name() + " is fitted by EM");
    }
    if (!owners.isEmpty()) {
      return "option " + option + " is not an option of " + here + " (it is an option of " + String.join(", ", owners) + ")";
    }
    return "unknown option " + option + " for " + here;
  }
}
