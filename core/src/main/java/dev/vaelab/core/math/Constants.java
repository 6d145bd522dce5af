package dev.vaelab.core.math;

/** Numerical constants used by the formulas. */
public final class Constants {
  private Constants() {}

  /** ln 2π. */
  public static final double LN_2PI = Math.log(2.0 * Math.PI);

  /** ln 2, to turn nats into bits. */
  public static final double LN_2 = Math.log(2.0);
}
