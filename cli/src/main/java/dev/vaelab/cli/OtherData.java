package dev.vaelab.cli;

import picocli.CommandLine.Option;

/**
 * {@code --data} of a command that works on a trained run (encode, score): other data than the
 * run's, read and preprocessed as the run read its own; none: the run's own data. A picocli mixin.
 */
public final class OtherData {
  @Option(names = "--data", paramLabel = "DATA", description = "Data to use instead of the run's, read as the run read its own (default: the run's data).")
  public String data;
}
