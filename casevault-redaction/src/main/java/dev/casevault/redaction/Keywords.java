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
  static final int MAX_LENGTH;

  static {
    Map<String, Integer> flags = new HashMap<>();
    add(flags, List.of(DateOfBirthDetector.BIRTH_WORDS), BIRTH);
    add(flags, List.of("at", "arobase"), AT_WORD);
    add(flags, SecretLabels.labelWords(), SECRET_LABEL);
    add(flags, List.of(PhoneDetector.CONTEXT_WORDS), PHONE_CONTEXT);
    TABLE = Gazetteer.withFlags(flags);
    MAX_LENGTH = flags.keySet().stream().mapToInt(String::length).max().orElseThrow();
  }

  private Keywords() {}

  private static void add(Map<String, Integer> flags, Collection<String> words, int flag) {
    for (String word : words) {
      flags.merge(word, flag, (a, b) -> a | b);
    }
  }
}
