package dev.casevault.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {
  @ParameterizedTest
  @CsvSource({
    "'', -1",
    "41 42 43, -1",
    "C3 A9, -1",
    "E2 82 AC, -1",
    "F0 9F 98 80, -1",
    "F4 8F BF BF, -1",
    "EF BB BF 7B, -1",
    "41 80, 1",
    "41 C3, 1",
    "C0 80, 0",
    "C1 BF, 0",
    "E0 80 80, 0",
    "E0 9F BF, 0",
    "ED A0 80, 0",
    "ED BF BF, 0",
    "F0 80 80 80, 0",
    "F0 8F BF BF, 0",
    "F4 90 80 80, 0",
    "F5 80 80 80, 0",
    "FF, 0",
    "41 42 43 44 45 46 47 48 49 E2 82, 9",
    "41 42 43 44 45 46 47 48 49 E2 82 41, 9",
  })
  void findsTheFirstIllFormedSequence(String hex, int expected) {
    assertThat(Utf8.firstInvalid(bytes(hex), 0, bytes(hex).length)).isEqualTo(expected);
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomInput() throws Exception {
    Seeds.run(
        random -> {
          for (int round = 0; round < 20_000; round++) {
            byte[] bytes = nearlyValid(random);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(Utf8.firstInvalid(bytes, from, to))
                .as("bytes %s from %d to %d", java.util.HexFormat.of().formatHex(bytes), from, to)
                .isEqualTo(jdkFirstInvalid(bytes, from, to));
          }
        });
  }

  /** Valid UTF-8 of random code points, around the encoding boundaries, with a few bad bytes. */
  private static byte[] nearlyValid(Random random) {
    int[] edges = {0, 0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF};
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int n = random.nextInt(30); n > 0; n--) {
      int codePoint =
          switch (random.nextInt(4)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> edges[random.nextInt(edges.length)];
            default -> {
              int c = random.nextInt(0x110000);
              yield c >= 0xD800 && c <= 0xDFFF ? 'x' : c;
            }
          };
      out.writeBytes(new String(Character.toChars(codePoint)).getBytes(UTF_8));
    }
    byte[] bytes = out.toByteArray();
    for (int bad = random.nextInt(3); bad > 0 && bytes.length > 0; bad--) {
      bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80));
    }
    return bytes;
  }

  private static int jdkFirstInvalid(byte[] bytes, int from, int to) {
    CharsetDecoder decoder =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(2 * bytes.length + 2), true);
    return result.isError() ? in.position() : -1;
  }

  private static byte[] bytes(String hex) {
    return java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
  }
}
