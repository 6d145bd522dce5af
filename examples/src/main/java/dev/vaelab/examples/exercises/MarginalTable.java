package dev.vaelab.examples.exercises;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Note 001, "an example of marginal likelihood": the joint p(x, z) of eye colour x and nationality z
 * in a table; the marginal p(x) = Σ_z p(x, z), and the check that the joint sums to one.
 */
public final class MarginalTable implements Exercise {
  /** Nationalities (columns of the table). */
  public static final String[] NATIONALITIES = {"Dutch", "Greek", "Chinese", "Indian", "Italian", "German", "US", "Spanish"};
  /** Eye colours (rows). */
  public static final String[] COLOURS = {"Brown", "Blue", "Green"};
  /** The table of Gavves's example (slide “An example of marginal likelihood”), as printed. */
  public static final double[][] JOINT = {
    {0.02, 0.03, 0.02, 0.01, 0.07, 0.03, 0.01, 0.00},
    {0.09, 0.01, 0.03, 0.03, 0.08, 0.04, 0.03, 0.06},
    {0.01, 0.01, 0.08, 0.06, 0.07, 0.08, 0.06, 0.06}
  };
  /** The marginal the notes print: Brown 0.19, Blue 0.37, Green 0.44, total 1.00. */
  public static final double[] CLAIMED_MARGINAL = {0.19, 0.37, 0.44};

  /** The result. */
  public record Result(double[] marginalX, double[] marginalZ, double total, List<String> report, List<String> figures, List<String> discrepancies)
      implements ExerciseResult {}

  @Override
  public String name() {
    return "marginal-table";
  }

  @Override
  public String summary() {
    return "p(x) = Σ_z p(x, z) for the eye-colour × nationality table of Gavves's example";
  }

  @Override
  public java.util.List<LectureNote.Source> sources() {
    return java.util.List.of(LectureNote.GAVVES.slide("An example of marginal likelihood"));
  }

  @Override
  public Result run(Path dir, PrintStream out) {
    Report r = new Report(out);
    double[] px = new double[COLOURS.length];
    double[] pz = new double[NATIONALITIES.length];
    double total = 0;
    for (int i = 0; i < COLOURS.length; i++) {
      for (int j = 0; j < NATIONALITIES.length; j++) {
        px[i] += JOINT[i][j];
        pz[j] += JOINT[i][j];
        total += JOINT[i][j];
      }
    }
    r.line("marginal p(x) = Σ_z p(x, z):");
    for (int i = 0; i < COLOURS.length; i++) {
      r.line("  p(%s) = %.2f   (notes: %.2f)", COLOURS[i], px[i], CLAIMED_MARGINAL[i]);
      if (Math.abs(px[i] - CLAIMED_MARGINAL[i]) > 1e-9) {
        r.discrepancy("the notes give p(%s) = %.2f, but the table's row sums to %.2f", COLOURS[i], CLAIMED_MARGINAL[i], px[i]);
      }
    }
    r.line("marginal p(z) = Σ_x p(x, z):");
    for (int j = 0; j < NATIONALITIES.length; j++) {
      r.line("  p(%s) = %.2f", NATIONALITIES[j], pz[j]);
    }
    r.line("Σ_x Σ_z p(x, z) = %.2f", total);
    if (Math.abs(total - 1) > 1e-9) {
      r.discrepancy("the joint table sums to %.2f, not 1 (the notes' total of 1.00 rests on p(Green) = 0.44)", total);
    }
    return new Result(px, pz, total, r.lines(), List.of(), r.discrepancies());
  }
}
