package dev.vaelab.examples.exercises;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A course exercise from the lecture notes in {@code shared/seeds/}. Each implementation is a
 * {@code final} class whose {@code run} returns a typed result record.
 */
public interface Exercise {
  /** The name used on the command line, e.g. {@code monte-carlo-pi}. */
  String name();

  /** One line: what it computes and which seed it comes from. */
  String summary();

  /** Runs the exercise, printing its numbers to {@code out} and writing its figures into {@code dir}. */
  ExerciseResult run(Path dir, PrintStream out);
}
