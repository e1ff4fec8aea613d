package dev.casevault.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (Unicode 15, table 3-7): rejects overlong forms, encoded surrogates and
 * code points above U+10FFFF, which the JSON parser would let through or decode silently.
 */
final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * The index of the first byte of the first ill-formed sequence in {@code bytes[from, to)}, or -1
   * if it is all well-formed.
   */
  static int firstInvalid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to) {
      // Cases are mostly ASCII: skip eight ASCII bytes at a time.
      while (i + Long.BYTES <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
      }
      if (i == to) {
        break;
      }
      int lead = bytes[i] & 0xFF;
      if (lead < 0x80) {
        i++;
        continue;
      }
      int continuations;
      int secondMin = 0x80;
      int secondMax = 0xBF;
      if (lead >= 0xC2 && lead <= 0xDF) {
        continuations = 1;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuations = 2;
        if (lead == 0xE0) {
          secondMin = 0xA0; // overlong below
        } else if (lead == 0xED) {
          secondMax = 0x9F; // surrogates above
        }
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuations = 3;
        if (lead == 0xF0) {
          secondMin = 0x90; // overlong below
        } else if (lead == 0xF4) {
          secondMax = 0x8F; // beyond U+10FFFF above
        }
      } else {
        return i;
      }
      if (i + continuations >= to) {
        return i;
      }
      int second = bytes[i + 1] & 0xFF;
      if (second < secondMin || second > secondMax) {
        return i;
      }
      for (int k = 2; k <= continuations; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += continuations + 1;
    }
    return -1;
  }
}
