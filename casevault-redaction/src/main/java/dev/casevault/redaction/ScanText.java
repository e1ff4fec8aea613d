package dev.casevault.redaction;

import java.util.Arrays;

/**
 * A text after the single pre-filter pass that every detector shares: its tokens (maximal runs of
 * letters and digits) with their shape, and the positions of the few symbols that start a candidate
 * ({@code @} and {@code ://}). Detectors look only at these candidates and a bounded window around
 * them.
 *
 * <p>A token is a maximal run of characters that are letters or digits ({@link
 * Character#isLetterOrDigit(char)}); every other character, including surrogates, separates tokens.
 * Offsets are {@link String} indices.
 */
public final class ScanText {
  /** Shape bits of a token. */
  private static final int HAS_DIGIT = 1;

  private static final int HAS_LETTER = 2;
  private static final int FIRST_UPPER = 4;
  private static final int HAS_LOWER = 8;
  private static final int UPPER_AFTER_FIRST = 16;

  /**
   * For each Latin-1 character (French and most Western European text), what {@link #classify}
   * gives, read from one table. Latin-1 has no title-case letters.
   */
  private static final int[] LATIN1 = new int[256];

  static {
    for (char c = 0; c < LATIN1.length; c++) {
      LATIN1[c] = classify(c);
    }
  }

  private static final int DEADLINE_CHECK_INTERVAL = 256;

  private final String text;
  private final DetectionBudget budget;
  private final long budgetNanos;
  private int checksUntilClock = DEADLINE_CHECK_INTERVAL;

  /** The text with every token character {@link Gazetteer#fold folded}; other characters as is. */
  private final char[] folded;

  private int tokenCount;

  /**
   * Per token, side by side so that one token's facts share a cache line: start, end, folded hash,
   * then shape bits with the {@link Keywords} flags above them.
   */
  private int[] tokens;

  private static final int FIELDS = 4;
  private static final int START = 0;
  private static final int END = 1;
  private static final int HASH = 2;
  private static final int SHAPE_AND_KEYWORDS = 3;
  private static final int SHAPE_BITS = 8;
  private static final int SHAPE_MASK = (1 << SHAPE_BITS) - 1;
  private int atCount;
  private int[] atSigns = new int[4];
  private int schemeCount;
  private int[] schemeSeparators = new int[2];

  private ScanText(String text, long budgetNanos) {
    this.text = text;
    this.budgetNanos = budgetNanos;
    this.budget = new DetectionBudget(budgetNanos, text.length());
    tokens = new int[FIELDS * Math.max(8, text.length() / 5)];
    folded = new char[text.length()];
    text.getChars(0, text.length(), folded, 0);
    scan();
  }

  /** Splits {@code text} into tokens; detectors working on it must finish within the budget. */
  public static ScanText of(String text, long budgetNanos) {
    return new ScanText(text, budgetNanos);
  }

  /** For tests and tools: a scan with no practical time limit. */
  public static ScanText unbounded(String text) {
    return new ScanText(text, Long.MAX_VALUE / 4);
  }

  /**
   * One pass over the characters: token boundaries and shapes, each token character folded in place
   * and hashed as {@link Gazetteer} hashes words (so that gazetteer lookups of whole tokens need
   * not read the characters again), and the {@code @} and {@code ://} positions.
   */
  private void scan() {
    char[] chars = folded;
    int n = chars.length;
    int i = 0;
    while (i < n) {
      char c = chars[i];
      int classified = c < 256 ? LATIN1[c] : classify(c);
      int first = classified & SHAPE_MASK;
      if (first == 0) {
        if (c == '@') {
          atSigns = push(atSigns, atCount++, i);
        } else if (c == ':' && i + 2 < n && chars[i + 1] == '/' && chars[i + 2] == '/') {
          schemeSeparators = push(schemeSeparators, schemeCount++, i);
        }
        i++;
        continue;
      }
      int start = i;
      int shape = first;
      if ((first & UPPER_AFTER_FIRST) != 0 || c >= 256 && Character.isTitleCase(c)) {
        // A first upper-case or title-case letter ("ǅ") capitalises the token.
        shape = first & ~UPPER_AFTER_FIRST | FIRST_UPPER;
      }
      char f = (char) (classified >>> SHAPE_BITS);
      chars[i] = f;
      int hash = f;
      i++;
      while (i < n) {
        c = chars[i];
        classified = c < 256 ? LATIN1[c] : classify(c);
        int next = classified & SHAPE_MASK;
        if (next == 0) {
          break;
        }
        shape |= next;
        f = (char) (classified >>> SHAPE_BITS);
        chars[i] = f;
        hash = 31 * hash + f;
        i++;
      }
      addToken(start, i, shape, hash);
    }
  }

  /**
   * The character {@link Gazetteer#fold folded} in the high bits; in the low {@value #SHAPE_BITS},
   * the shape bits it adds to a token it does not start (0: not a token character).
   */
  private static int classify(char c) {
    return Gazetteer.fold(c) << SHAPE_BITS | shapeOf(c);
  }

  private static int shapeOf(char c) {
    if (Character.isSurrogate(c)) {
      return 0;
    }
    if (Character.isLetter(c)) {
      if (Character.isUpperCase(c)) {
        return HAS_LETTER | UPPER_AFTER_FIRST;
      }
      return Character.isTitleCase(c) ? HAS_LETTER : HAS_LETTER | HAS_LOWER;
    }
    return Character.isDigit(c) ? HAS_DIGIT : 0;
  }

