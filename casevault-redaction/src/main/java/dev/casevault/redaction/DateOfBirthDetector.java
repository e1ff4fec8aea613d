package dev.casevault.redaction;

import java.time.Year;
import java.util.List;

/**
 * Dates of birth: a calendar date that follows a birth word ("born", "DOB", "date of birth", "né
 * le", "date de naissance", "geboren") within a short window. A date without such a word is a case
 * date (an order, a charge, when a fault started) and is left alone, so the search starts from the
 * rare birth words, not from the many dates.
 */
final class DateOfBirthDetector implements Detector {
  /** How far after the birth word the date may start: "date of birth; it should be 1985-05-01". */
  private static final int WINDOW_TOKENS = 9;

  private static final int WINDOW_CHARS = 60;

  static final String[] BIRTH_WORDS = {
    "born",
    "birth",
    "dob",
    "birthday",
    "birthdate",
    "naissance",
    "né",
    "née",
    "nee",
    "geboren",
    "geb",
    "nacimiento",
    "nascita",
    "nato",
    "nata"
  };

  private static final int MIN_YEAR = 1900;

  /**
   * Read once rather than per text (the clock is costly next to a scan of a short field); the year
   * after this one, so that a process running over a new year still takes this year's births.
   */
  private static final int MAX_YEAR = Year.now().getValue() + 1;

  @Override
  public void detect(ScanText text, List<Finding> out) {
    int resumeAt = 0;
    for (int t = 0; t < text.tokenCount(); t++) {
      text.checkDeadline();
      if (!isBirthWord(text, t)) {
        continue;
      }
      // The full stop of an abbreviation ("DOB.", "d.o.b.") is not a sentence end.
      int end = text.charAt(text.end(t)) == '.' ? text.end(t) + 1 : text.end(t);
      for (int d = Math.max(t + 1, resumeAt);
          d <= t + WINDOW_TOKENS && d < text.tokenCount();
          d++) {
        text.checkDeadline();
        if (text.start(d) - end > WINDOW_CHARS || crossesParagraph(text, end, text.start(d))) {
          break;
        }
        int last = DateSyntax.dateEnd(text, d, MIN_YEAR, MAX_YEAR);
        if (last >= 0) {
          out.add(
              new Finding(
                  PiiType.DATE_OF_BIRTH, text.start(d), text.end(last), 0.9, "dob.context"));
          resumeAt = last + 1;
          break;
        }
      }
    }
  }

  private static boolean isBirthWord(ScanText text, int t) {
    // The flag also admits words that differ only by accents ("ne" for "né"): compare exactly.
    if ((text.keywords(t) & Keywords.BIRTH) != 0) {
      for (String word : BIRTH_WORDS) {
        if (text.tokenIs(t, word)) {
          return true;
        }
      }
    }
    // d.o.b. is three one-letter tokens.
    return text.tokenIs(t, "b")
        && t >= 2
        && text.tokenIs(t - 1, "o")
        && text.tokenIs(t - 2, "d")
        && text.charAt(text.start(t) - 1) == '.';
  }

  /** A blank line or a sentence end separates the birth word from an unrelated date. */
  private static boolean crossesParagraph(ScanText text, int from, int to) {
    int newlines = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\n' && ++newlines > 1) {
        return true;
      }
      if ((c == '.' || c == '!' || c == '?') && Character.isWhitespace(text.charAt(i + 1))) {
        return true;
      }
    }
    return false;
  }
}
