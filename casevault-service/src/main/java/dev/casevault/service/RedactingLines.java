package dev.casevault.service;

import dev.casevault.redaction.DetectionFailedException;
import dev.casevault.redaction.DetectionTimeoutException;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.Redactor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes rejected input lines to the reject file with their personal data redacted, so that a
 * reject file can still be read and fixed but holds no detected personal data.
 *
 * <p>A rejected line did not parse as a case, so it is redacted as text. First the string values of
 * the identity keys of the case format ({@code "name"}, {@code "email"}, {@code "phone"}, {@code
 * "ip"}, {@code "author"}) are replaced whole wherever they appear, as they would have been in a
 * parsed case: a bare "Kwame King" has no context a detector could use. Then the detectors run over
 * the line with JSON's two-character escapes ({@code \n}, {@code \"}, ...) blanked out, so that
 * {@code ...\nJane} reads as a word boundary, and the findings are replaced in the original line. A
 * line longer than {@code maxLineBytes} (already refused for its size), or one that the detectors
 * cannot finish, is not kept at all: a marker line takes its place.
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
      String withoutIdentities = replaceIdentityValues(raw, redactor);
      return redactor.redactUnsealedLike(withoutIdentities, blankJsonEscapes(withoutIdentities));
    } catch (DetectionTimeoutException | DetectionFailedException e) {
      return UNREDACTABLE_MARKER;
    }
  }

  /**
   * {@code raw} with the string value after each identity key replaced under the policy. The line
   * may be cut short or malformed, so this reads it loosely: a key is a quoted identity key name
   * followed by optional spaces and a colon, its value runs to the next unescaped quote or to the
   * end of the line.
   */
  static String replaceIdentityValues(String raw, Redactor redactor) {
    StringBuilder out = null;
    int copied = 0;
    int i = raw.indexOf('"');
    while (i >= 0 && i < raw.length()) {
      int keyEnd = raw.indexOf('"', i + 1);
      if (keyEnd < 0) {
        break;
      }
      PiiType type = identityType(raw.substring(i + 1, keyEnd));
      int valueStart = type == null ? -1 : stringValueStart(raw, keyEnd + 1);
      if (valueStart < 0) {
        i = keyEnd; // the closing quote may open the next string
        continue;
      }
      int valueEnd = stringEnd(raw, valueStart);
      if (valueEnd > valueStart) {
        if (out == null) {
          out = new StringBuilder(raw.length());
        }
        out.append(raw, copied, valueStart);
        out.append(redactor.replaceUnsealed(type, raw.substring(valueStart, valueEnd)));
        copied = valueEnd;
      }
      i = valueEnd < raw.length() ? raw.indexOf('"', valueEnd + 1) : -1;
    }
    return out == null ? raw : out.append(raw, copied, raw.length()).toString();
  }

  private static PiiType identityType(String key) {
    return switch (key) {
      case "name", "author" -> PiiType.PERSON;
      case "email" -> PiiType.EMAIL;
      case "phone" -> PiiType.PHONE;
      case "ip" -> PiiType.IP_ADDRESS;
      default -> null;
    };
  }

  /** Where the string value after a key starts ({@code "key" : "value}), or -1 if none. */
  private static int stringValueStart(String raw, int afterKey) {
    int i = skipSpaces(raw, afterKey);
    if (i >= raw.length() || raw.charAt(i) != ':') {
      return -1;
    }
    i = skipSpaces(raw, i + 1);
    return i < raw.length() && raw.charAt(i) == '"' ? i + 1 : -1;
  }

  private static int skipSpaces(String raw, int i) {
    while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index of the quote closing the string that starts at {@code from}, or the line's end. */
  private static int stringEnd(String raw, int from) {
    for (int i = from; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return raw.length();
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
