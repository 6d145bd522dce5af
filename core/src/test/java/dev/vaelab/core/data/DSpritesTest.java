package dev.vaelab.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 27: the dSprites renderer against hand-checked pixels, its symmetries, the grid's indexing and the colour variant. */
class DSpritesTest {
  static float[] render(DSprites.Grid g, int... f) {
    float[] x = new float[g.dimension()];
    g.render(f, x, 0);
    return x;
  }

  @Test
  void aSquareAtTheFirstPositionAndFullScaleCoversRowsAndColumns4To21() {
    // S = 64, scale 1: R = 0.14 · 64 = 8.96; x = y = 0: centre 0.2 · 64 = 12.8; pixel centres c + 0.5 within 12.8 ± 8.96,
    // i.e. c + 0.5 ∈ [3.84, 21.76]: columns (and rows) 4 … 21, 18 × 18 = 324 pixels, worked out by hand
    float[] x = render(DSprites.FULL, 0, 5, 0, 0, 0);
    int on = 0;
    for (int r = 0; r < 64; r++) {
      for (int c = 0; c < 64; c++) {
        boolean expected = r >= 4 && r <= 21 && c >= 4 && c <= 21;
        assertThat(x[r * 64 + c]).as("pixel (%d, %d)", r, c).isEqualTo(expected ? 1f : 0f);
        on += x[r * 64 + c] > 0 ? 1 : 0;
      }
    }
    assertThat(on).isEqualTo(324);
  }

  @Test
  void aSquareTurnedByAQuarterIsTheSquareAndAnEllipseTurnedByAHalfIsTheEllipse() {
    DSprites.Grid g = DSprites.FULL; // 40 orientations: index 10 is π/2, index 20 is π
    for (int scale = 0; scale < 6; scale++) {
      assertThat(render(g, 0, scale, 10, 7, 19)).isEqualTo(render(g, 0, scale, 0, 7, 19));
      assertThat(render(g, 1, scale, 20, 3, 25)).isEqualTo(render(g, 1, scale, 0, 3, 25));
    }
    // the ellipse is not symmetric under a quarter turn, nor the heart under a half turn
    assertThat(render(g, 1, 5, 10, 16, 16)).isNotEqualTo(render(g, 1, 5, 0, 16, 16));
    assertThat(render(g, 2, 5, 20, 16, 16)).isNotEqualTo(render(g, 2, 5, 0, 16, 16));
    // an ellipse of semi-axes R and R/2 covers about π R²/2 pixels (scale 1: R = 8.96, 126.1)
    int on = 0;
    for (float v : render(g, 1, 5, 0, 16, 16)) {
      on += v > 0 ? 1 : 0;
    }
    assertThat((double) on).isBetween(0.9 * Math.PI * 8.96 * 8.96 / 2, 1.1 * Math.PI * 8.96 * 8.96 / 2);
    // a larger scale covers more pixels, a shift moves the sprite by 0.6 · 64 / 31 pixels per step
    assertThat(count(render(g, 2, 5, 0, 16, 16))).isGreaterThan(count(render(g, 2, 0, 0, 16, 16)));
  }

  static int count(float[] x) {
    int n = 0;
    for (float v : x) {
      n += v > 0 ? 1 : 0;
    }
    return n;
  }

  @Test
  void theGridIsIndexedInMixedRadixAndTheColourComesFromTheIndex() {
    assertThat(DSprites.FULL.count()).isEqualTo(737_280);
    assertThat(DSprites.SMALL.count()).isEqualTo(3 * 4 * 8 * 16 * 16);
    for (int i : new int[] {0, 1, 31, 32, 1023, 1024, 737_279, 123_456}) {
      assertThat(DSprites.FULL.index(DSprites.FULL.factors(i))).isEqualTo(i);
    }
    assertThat(DSprites.FULL.factors(737_279)).containsExactly(2, 5, 39, 31, 31);
    assertThat(DSprites.FULL.factors(33)).containsExactly(0, 0, 0, 1, 1);
    assertThat(DSprites.FULL.scale(0)).isEqualTo(0.5);
    assertThat(DSprites.FULL.scale(5)).isEqualTo(1.0);
    assertThat(DSprites.FULL.orientation(39)).isLessThan(2 * Math.PI);
    float[] c = render(DSprites.COLOUR_SMALL, 0, 3, 0, 8, 8);
    float[] colour = DSprites.COLOUR_SMALL.colourOf(DSprites.COLOUR_SMALL.index(new int[] {0, 3, 0, 8, 8}));
    float[] mono = render(DSprites.SMALL, 0, 3, 0, 8, 8);
    for (int p = 0; p < 32 * 32; p++) {
      for (int ch = 0; ch < 3; ch++) {
        assertThat(c[p * 3 + ch]).isEqualTo(mono[p] > 0 ? colour[ch] : 0f);
      }
    }
    for (float v : colour) {
      assertThat(v).isBetween(0.5f, 1f);
    }
    assertThatThrownBy(() -> DSprites.FULL.index(new int[] {3, 0, 0, 0, 0})).hasMessageContaining("factor shape has 3 values, got index 3");
  }
}
