package dev.casevault.redaction;

/**
 * A detector failed on a text. The text was not fully examined and must not be stored. The message
 * names the detector, never the text.
 */
public final class DetectionFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DetectionFailedException(String detector, Throwable cause) {
    super(
        "personal-data detector " + detector + " failed: " + cause.getClass().getSimpleName(),
        cause);
  }
}