  private void addToken(int start, int end, int shape, int hash) {
    int at = FIELDS * tokenCount;
    if (at == tokens.length) {
      tokens = Arrays.copyOf(tokens, 2 * tokens.length);
    }
    tokens[at + START] = start;
    tokens[at + END] = end;
    tokens[at + HASH] = hash;
    tokens[at + SHAPE_AND_KEYWORDS] = shape;
    if ((shape & HAS_DIGIT) == 0 && Keywords.mayBeListed(folded[start], end - start)) {
      tokens[at + SHAPE_AND_KEYWORDS] |= Keywords.TABLE.flags(this, tokenCount) << SHAPE_BITS;
    }
    tokenCount++;
  }

  private static int[] push(int[] array, int index, int value) {
    int[] target = index == array.length ? Arrays.copyOf(array, array.length * 2) : array;
    target[index] = value;
    return target;
  }

  /**
   * Throws {@link DetectionTimeoutException} once the budget is spent. Cheap enough to call per
   * token: it reads the clock only every few hundred calls.
   */
  public void checkDeadline() {
    if (--checksUntilClock > 0) {
      return;
    }
    checksUntilClock = DEADLINE_CHECK_INTERVAL;
    if (budget.spent(System.nanoTime())) {
      throw new DetectionTimeoutException(budgetNanos, text.length());
    }
  }

  /** Throws if the budget is spent, reading the clock now. */
  void checkDeadlineNow() {
    checksUntilClock = 1;
    checkDeadline();
  }

  public String text() {
    return text;
  }

  public int length() {
    return text.length();
  }

  /** The character at {@code index}, or {@code '\0'} outside the text (saves bounds checks). */
  public char charAt(int index) {
    return index >= 0 && index < text.length() ? text.charAt(index) : '\0';
  }

  public int tokenCount() {
    return tokenCount;
  }

  public int start(int token) {
    return tokens[FIELDS * token + START];
  }

  public int end(int token) {
    return tokens[FIELDS * token + END];
  }

  public int tokenLength(int token) {
    return end(token) - start(token);
  }

  public String token(int token) {
    return text.substring(start(token), end(token));
  }

  private int shape(int token) {
    return tokens[FIELDS * token + SHAPE_AND_KEYWORDS] & SHAPE_MASK;
  }

  /** Only digits. */
  public boolean isDigits(int token) {
    return shape(token) == HAS_DIGIT;
  }

  /** Only letters. */
  public boolean isLetters(int token) {
    return (shape(token) & HAS_DIGIT) == 0;
  }

  /** Letters and digits. */
  public boolean isMixed(int token) {
    return (shape(token) & (HAS_DIGIT | HAS_LETTER)) == (HAS_DIGIT | HAS_LETTER);
  }

  public boolean hasDigit(int token) {
    return (shape(token) & HAS_DIGIT) != 0;
  }

  /** Starts with an upper-case letter ("Jane", "JANE", "McDo", "Ab12"). */
  public boolean isCapitalised(int token) {
    return (shape(token) & FIRST_UPPER) != 0;
  }

  /** Has letters and none of them is lower case ("JANE", "FR76", "AB"). */
  public boolean isAllUpper(int token) {
    return (shape(token) & (HAS_LETTER | HAS_LOWER)) == HAS_LETTER;
  }

  /** Has letters and all of them are lower case ("jane", "at", "abc123"). */
  public boolean isAllLower(int token) {
    return (shape(token) & (HAS_LETTER | HAS_LOWER | FIRST_UPPER | UPPER_AFTER_FIRST))
        == (HAS_LETTER | HAS_LOWER);
  }

  /**
   * The {@link Keywords} flags of a letter token, or 0: which detectors' trigger or context word it
   * is, read from one table lookup made during the scan.
   */
  int keywords(int token) {
    return tokens[FIELDS * token + SHAPE_AND_KEYWORDS] >>> SHAPE_BITS;
  }

  /** The polynomial hash of the token's folded characters, as {@link Gazetteer} computes it. */
  int foldedHash(int token) {
    return tokens[FIELDS * token + HASH];
  }

  /** The text with token characters folded (lower case without accents); do not modify. */
  char[] folded() {
    return folded;
  }

  /** Whether the token equals {@code lowerCaseWord} ignoring case (ASCII and Latin letters). */
  public boolean tokenIs(int token, String lowerCaseWord) {
    int start = start(token);
    int length = end(token) - start;
    if (length != lowerCaseWord.length()) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = text.charAt(start + i);
      if (c != lowerCaseWord.charAt(i) && Character.toLowerCase(c) != lowerCaseWord.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The token in lower case (allocates; use on candidates, not on every token). */
  public String lowerToken(int token) {
    return text.substring(start(token), end(token)).toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The index of the first token that ends after {@code offset} (the token containing it, or the
   * next one), or {@link #tokenCount()} if none.
   */
  public int tokenAtOrAfter(int offset) {
    int low = 0;
    int high = tokenCount;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (end(mid) <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Positions of every {@code @} character, ascending. */
  public int atSignCount() {
    return atCount;
  }

  public int atSign(int index) {
    return atSigns[index];
  }

  /** Positions of every {@code ://} (the colon), ascending. */
  public int schemeSeparatorCount() {
    return schemeCount;
  }

  public int schemeSeparator(int index) {
    return schemeSeparators[index];
  }
}
