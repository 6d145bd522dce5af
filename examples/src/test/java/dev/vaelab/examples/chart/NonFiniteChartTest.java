package dev.vaelab.examples.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 30, group 9: a chart never runs on non-finite values and never hangs (the latent scatter of a diverged run spun for minutes). */
class NonFiniteChartTest {
  @TempDir Path tmp;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void nonFinitePointsAreLeftOutAndAChartOfNoneIsRefused() throws Exception {
    double nan = Double.NaN;
    Chart some = new Chart("t", "x", "y").points("a", new double[] {0, 1, nan, 3, Double.POSITIVE_INFINITY}, new double[] {1, nan, 2, 3, 4},
        Chart.PALETTE[0]);
    Path png = tmp.resolve("c.png");
    some.write(png);
    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(Chart.WIDTH);
    Chart none = new Chart("t", "x", "y").points("a", new double[] {nan, nan}, new double[] {1, 2}, Chart.PALETTE[0]);
    assertThatThrownBy(() -> none.render(300, 200)).hasMessageContaining("no finite value");
    Chart huge = new Chart("t", "x", "y").points("a", new double[] {-1e300, 1e300}, new double[] {1, 2}, Chart.PALETTE[0]);
    assertThatThrownBy(() -> huge.render(300, 200)).hasMessageContaining("beyond what an axis shows");
    assertThat(Chart.finitePoints(new double[] {1, nan, 3}, new double[] {4, 5, Double.NEGATIVE_INFINITY})[0]).containsExactly(1);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theLatentScatterOfADivergedModelIsDrawnFromItsFiniteRowsOrNotAtAll() throws Exception {
    float nan = Float.NaN;
    float[] z = {0, 1, 1, 0, nan, 2, 3, 3, 2, 2, Float.POSITIVE_INFINITY, 0};
    int[] labels = {0, 1, 0, 1, 0, 1};
    Path png = tmp.resolve("latents.png");
    LatentScatter.write(png, z, 6, 2, labels, k -> "c" + k, "test");
    assertThat(png).isRegularFile();
    float[] all = {nan, nan, nan, nan};
    assertThatThrownBy(() -> LatentScatter.write(tmp.resolve("n.png"), all, 2, 2, new int[] {0, 1}, k -> "c" + k, "test"))
        .hasMessageContaining("none of the 2 vectors is finite");
    // three dimensions: the PCA sees the finite rows only
    float[] z3 = {0, 1, 2, 1, 0, 2, nan, 0, 0, 2, 2, 1, 3, 1, 0};
    LatentScatter.write(tmp.resolve("p.png"), z3, 5, 3, new int[] {0, 1, 0, 1, 0}, k -> "c" + k, "test");
    assertThat(tmp.resolve("p.png")).isRegularFile();
  }
}
