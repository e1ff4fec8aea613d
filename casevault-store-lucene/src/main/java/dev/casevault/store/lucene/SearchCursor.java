package dev.casevault.store.lucene;

import dev.casevault.core.CaseId;
import dev.casevault.core.WireEnum;
import dev.casevault.store.InvalidCursorException;
import dev.casevault.store.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque {@code next} cursor of a search: the sort order and the sort values of the last hit of
 * a page (its score or date, then its case id). Sort values rather than Lucene's internal document
 * numbers, so a cursor stays meaningful after the index changes between two pages.
 */
final class SearchCursor {
  private static final String VERSION = "c1";

  private SearchCursor() {}

  static String encode(SortOrder sort, FieldDoc last) {
    String primary =
        sort == SortOrder.RELEVANCE
            ? Integer.toHexString(Float.floatToIntBits((Float) last.fields[0]))
            : Long.toString((Long) last.fields[0]);
    String id = ((BytesRef) last.fields[1]).utf8ToString();
    String plain = VERSION + ":" + sort.wireName() + ":" + primary + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The position after which the next page starts; rejects cursors of another sort order. */
  static FieldDoc decode(String cursor, SortOrder expectedSort) {
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] parts = plain.split(":", 4);
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
    // Not a conditional expression: `? Float : Long` would promote the long to a float.
    Object primary;
    try {
      if (sort == SortOrder.RELEVANCE) {
        primary = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[2], 16));
      } else {
        primary = Long.parseLong(parts[2]);
      }
    } catch (NumberFormatException e) {
      throw invalid();
    }
    // Ties on every sort value cannot happen (ids are unique), so the doc number never decides.
    return new FieldDoc(
        Integer.MAX_VALUE, Float.NaN, new Object[] {primary, new BytesRef(parts[3])});
  }

  private static InvalidCursorException invalid() {
    return new InvalidCursorException("the cursor is not one this search returned");
  }
}
