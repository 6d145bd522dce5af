package dev.vaelab.core.data;

/** An IDX file that is corrupt, truncated or of a type the reader does not support. */
public final class IdxFormatException extends RuntimeException {
  public IdxFormatException(String message) {
    super(message);
  }

  public IdxFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
