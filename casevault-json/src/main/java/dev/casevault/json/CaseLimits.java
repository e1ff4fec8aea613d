package dev.casevault.json;

/**
 * Size limits that {@link CaseLineReader} enforces on every line, so that one hostile or broken
 * line cannot exhaust memory or bloat the index.
 *
 * <p>Character counts are Java {@code char}s (UTF-16 code units), as {@link String#length()} counts
 * them.
 *
 * @param maxCaseBytes largest line, in bytes, without its line end; checked before parsing
 * @param maxSubjectChars largest {@code subject}
 * @param maxTextChars largest {@code description}, message text and note text
 * @param maxKeywordChars largest keyword-like value: {@code product}, {@code region}, {@code team},
 *     a tag, a note author, and every customer and agent field
 * @param maxTags most entries in {@code tags}
 * @param maxMessages most entries in {@code messages}
 * @param maxNotes most entries in {@code notes}
 */
public record CaseLimits(
    int maxCaseBytes,
    int maxSubjectChars,
    int maxTextChars,
    int maxKeywordChars,
    int maxTags,
    int maxMessages,
    int maxNotes) {

  /**
   * The reader holds one whole line in memory, so the line limit also bounds its buffer; beyond 1
   * GiB a single case is certainly not a support case.
   */
  public static final int MAX_CASE_BYTES_CEILING = 1 << 30;

  public CaseLimits {
    if (maxCaseBytes <= 0 || maxCaseBytes > MAX_CASE_BYTES_CEILING) {
      throw new IllegalArgumentException(
          "maxCaseBytes must be between 1 and " + MAX_CASE_BYTES_CEILING + ", was " + maxCaseBytes);
    }
    requirePositive("maxSubjectChars", maxSubjectChars);
    requirePositive("maxTextChars", maxTextChars);
    requirePositive("maxKeywordChars", maxKeywordChars);
    requirePositive("maxTags", maxTags);
    requirePositive("maxMessages", maxMessages);
    requirePositive("maxNotes", maxNotes);
  }

  /**
   * 1 MiB per line, a 1,000-character subject, 262,144 characters of other text, 256 characters per
   * keyword-like value, 64 tags, 10,000 messages and 1,000 notes.
   */
  public static CaseLimits defaults() {
    return new CaseLimits(1 << 20, 1_000, 262_144, 256, 64, 10_000, 1_000);
  }

  /** These limits with another line limit. */
  public CaseLimits withMaxCaseBytes(int maxCaseBytes) {
    return new CaseLimits(
        maxCaseBytes,
        maxSubjectChars,
        maxTextChars,
        maxKeywordChars,
        maxTags,
        maxMessages,
        maxNotes);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be greater than 0, was " + value);
    }
  }
}
