package dev.vaelab.examples.exercises;

/** Sample mean, variance and standard error of the mean, in double precision. */
record Stats(double mean, double variance, double standardError) {

  /** Statistics of float samples (unbiased variance). */
  static Stats of(float[] v) {
    double m = 0;
    for (float x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (float x : v) {
      s += (x - m) * (x - m);
    }
    double var = s / (v.length - 1);
    return new Stats(m, var, Math.sqrt(var / v.length));
  }
}
