package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.CaseLimits;
import dev.casevault.redaction.DetectionFailedException;
import dev.casevault.redaction.DetectionTimeoutException;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Finds personal data in texts. Reads JSON Lines {\"text\": \"...\"} from FILE",
      "(or stdin; other fields are ignored) and writes one line per input line:",
      "  {\"spans\": [{\"type\": \"EMAIL\", \"start\": 10, \"end\": 27,",
      "              \"score\": 0.99, \"rule\": \"email.plain\"}]}",
      "start and end are 0-based, end-exclusive UTF-16 offsets into text.",
      "",
      "A bad line, or a text the detector could not finish, gives",
      "{\"error\": \"REASON\"} so that output stays line-aligned, and",
      "FILE:LINE: REASON on stderr (input text is never quoted).",
      "",
      "Exit status: 0 all lines examined, 3 some lines rejected, 1 error,",
      "2 bad command line."
    })
final class DetectCommand implements Callable<Integer> {
  static final int SOME_REJECTED = IngestCommand.SOME_REJECTED;

  private static final JsonFactory JSON = JsonFactory.builder().build();

  @Parameters(
      arity = "0..1",
      paramLabel = "FILE",
      description = "JSON Lines file of {\"text\": ...} objects (default: stdin).")
  Path file;

  @Option(
      names = "--max-line-bytes",
      paramLabel = "N",
      defaultValue = "16777216",
      description = "Longest accepted line, in bytes (default: ${DEFAULT-VALUE}, 16 MiB).")
  int maxLineBytes;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** Made when the command runs, not when the command line is built for another command. */
  private final Supplier<PiiDetector> detectors;

  DetectCommand() {
    this(PiiDetector::standard);
  }

  /** With another detector, for tests. */
  DetectCommand(Supplier<PiiDetector> detectors) {
    this.detectors = detectors;
  }

  @Override
  public Integer call() throws Exception {
    if (maxLineBytes <= 0 || maxLineBytes > CaseLimits.MAX_CASE_BYTES_CEILING) {
      throw new CaseVaultException(
          "--max-line-bytes: expected 1 to " + CaseLimits.MAX_CASE_BYTES_CEILING);
    }
    String name = file == null ? "stdin" : file.toString();
    PiiDetector detector = detectors.get();
    PrintStream err = System.err;
    long lines = 0;
    long rejected = 0;
    try (InputStream opened = file == null ? null : Files.newInputStream(file);
        JsonGenerator out = generator(System.out)) {
      // stdin is not ours to close.
      InputStream in = opened == null ? System.in : opened;
      BoundedLines input = new BoundedLines(in, maxLineBytes, out::flush);
      while (input.next()) {
        lines++;
        String error = examine(input, detector, out);
        if (error != null) {
          rejected++;
          out.writeStartObject();
          out.writeStringField("error", error);
          out.writeEndObject();
          err.println(name + ":" + lines + ": " + error);
        }
        out.writeRaw('\n');
      }
    }
    if (rejected > 0) {
      err.printf("detect: %,d of %,d lines rejected%n", rejected, lines);
      return SOME_REJECTED;
    }
    return 0;
  }

  /** A generator that writes through a large buffer and leaves {@code stdout} open. */
  private static JsonGenerator generator(OutputStream stdout) throws IOException {
    JsonGenerator generator = JSON.createGenerator(new BufferedOutputStream(stdout, 1 << 16));
    generator.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    generator.setRootValueSeparator(null);
    return generator;
  }

