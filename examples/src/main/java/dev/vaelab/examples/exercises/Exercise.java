package dev.vaelab.examples.exercises;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A course exercise from one of the five lecture notes on VAEs ({@link LectureNote}). Each implementation is a
 * {@code final} class whose {@code run} returns a typed result record.
 */
public interface Exercise {
  /** The name used on the command line, e.g. {@code monte-carlo-pi}. */
  String name();

  /** One line: what it computes and which note it comes from. */
  String summary();

  /** The notes and slides it comes from. */
  java.util.List<LectureNote.Source> sources();

  /** Runs the exercise, printing its numbers to {@code out} and writing its figures into {@code dir}. */
  ExerciseResult run(Path dir, PrintStream out);
}
