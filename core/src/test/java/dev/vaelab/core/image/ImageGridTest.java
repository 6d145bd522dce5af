package dev.vaelab.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
  @TempDir Path tmp;

  @Test
  void writesAGridWithTheTilesInPlace() throws Exception {
    float[] black = new float[4];
    float[] white = {1f, 1f, 1f, 1f};
    float[] ramp = {0f, 0.5f, 1f, 2f}; // out-of-range values are clamped
    Path file = tmp.resolve("g.png");
    ImageGrid.write(file, List.of(black, white, ramp), 2, 2, 2, 1);
    BufferedImage img = ImageIO.read(file.toFile());
    int gap = ImageGrid.GAP;
    assertThat(img.getWidth()).isEqualTo(2 * (2 + gap) + gap);
    assertThat(img.getHeight()).isEqualTo(2 * (2 + gap) + gap);
    var raster = img.getRaster();
    assertThat(raster.getSample(gap, gap, 0)).isEqualTo(0);
    assertThat(raster.getSample(gap + 2 + gap, gap, 0)).isEqualTo(255);
    int oy = gap + 2 + gap;
    assertThat(raster.getSample(gap + 1, oy, 0)).isEqualTo(128);
    assertThat(raster.getSample(gap + 1, oy + 1, 0)).isEqualTo(255);
  }

  @Test
  void reconstructionsPutEachInputAboveItsOutput() throws Exception {
    float[] in = {1f, 1f, 1f, 1f};
    float[] out = new float[4];
    Path file = tmp.resolve("r.png");
    ImageGrid.writeReconstructions(file, List.of(in), List.of(out), 2, 2, 1, 1);
    var raster = ImageIO.read(file.toFile()).getRaster();
    int gap = ImageGrid.GAP;
    assertThat(raster.getSample(gap, gap, 0)).isEqualTo(255);
    assertThat(raster.getSample(gap, gap + 2 + gap, 0)).isEqualTo(0);
  }

  @Test
  void wrongSizesAreRejected() {
    assertThatThrownBy(() -> ImageGrid.render(List.of(new float[3]), 2, 2, 1, 1))
        .hasMessageContaining("image 0 has 3 values, expected 2 x 2");
    assertThatThrownBy(() -> ImageGrid.render(List.of(), 2, 2, 1, 1)).hasMessageContaining("no images");
  }
}
