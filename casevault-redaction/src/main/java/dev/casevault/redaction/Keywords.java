package dev.casevault.redaction;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The words that start or support a detector's work, in one table that {@link ScanText} looks every
 * letter token up in once, so that a detector tests a flag instead of comparing each token with its
 * word list. A flag means the token equals a listed word ignoring case and accents ({@link
 * Gazetteer#fold}): a superset of an exact comparison, so a detector that needs the exact word
 * still compares, but only on the few tokens flagged.
 */
final class Keywords {
  /** A birth word of {@link DateOfBirthDetector}. */
  static final int BIRTH = 1;

  /** "at" or "arobase", which may join a spelled-out e-mail address. */
  static final int AT_WORD = 1 << 1;

  /** A word of a label that introduces a secret ({@link SecretLabels}). */
  static final int SECRET_LABEL = 1 << 2;

  /** A word that announces a phone number before it. */
  static final int PHONE_CONTEXT = 1 << 3;

  static final Gazetteer TABLE;

  /** Longest word listed: longer tokens are not looked up. */
  private static final int MAX_LENGTH;

  /**
   * For each folded first letter a-z, the lengths (as bits) of the words starting with it: most
   * tokens are ruled out by this before the table is probed.
   */
  private static final int[] LENGTHS_BY_FIRST_LETTER = new int[26];

  static {
    Map<String, Integer> flags = new HashMap<>();
    add(flags, List.of(DateOfBirthDetector.BIRTH_WORDS), BIRTH);
    add(flags, List.of("at", "arobase"), AT_WORD);
    add(flags, SecretLabels.labelWords(), SECRET_LABEL);
    add(flags, List.of(PhoneDetector.CONTEXT_WORDS), PHONE_CONTEXT);
    TABLE = Gazetteer.sparseWithFlags(flags);
    MAX_LENGTH = flags.keySet().stream().mapToInt(String::length).max().orElseThrow();
    for (String word : flags.keySet()) {
      LENGTHS_BY_FIRST_LETTER[Gazetteer.fold(word.charAt(0)) - 'a'] |= 1 << word.length();
    }
  }

  /** Whether a word of this length starting with this folded letter may be listed. */
  static boolean mayBeListed(char foldedFirst, int length) {
    return foldedFirst >= 'a'
        && foldedFirst <= 'z'
        && length <= MAX_LENGTH
        && (LENGTHS_BY_FIRST_LETTER[foldedFirst - 'a'] & 1 << length) != 0;
  }

  private Keywords() {}

  private static void add(Map<String, Integer> flags, Collection<String> words, int flag) {
    for (String word : words) {
      flags.merge(word, flag, (a, b) -> a | b);
    }
  }
}
