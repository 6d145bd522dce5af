package dev.vaelab.examples.exercises;

import java.util.List;

/** What every exercise result offers for printing and for its docs page. */
public interface ExerciseResult {
  /** The lines the exercise printed (its numbers), in order. */
  List<String> report();

  /** File names of the figures written into the output folder. */
  List<String> figures();

  /** Claims of the notes that the computation did not confirm exactly (empty if all held). */
  default List<String> discrepancies() {
    return List.of();
  }
}