  /** Writes the findings of the line's text, or returns why the line has none. */
  private static String examine(BoundedLines input, PiiDetector detector, JsonGenerator out)
      throws IOException {
    if (input.tooLong()) {
      return "line longer than " + input.maxBytes() + " bytes";
    }
    Parsed parsed = parse(input.bytes(), input.length());
    if (parsed.error != null) {
      return parsed.error;
    }
    List<Finding> findings;
    try {
      findings = detector.detect(parsed.text);
    } catch (DetectionTimeoutException | DetectionFailedException e) {
      // Both messages name the detector or the budget, never the text.
      return e.getMessage();
    }
    out.writeStartObject();
    out.writeArrayFieldStart("spans");
    for (Finding finding : findings) {
      out.writeStartObject();
      out.writeStringField("type", finding.type().name());
      out.writeNumberField("start", finding.start());
      out.writeNumberField("end", finding.end());
      out.writeNumberField("score", finding.score());
      out.writeStringField("rule", finding.rule());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
    return null;
  }

  /** A line's text, or why it has none. */
  record Parsed(String text, String error) {
    static Parsed failure(String error) {
      return new Parsed(null, error);
    }
  }

  /** Reads {@code {"text": "..."}} (other fields skipped). Reasons never quote the input. */
  static Parsed parse(byte[] line, int length) {
    if (isBlank(line, length)) {
      return Parsed.failure("empty line");
    }
    try (JsonParser parser = JSON.createParser(line, 0, length)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Parsed.failure("expected a JSON object");
      }
      String text = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("text")) {
          if (text != null) {
            return Parsed.failure("\"text\" appears twice");
          }
          if (value != JsonToken.VALUE_STRING) {
            return Parsed.failure("\"text\" is not a string");
          }
          text = parser.getText();
        } else {
          parser.skipChildren();
        }
      }
      if (parser.nextToken() != null) {
        return Parsed.failure("more than one JSON value on the line");
      }
      if (text == null) {
        return Parsed.failure("no \"text\" field");
      }
      return new Parsed(text, null);
    } catch (JsonProcessingException e) {
      // Jackson's messages quote the input; the reason must not.
      return Parsed.failure("invalid JSON or UTF-8");
    } catch (IOException e) {
      return Parsed.failure("unreadable line");
    }
  }

  private static boolean isBlank(byte[] line, int length) {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /**
   * Lines of bytes, each at most {@code maxBytes} long without its line end, so that memory stays
   * bounded whatever the input; the rest of a longer line is skipped and the line marked too long.
   * A line ends at {@code \n}; a {@code \r} before it is dropped.
   */
  static final class BoundedLines {
    private final InputStream in;
    private final int maxBytes;
    private final Flusher beforeWaiting;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private byte[] line = new byte[1 << 12];
    private int length;
    private boolean tooLong;
    private boolean ended;

    /** Called before a read that may block, so that a reader waiting for answers gets them. */
    interface Flusher {
      void flush() throws IOException;
    }

    BoundedLines(InputStream in, int maxBytes, Flusher beforeWaiting) {
      this.in = in;
      this.maxBytes = maxBytes;
      this.beforeWaiting = beforeWaiting;
    }

    /** Moves to the next line; false at the end of the input. */
    boolean next() throws IOException {
      length = 0;
      tooLong = false;
      boolean readAny = false;
      while (true) {
        if (position == limit) {
          if (ended) {
            return readAny;
          }
          if (in.available() <= 0) {
            beforeWaiting.flush();
          }
          int read = in.read(buffer);
          if (read < 0) {
            ended = true;
            return readAny;
          }
          position = 0;
          limit = read;
        }
        readAny = true;
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        append(position, end);
        if (end < limit) {
          position = end + 1;
          if (length > 0 && line[length - 1] == '\r' && !tooLong) {
            length--;
          }
          return true;
        }
        position = limit;
      }
    }

    private void append(int from, int to) {
      int count = to - from;
      if (tooLong || count == 0) {
        return;
      }
      // One byte of slack for a \r that the line end will drop.
      if ((long) length + count > (long) maxBytes + 1) {
        tooLong = true;
        return;
      }
      if (length + count > line.length) {
        line =
            Arrays.copyOf(
                line,
                (int) Math.min(Math.max(2L * line.length, length + count), (long) maxBytes + 1));
      }
      System.arraycopy(buffer, from, line, length, count);
      length += count;
    }

    boolean tooLong() {
      return tooLong || length > maxBytes;
    }

    int maxBytes() {
      return maxBytes;
    }

    byte[] bytes() {
      return line;
    }

    int length() {
      return length;
    }
  }
}
