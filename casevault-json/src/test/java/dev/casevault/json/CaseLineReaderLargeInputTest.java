package dev.casevault.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.json.ParsedLine.Accepted;
import dev.casevault.json.ParsedLine.Rejected;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * A generated input, never held in memory: 200,000 small lines around one 50 MiB line. The huge
 * line must reach the rejects whole (counted and checksummed, not stored) and cost its neighbours
 * nothing.
 */
class CaseLineReaderLargeInputTest {
  private static final int SMALL_LINES_EACH_SIDE = 100_000;
  private static final int HUGE_LINE_BYTES = 50 * 1024 * 1024;
  private static final byte[] HUGE_HEAD =
      "{\"id\":\"CASE-HUGE\",\"description\":\"".getBytes(UTF_8);
  private static final byte[] HUGE_TAIL = "\"}\n".getBytes(UTF_8);

  @Test
  void hugeLineIsStreamedToRejectsAndItsNeighboursAreAccepted() throws IOException {
    CountingOutputStream rejects = new CountingOutputStream();
    long accepted = 0;
    try (CaseLineReader reader =
        new CaseLineReader(new GeneratedInput(), CaseLimits.defaults(), rejects)) {
      for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
        if (line.lineNumber() == SMALL_LINES_EACH_SIDE + 1) {
          assertThat(line)
              .isEqualTo(
                  new Rejected(
                      SMALL_LINES_EACH_SIDE + 1,
                      "line is 52428800 bytes, more than the limit of 1048576"));
          continue;
        }
        assertThat(line).isInstanceOf(Accepted.class);
        long number = line.lineNumber();
        long index = number <= SMALL_LINES_EACH_SIDE ? number : number - 1;
        assertThat(((Accepted) line).supportCase().id().value()).isEqualTo("CASE-" + index);
        assertThat(number).isEqualTo(accepted + (accepted < SMALL_LINES_EACH_SIDE ? 1 : 2));
        accepted++;
      }
    }
    assertThat(accepted).isEqualTo(2L * SMALL_LINES_EACH_SIDE);
    assertThat(rejects.count).isEqualTo(HUGE_LINE_BYTES + 1L);
    assertThat(rejects.crc.getValue()).isEqualTo(hugeLineChecksum());
  }

  private static long hugeLineChecksum() {
    CRC32 crc = new CRC32();
    HugeLine line = new HugeLine();
    byte[] chunk = new byte[1 << 16];
    for (int n = line.read(chunk, 0, chunk.length); n > 0; n = line.read(chunk, 0, chunk.length)) {
      crc.update(chunk, 0, n);
    }
    return crc.getValue();
  }

  private static byte[] smallLine(long index) {
    return ("{\"id\":\"CASE-"
            + index
            + "\",\"created\":\"2019-12-05T10:15:00Z\",\"status\":\"open\",\"product\":\"P\","
            + "\"channel\":\"chat\",\"language\":\"en\",\"subject\":\"s\",\"description\":\"d\"}\n")
        .getBytes(UTF_8);
  }

  /** The huge line, with its '\n': a head, filler, a tail, produced as it is read. */
  private static final class HugeLine {
    private long position;

    int read(byte[] b, int off, int len) {
      long total = HUGE_LINE_BYTES + 1L;
      int n = (int) Math.min(len, total - position);
      for (int i = 0; i < n; i++) {
        long at = position + i;
        long tailStart = total - HUGE_TAIL.length;
        b[off + i] =
            at < HUGE_HEAD.length
                ? HUGE_HEAD[(int) at]
                : at >= tailStart ? HUGE_TAIL[(int) (at - tailStart)] : (byte) 'x';
      }
      position += n;
      return n;
    }
  }

  /** Small lines, the huge line, small lines again. */
  private static final class GeneratedInput extends InputStream {
    private long smallLines;
    private byte[] line = new byte[0];
    private int linePosition;
    private HugeLine huge;
    private boolean hugeDone;

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      while (linePosition == line.length) {
        if (huge != null) {
          int n = huge.read(b, off, len);
          if (n > 0) {
            return n;
          }
          huge = null;
          hugeDone = true;
        } else if (smallLines == SMALL_LINES_EACH_SIDE && !hugeDone) {
          huge = new HugeLine();
        } else if (smallLines == 2L * SMALL_LINES_EACH_SIDE) {
          return -1;
        } else {
          line = smallLine(++smallLines);
          linePosition = 0;
        }
      }
      int n = Math.min(len, line.length - linePosition);
      System.arraycopy(line, linePosition, b, off, n);
      linePosition += n;
      return n;
    }
  }

  /** Counts and checksums what it is given, storing nothing. */
  private static final class CountingOutputStream extends OutputStream {
    long count;
    final CRC32 crc = new CRC32();

    @Override
    public void write(int b) {
      count++;
      crc.update(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      Objects.checkFromIndexSize(off, len, b.length);
      count += len;
      crc.update(b, off, len);
    }
  }
}
