package dev.vaelab.lab.run;

import picocli.CommandLine;

/**
 * The options a train command gains once its model family is known: the family's own options and,
 * for a family trained by gradient steps, the training options (epochs, batch size, ...).
 *
 * @param family the family's options
 * @param training the training options, or null for a family fitted otherwise (EM)
 */
public record FamilyOptions(ModelFamily.OptionsCli<?> family, TrainingSettings.Cli training) {
  /** Adds the options of {@code f} to {@code command} as mixins, and returns them. */
  public static FamilyOptions addTo(CommandLine command, ModelFamily<?> f) {
    ModelFamily.OptionsCli<?> options = f.commandLine();
    command.addMixin("family", options);
    TrainingSettings.Cli training = null;
    if (f.trainedByGradient()) {
      training = new TrainingSettings.Cli();
      command.addMixin("training", training);
    }
    return new FamilyOptions(options, training);
  }
}
