package dev.vaelab.core.data;

import java.util.SplittableRandom;

/**
 * dSprites, generated: the factor grid of Matthey et al. (2017) — shape ∈ {square, ellipse, heart}, scale 6 values
 * in [0.5, 1], orientation 40 values in [0, 2π), position x and y 32 values each in [0, 1]; 64 × 64 binary images,
 * 3 · 6 · 40 · 32 · 32 = 737,280 of them — rendered here deterministically from that definition (the original files
 * cannot be fetched; the drawing is vaelab's, not a copy of the original sprites). Variants: a reduced grid for small
 * machines, and colour (disentanglement_lib's colour-dSprites: each image's sprite in a random colour, each channel
 * uniform in [0.5, 1], drawn from the image's index — a nuisance, not a factor).
 *
 * <p>Rendering: the sprite's centre is at (0.2 + 0.6 · x, 0.2 + 0.6 · y) × S pixels (y downwards from the top row),
 * its half-size R = 0.14 · S · scale; a pixel is on when its centre, moved into the sprite's frame (translated,
 * rotated by −θ, divided by R), lies inside the shape: the square |u| ≤ 1, |v| ≤ 1; the ellipse u² + (2v)² ≤ 1; the
 * heart (x² + y² − 1)³ ≤ x² y³ with x = 1.1 u, y = −1.1 v + 0.15 (lobes up). Orientation θ_k = 2π k / O.
 */
public final class DSprites {
  /** Shape names, factor 0's values. */
  public static final String[] SHAPES = {"square", "ellipse", "heart"};
  /** Factor names, in order. */
  public static final String[] FACTORS = {"shape", "scale", "orientation", "position_x", "position_y"};

  /**
   * A factor grid and image size.
   *
   * @param name the value of {@code --data}
   * @param size S, image side in pixels
   * @param scales values of the scale in [0.5, 1]
   * @param orientations values of the orientation in [0, 2π)
   * @param positions values of x and of y in [0, 1]
   * @param colour sprites in a random colour (3 channels)
   */
  public record Grid(String name, int size, int scales, int orientations, int positions, boolean colour) {
    public Grid {
      if (size < 8 || scales < 2 || orientations < 1 || positions < 2) {
        throw new IllegalArgumentException("a dSprites grid needs size >= 8, >= 2 scales, >= 1 orientation and >= 2 positions, got " + size + ", "
            + scales + ", " + orientations + ", " + positions);
      }
    }

    /** The number of values of each factor (shape, scale, orientation, x, y). */
    public int[] factorSizes() {
      return new int[] {SHAPES.length, scales, orientations, positions, positions};
    }

    /** Images in the grid. */
    public int count() {
      return SHAPES.length * scales * orientations * positions * positions;
    }

    /** Values per image. */
    public int dimension() {
      return size * size * channels();
    }

    public int channels() {
      return colour ? 3 : 1;
    }

    public ImageShape shape() {
      return new ImageShape(size, size, channels());
    }

    /** The factor indices of image {@code index} (mixed radix, y fastest). */
    public int[] factors(int index) {
      int[] s = factorSizes();
      int[] f = new int[s.length];
      int r = index;
      for (int k = s.length - 1; k >= 0; k--) {
        f[k] = r % s[k];
        r /= s[k];
      }
      return f;
    }

    /** The index of the image with factor indices {@code f}. */
    public int index(int[] f) {
      int[] s = factorSizes();
      int i = 0;
      for (int k = 0; k < s.length; k++) {
        if (f[k] < 0 || f[k] >= s[k]) {
          throw new IllegalArgumentException("factor " + FACTORS[k] + " has " + s[k] + " values, got index " + f[k]);
        }
        i = i * s[k] + f[k];
      }
      return i;
    }

    public double scale(int k) {
      return 0.5 + 0.5 * k / (scales - 1);
    }

    public double orientation(int k) {
      return 2 * Math.PI * k / orientations;
    }

    public double position(int k) {
      return (double) k / (positions - 1);
    }

    /** Renders the image with factor indices {@code f} into {@code dst} at {@code offset} (HWC, values 0 or 1 — or the colour). */
    public void render(int[] f, float[] dst, int offset) {
      float[] colour = this.colour ? colourOf(index(f)) : null;
      double r = 0.14 * size * scale(f[1]);
      double theta = orientation(f[2]);
      double cos = Math.cos(theta);
      double sin = Math.sin(theta);
      double cx = (0.2 + 0.6 * position(f[3])) * size;
      double cy = (0.2 + 0.6 * position(f[4])) * size;
      int c = channels();
      for (int row = 0; row < size; row++) {
        for (int col = 0; col < size; col++) {
          double dx = col + 0.5 - cx;
          double dy = row + 0.5 - cy;
          double u = (cos * dx + sin * dy) / r;
          double v = (-sin * dx + cos * dy) / r;
          boolean on = inside(f[0], u, v);
          int at = offset + (row * size + col) * c;
          for (int ch = 0; ch < c; ch++) {
            dst[at + ch] = on ? (colour != null ? colour[ch] : 1f) : 0f;
          }
        }
      }
    }

    /** The sprite colour of image {@code index}: each channel uniform in [0.5, 1], from the index alone. */
    public float[] colourOf(int index) {
      SplittableRandom random = new SplittableRandom(0x5DEECE66DL ^ index);
      return new float[] {(float) (0.5 + 0.5 * random.nextDouble()), (float) (0.5 + 0.5 * random.nextDouble()),
          (float) (0.5 + 0.5 * random.nextDouble())};
    }

    /** The images with factor indices {@code factors[i]}, row after row. */
    public float[] render(int[][] factors) {
      int d = dimension();
      float[] out = new float[factors.length * d];
      java.util.stream.IntStream.range(0, factors.length).parallel().forEach(i -> render(factors[i], out, i * d));
      return out;
    }
  }

  /** The published grid: 64 × 64, 6 scales, 40 orientations, 32 × 32 positions (737,280 images). */
  public static final Grid FULL = new Grid("dsprites", 64, 6, 40, 32, false);
  /** A reduced grid for a 2-core machine: 32 × 32 images, 4 scales, 8 orientations, 16 × 16 positions (24,576 images). */
  public static final Grid SMALL = new Grid("dsprites-small", 32, 4, 8, 16, false);
  /** The published grid in colour. */
  public static final Grid COLOUR = new Grid("dsprites-colour", 64, 6, 40, 32, true);
  /** The reduced grid in colour. */
  public static final Grid COLOUR_SMALL = new Grid("dsprites-colour-small", 32, 4, 8, 16, true);
  /** Every grid {@code --data} names. */
  public static final java.util.List<Grid> GRIDS = java.util.List.of(FULL, SMALL, COLOUR, COLOUR_SMALL);

  private DSprites() {}

  /** The grid called {@code name}, or null. */
  public static Grid named(String name) {
    for (Grid g : GRIDS) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    return null;
  }

  /** Whether (u, v), in the sprite's frame, is inside shape {@code shape}. */
  static boolean inside(int shape, double u, double v) {
    switch (shape) {
      case 0:
        return Math.abs(u) <= 1 && Math.abs(v) <= 1;
      case 1:
        return u * u + 4 * v * v <= 1;
      case 2: {
        double x = 1.1 * u;
        double y = -1.1 * v + 0.15;
        double a = x * x + y * y - 1;
        return a * a * a <= x * x * y * y * y;
      }
      default:
        throw new IllegalArgumentException("shape index must be 0, 1 or 2, got " + shape);
    }
  }
}
