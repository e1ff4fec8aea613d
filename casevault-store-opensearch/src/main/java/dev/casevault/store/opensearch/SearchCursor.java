package dev.casevault.store.opensearch;

import dev.casevault.core.CaseId;
import dev.casevault.core.WireEnum;
import dev.casevault.store.InvalidCursorException;
import dev.casevault.store.SortOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.opensearch.client.opensearch._types.FieldValue;

/**
 * The opaque {@code next} cursor of a search: the sort order and the {@code search_after} values of
 * the last hit of a page (its score or date, then its case id), with a check value so that an
 * altered or made-up cursor is refused rather than quietly starting somewhere else.
 *
 * <p>The check value is a digest, not a MAC: a cursor only says where to resume inside the same
 * scoped search, so knowing how to make one gives nothing away; what it catches is damage and
 * guesswork. Cursors therefore stay valid across casevault processes and restarts.
 */
final class SearchCursor {
  private static final String VERSION = "o1";
  private static final int CHECK_BYTES = 8;

  private SearchCursor() {}

  /**
   * @param sortValues the last hit's sort values as the cluster returned them: score (a float) or
   *     epoch milliseconds, then the case id
   */
  static String encode(SortOrder sort, List<FieldValue> sortValues) {
    String primary =
        sort == SortOrder.RELEVANCE
            ? Integer.toHexString(Float.floatToIntBits((float) sortValues.get(0).doubleValue()))
            : Long.toString(sortValues.get(0).longValue());
    String id = sortValues.get(1).stringValue();
    String plain = VERSION + ":" + sort.wireName() + ":" + primary + ":" + id;
    byte[] body = plain.getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(body, body.length + CHECK_BYTES);
    System.arraycopy(check(body), 0, all, body.length, CHECK_BYTES);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  /** The {@code search_after} values to resume from; rejects cursors of another sort order. */
  static List<FieldValue> decode(String cursor, SortOrder expectedSort) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (all.length <= CHECK_BYTES) {
      throw invalid();
    }
    byte[] body = Arrays.copyOf(all, all.length - CHECK_BYTES);
    byte[] given = Arrays.copyOfRange(all, body.length, all.length);
    if (!MessageDigest.isEqual(given, check(body))) {
      throw invalid();
    }
    String[] parts = new String(body, StandardCharsets.UTF_8).split(":", 4);
    if (parts.length != 4 || !parts[0].equals(VERSION) || !CaseId.isValid(parts[3])) {
      throw invalid();
    }
    SortOrder sort = WireEnum.parse(SortOrder.class, parts[1]).orElseThrow(SearchCursor::invalid);
    if (sort != expectedSort) {
      throw new InvalidCursorException(
          "the cursor belongs to a search sorted by "
              + sort.wireName()
              + ", not by "
              + expectedSort.wireName());
    }
    FieldValue primary;
    try {
      primary =
          sort == SortOrder.RELEVANCE
              ? FieldValue.of(Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16)))
              : FieldValue.of(Long.parseLong(parts[2]));
    } catch (NumberFormatException e) {
      throw invalid();
    }
    return List.of(primary, FieldValue.of(parts[3]));
  }

  private static byte[] check(byte[] body) {
    try {
      return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(body), CHECK_BYTES);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static InvalidCursorException invalid() {
    return new InvalidCursorException("the cursor is not one this search returned");
  }
}
