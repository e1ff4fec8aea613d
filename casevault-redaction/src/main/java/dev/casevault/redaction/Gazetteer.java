package dev.casevault.redaction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A fixed set of words, looked up straight from a region of the text ignoring case and accents
 * ("Élodie" finds "elodie", "Muller" finds "müller"), so that checking a token allocates nothing.
 * Open addressing with linear probing over a table at most half full (a sixteenth for sparse ones).
 */
final class Gazetteer {
  private static final String BASE = "/dev/casevault/redaction/";

  /** Lower case without accents for the Latin letters up to U+024F. */
  private static final char[] FOLD = new char[0x250];

  static {
    for (char c = 0; c < FOLD.length; c++) {
      char lower = Character.toLowerCase(c);
      String base = Normalizer.normalize(String.valueOf(lower), Normalizer.Form.NFD);
      FOLD[c] = base.isEmpty() ? lower : base.charAt(0);
    }
  }

  /** The word of each slot, folded; null in empty slots. */
  private final char[][] words;

  /**
   * For each slot, its word's hash and then its flags (0 in an empty slot: a word without flags is
   * not stored, as looking it up gives 0 either way). Side by side, so that a probe reads one place
   * of memory, and only a probe whose hash matches reads the word.
   */
  private final int[] hashesAndFlags;

  private final int mask;

  private Gazetteer(Map<String, Integer> flagsByWord, int slotsPerWord) {
    Map<String, Integer> folded = new HashMap<>();
    flagsByWord.forEach((word, bits) -> folded.merge(fold(word), bits, (a, b) -> a | b));
    int capacity = Integer.highestOneBit(Math.max(4, folded.size() * slotsPerWord - 1)) << 1;
    words = new char[capacity][];
    hashesAndFlags = new int[2 * capacity];
    mask = capacity - 1;
    folded.forEach(
        (word, bits) -> {
          if (bits == 0) {
            return;
          }
          int hash = hash(word, 0, word.length());
          int slot = hash & mask;
          while (words[slot] != null) {
            slot = (slot + 1) & mask;
          }
          words[slot] = word.toCharArray();
          hashesAndFlags[2 * slot] = hash;
          hashesAndFlags[2 * slot + 1] = bits;
        });
  }

  /** A set: every word gets the flag 1. */
  static Gazetteer of(List<String> words) {
    Map<String, Integer> map = new HashMap<>();
    for (String word : words) {
      map.put(word, 1);
    }
    return new Gazetteer(map, 2);
  }

  /** Words with bit flags; a word listed under several keys gets their union. */
  static Gazetteer withFlags(Map<String, Integer> flagsByWord) {
    return new Gazetteer(flagsByWord, 2);
  }

  /**
   * Like {@link #withFlags}, for a small set looked up with nearly every token, mostly in vain: a
   * table at most 1/16 full, so that a miss nearly always ends at the first, empty slot.
   */
  static Gazetteer sparseWithFlags(Map<String, Integer> flagsByWord) {
    return new Gazetteer(flagsByWord, 16);
  }

  /**
   * Given names of many Latin-script locales, from two sources: datafaker (first-names.txt) and
   * {@code @faker-js/faker} (first-names-fakerjs.txt); see each file's header.
   */
  static List<String> firstNames() {
    return readLines("first-names.txt", "first-names-fakerjs.txt");
  }

  /**
   * Family names of the same locales and sources, and the most frequent US Census 1990 surnames
   * (last-names-census.txt).
   */
  static List<String> lastNames() {
    return readLines("last-names.txt", "last-names-fakerjs.txt", "last-names-census.txt");
  }

  /** Country and state names of the same locales, whole ("costa rica"), from @faker-js/faker. */
  static List<String> places() {
    return readLines("places-fakerjs.txt");
  }

  /** Everyday words, brands and calendar words that are never a name on their own evidence. */
  static List<String> commonWords() {
    return readLines("name-common-words.txt");
  }

  /** The lines of several resources, one after the other. */
  static List<String> readLines(String... resources) {
    List<String> lines = new ArrayList<>();
    for (String resource : resources) {
      lines.addAll(readLines(resource));
    }
    return lines;
  }

  /** Lines of a resource: comments (#) and blank lines skipped, lower-cased. */
  static List<String> readLines(String resource) {
    try (InputStream in = Gazetteer.class.getResourceAsStream(BASE + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String word = line.strip();
        if (!word.isEmpty() && word.charAt(0) != '#') {
          lines.add(word.toLowerCase(Locale.ROOT));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean contains(String word) {
    return flags(word, 0, word.length()) != 0;
  }

  /** Whether a token of a scanned text, ignoring case and accents, is in the set. */
  boolean contains(ScanText text, int token) {
    return flags(text, token) != 0;
  }

  /** Whether {@code text[start, end)}, ignoring case and accents, is in the set. */
  boolean contains(String text, int start, int end) {
    return flags(text, start, end) != 0;
  }

  /** The flags of {@code text[start, end)}, ignoring case and accents, or 0 if absent. */
  int flags(String text, int start, int end) {
    int hash = hash(text, start, end);
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int bits = hashesAndFlags[2 * slot + 1];
      if (bits == 0) {
        return 0;
      }
      if (hashesAndFlags[2 * slot] == hash && sameIgnoringCase(words[slot], text, start, end)) {
        return bits;
      }
    }
  }

  /**
   * The flags of one token of a scanned text, or 0 if absent: the same as {@link #flags(String,
   * int, int)} over the token, from the hash and folded characters the scan already computed.
   */
  int flags(ScanText text, int token) {
    int hash = mix(text.foldedHash(token));
    for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
      int bits = hashesAndFlags[2 * slot + 1];
      if (bits == 0) {
        return 0;
      }
      if (hashesAndFlags[2 * slot] == hash && sameFolded(words[slot], text, token)) {
        return bits;
      }
    }
  }

  private static boolean sameFolded(char[] word, ScanText text, int token) {
    int start = text.start(token);
    if (word.length != text.end(token) - start) {
      return false;
    }
    // A plain loop: words are a few letters, too short for Arrays.equals to pay off.
    char[] folded = text.folded();
    for (int i = 0; i < word.length; i++) {
      if (word[i] != folded[start + i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameIgnoringCase(char[] folded, String text, int start, int end) {
    if (folded.length != end - start) {
      return false;
    }
    for (int i = 0; i < folded.length; i++) {
      if (fold(text.charAt(start + i)) != folded[i]) {
        return false;
      }
    }
    return true;
  }

  private static int hash(String text, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + fold(text.charAt(i));
    }
    return mix(h);
  }

  /** Spreads the polynomial hash's high bits into the low ones that pick a slot. */
  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  /** Lower case without accents, for the Latin letters up to U+024F. */
  static char fold(char c) {
    return c < FOLD.length ? FOLD[c] : Character.toLowerCase(c);
  }

  private static String fold(String word) {
    char[] chars = word.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = fold(chars[i]);
    }
    return new String(chars);
  }
}
