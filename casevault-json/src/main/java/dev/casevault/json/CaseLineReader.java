package dev.casevault.json;

import dev.casevault.json.ParsedLine.Accepted;
import dev.casevault.json.ParsedLine.Rejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads cases from JSON Lines, one case per line, validating every line strictly, in constant
 * memory whatever the size of the input.
 *
 * <p>Lines end with {@code \n}; a {@code \r} before it is ignored, and so is a missing {@code \n}
 * after the last line. Blank lines (spaces, tabs) are skipped but counted in line numbers. Each
 * other line gives one {@link ParsedLine}: {@link Accepted}, or {@link Rejected} with a reason that
 * names the field and what was expected but never quotes the input. The checks, in order, and their
 * reasons:
 *
 * <ol>
 *   <li>the line's length in bytes, without its line end, before anything else (so even a blank
 *       line over the limit is rejected): {@code line is N bytes, more than the limit of M};
 *   <li>UTF-8, strictly: {@code invalid UTF-8 at byte N}, N being the 1-based position in the line
 *       of the first byte of the first ill-formed sequence;
 *   <li>JSON syntax: {@code expected a JSON object}, or {@code invalid JSON at column N: } followed
 *       by {@code unexpected character}, {@code unexpected end of line (truncated?)} or {@code
 *       unexpected content after the object}, N being the 1-based byte position in the line;
 *   <li>each field, in the order of the line, P being its path such as {@code messages[3].at}
 *       (indexes count from 0): {@code duplicate field "P"}, {@code field "P": must not be null},
 *       {@code field "P": expected a string} (or {@code an array}, {@code an object}, {@code one of
 *       open|pending|solved|closed}, {@code an ISO-8601 time such as 2019-12-05T10:15:00Z}, {@code
 *       1-128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit}), {@code field
 *       "P": N characters, more than the limit of M}, {@code field "P": more than the limit of M
 *       entries}, {@code field "P": expected Unicode text, found an unpaired surrogate};
 *   <li>unknown fields: {@code field "P": unknown field} if the name is a field name of the format
 *       in the wrong place, such as {@code customer.status}; any other name could be a value that
 *       slipped into a name position, so it is not shown: {@code unknown field (name not shown)} or
 *       {@code unknown field in "P" (name not shown)};
 *   <li>after the object: {@code missing required field "P"}, {@code field "updated": before
 *       "created"}.
 * </ol>
 *
 * <p>Times are {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of up to 9 digits, then {@code Z}
 * or {@code ±HH:MM}. JSON null for an optional field means absent; a missing {@code updated} is
 * {@code created}.
 *
 * <p>The reader copies every rejected line to {@code rejects}, byte for byte as read (a {@code \r}
 * before the line end included) followed by {@code \n}, so that the rejects can be fixed and
 * ingested again. A line over the limit is streamed there as it is read: the reader's buffer never
 * grows beyond 64 KiB or one line at the limit, whichever is larger.
 *
 * <p>Bad input never throws; only the input and reject streams' own I/O errors do. Not thread-safe.
 */
public final class CaseLineReader implements AutoCloseable {
  private static final int CHUNK = 64 * 1024;

  private final InputStream in;
  private final CaseLimits limits;
  private final OutputStream rejects;
  private final CaseParser parser;

  /** The largest the buffer grows to: a line at the limit, with "\r\n", must fit. */
  private final int capacity;

  private byte[] buffer = new byte[CHUNK];

  /** {@code buffer[start, end)} holds the bytes read but not yet consumed. */
  private int start;

  private int end;

  /** {@code buffer[start, scanFrom)} is known to hold no '\n'. */
  private int scanFrom;

  private boolean endOfInput;
  private long lineNumber;

  /**
   * @param in the JSON Lines, read in large chunks; closed by {@link #close()}
   * @param limits the limits every line must respect
   * @param rejects where rejected lines are copied, or null to discard them; neither flushed nor
   *     closed by this reader
   */
  public CaseLineReader(InputStream in, CaseLimits limits, OutputStream rejects) {
    this.in = Objects.requireNonNull(in, "in");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.rejects = rejects;
    this.parser = new CaseParser(limits);
    this.capacity = Math.max(CHUNK, limits.maxCaseBytes() + 2);
  }

  /**
   * The result for the next non-blank line, or null at the end of the input.
   *
   * @throws IOException only if reading the input or writing a reject fails
   */
  public ParsedLine next() throws IOException {
    while (true) {
      int newline = indexOfNewline(scanFrom, end);
      int lineEnd;
      if (newline >= 0) {
        lineEnd = newline;
      } else {
        scanFrom = end;
        // One byte of slack: a line at the limit may be followed by its '\r' before the '\n'.
        if (end - start > limits.maxCaseBytes() + 1) {
          lineNumber++;
          return rejectOversized();
        }
        if (fill()) {
          continue;
        }
        if (start == end) {
          return null;
        }
        lineEnd = end; // the last line, without '\n'
      }
      lineNumber++;
      int lineStart = start;
      start = Math.min(lineEnd + 1, end);
      scanFrom = start;
      ParsedLine parsed = parseLine(lineStart, lineEnd);
      if (parsed != null) {
        return parsed;
      }
    }
  }

  /** Closes the input; {@code rejects} stays open. */
  @Override
  public void close() throws IOException {
    in.close();
  }

  /** The result for the line {@code buffer[from, to)}, without its '\n'; null if it is blank. */
  private ParsedLine parseLine(int from, int to) throws IOException {
    int contentEnd = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
    int length = contentEnd - from;
    if (length > limits.maxCaseBytes()) {
      return reject(from, to, tooLong(length));
    }
    int first = from;
    while (first < contentEnd && isBlank(buffer[first])) {
      first++;
    }
    if (first == contentEnd) {
      return null;
    }
    int invalid = Utf8.firstInvalid(buffer, first, contentEnd);
    if (invalid >= 0) {
      return reject(from, to, "invalid UTF-8 at byte " + (invalid - from + 1));
    }
    if (buffer[first] != '{') {
      return reject(from, to, "expected a JSON object");
    }
    try {
      return new Accepted(lineNumber, parser.parse(buffer, from, first, contentEnd));
    } catch (CaseParser.Invalid e) {
      return reject(from, to, e.reason());
    }
  }

  private Rejected reject(int from, int to, String reason) throws IOException {
    writeReject(from, to);
    endReject();
    return new Rejected(lineNumber, reason);
  }

  /**
   * Rejects the line starting at {@code start}, known to be over the limit, copying it to {@code
   * rejects} chunk by chunk as it is read.
   */
  private Rejected rejectOversized() throws IOException {
    long length = end - start;
    boolean endsWithCr = buffer[end - 1] == '\r';
    writeReject(start, end);
    start = 0;
    end = 0;
    scanFrom = 0;
    while (!endOfInput) {
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        endOfInput = true;
        break;
      }
      int newline = indexOfNewline(0, n);
      int part = newline < 0 ? n : newline;
      if (part > 0) {
        writeReject(0, part);
        length += part;
        endsWithCr = buffer[part - 1] == '\r';
      }
      if (newline >= 0) {
        start = newline + 1;
        scanFrom = start;
        end = n;
        break;
      }
    }
    endReject();
    return new Rejected(lineNumber, tooLong(endsWithCr ? length - 1 : length));
  }

  private void writeReject(int from, int to) throws IOException {
    if (rejects != null) {
      rejects.write(buffer, from, to - from);
    }
  }

  private void endReject() throws IOException {
    if (rejects != null) {
      rejects.write('\n');
    }
  }

  private String tooLong(long length) {
    return "line is " + length + " bytes, more than the limit of " + limits.maxCaseBytes();
  }

  /**
   * Reads more input after the unconsumed bytes, first moving them to the front of the buffer and
   * growing it if they fill it. Returns false at the end of the input.
   */
  private boolean fill() throws IOException {
    if (endOfInput) {
      return false;
    }
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      scanFrom -= start;
      start = 0;
    }
    // The unconsumed bytes are part of one line within the limit, so they never fill a buffer of
    // full capacity: growing stops there.
    if (end == buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, capacity));
    }
    int n = in.read(buffer, end, buffer.length - end);
    if (n < 0) {
      endOfInput = true;
      return false;
    }
    end += n;
    return true;
  }

  private int indexOfNewline(int from, int to) {
    byte[] bytes = buffer;
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** JSON white space other than '\n', which ends lines. */
  static boolean isBlank(byte b) {
    return b == ' ' || b == '\t' || b == '\r';
  }
}
