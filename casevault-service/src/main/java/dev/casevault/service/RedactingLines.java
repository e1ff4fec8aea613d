package dev.casevault.service;

import dev.casevault.redaction.DetectionFailedException;
import dev.casevault.redaction.DetectionTimeoutException;
import dev.casevault.redaction.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes rejected input lines to the reject file with their personal data redacted, so that a
 * reject file can still be read and fixed but holds no detected personal data.
 *
 * <p>A rejected line did not parse as a case, so it is redacted as text: the detectors run over the
 * line with JSON's two-character escapes ({@code \n}, {@code \"}, ...) blanked out, so that {@code
 * ...\nJane} reads as a word boundary, and the findings are replaced in the original line. A line
 * longer than {@code maxLineBytes} (already refused for its size), or one that the detectors cannot
 * finish, is not kept at all: a marker line takes its place.
 */
final class RedactingLines extends OutputStream {
  static final String TOO_LONG_MARKER = "{\"casevault\":\"rejected line not kept: too long\"}";
  static final String UNREDACTABLE_MARKER =
      "{\"casevault\":\"rejected line not kept: personal-data detection did not finish\"}";

  private final OutputStream target;
  private final Redactor redactor;
  private final int maxLineBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private boolean overflowed;

  RedactingLines(OutputStream target, Redactor redactor, int maxLineBytes) {
    this.target = target;
    this.redactor = redactor;
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) throws IOException {
    int end = offset + length;
    int from = offset;
    for (int i = offset; i < end; i++) {
      if (bytes[i] == '\n') {
        append(bytes, from, i - from);
        endLine();
        from = i + 1;
      }
    }
    append(bytes, from, end - from);
  }

  private void append(byte[] bytes, int offset, int length) {
    if (overflowed || length == 0) {
      return;
    }
    if (line.size() + length > maxLineBytes) {
      overflowed = true;
      line.reset();
      return;
    }
    line.write(bytes, offset, length);
  }

  private void endLine() throws IOException {
    String out;
    if (overflowed) {
      out = TOO_LONG_MARKER;
    } else {
      out = redact(line.toString(StandardCharsets.UTF_8));
    }
    target.write(out.getBytes(StandardCharsets.UTF_8));
    target.write('\n');
    line.reset();
    overflowed = false;
  }

  private String redact(String raw) {
    try {
      return redactor.redactUnsealedLike(raw, blankJsonEscapes(raw));
    } catch (DetectionTimeoutException | DetectionFailedException e) {
      return UNREDACTABLE_MARKER;
    }
  }

  /** The same text, same length, with each two-character JSON escape made two spaces. */
  static String blankJsonEscapes(String raw) {
    char[] chars = raw.toCharArray();
    for (int i = 0; i + 1 < chars.length; i++) {
      if (chars[i] == '\\' && "nrtbf\"\\/".indexOf(chars[i + 1]) >= 0) {
        chars[i] = ' ';
        chars[i + 1] = ' ';
        i++;
      }
    }
    return new String(chars);
  }
}
