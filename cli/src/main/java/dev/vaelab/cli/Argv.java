package dev.vaelab.cli;

import java.util.List;

/**
 * The pre-scan of the arguments before picocli parses them: the options a command gains depend on
 * the model family, which the arguments name ({@code --model X}, or the run of {@code --resume RUN}).
 */
public final class Argv {
  /** The family {@code train} uses without {@code --model}. */
  public static final String DEFAULT_MODEL = dev.vaelab.lab.run.ModelFamilies.DEFAULT;

  private Argv() {}

  /**
   * The value of {@code option} ({@code --model X} or {@code --model=X}) in the arguments after the
   * subcommand {@code command}; null when the command or the option is absent.
   */
  public static String optionAfter(String[] args, String command, String option) {
    int at = List.of(args).indexOf(command);
    if (at < 0) {
      return null;
    }
    String value = null;
    for (int i = at + 1; i < args.length; i++) {
      if (args[i].equals(option) && i + 1 < args.length) {
        value = args[i + 1];
      } else if (args[i].startsWith(option + "=")) {
        value = args[i].substring(option.length() + 1);
      }
    }
    return value;
  }

  /** The model family named by {@code --model} after {@code command}, or the default family's name. */
  public static String modelNamedIn(String[] args, String command) {
    String model = optionAfter(args, command, "--model");
    return model != null ? model : DEFAULT_MODEL;
  }
}
