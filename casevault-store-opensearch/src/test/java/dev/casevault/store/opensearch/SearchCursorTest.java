package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.store.InvalidCursorException;
import dev.casevault.store.SortOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

class SearchCursorTest {
  @Test
  void aCursorResumesAfterTheSortValuesItWasMadeFrom() {
    String relevance =
        SearchCursor.encode(
            SortOrder.RELEVANCE, List.of(FieldValue.of(1.2345678f), FieldValue.of("CASE-1")));
    List<FieldValue> after = SearchCursor.decode(relevance, SortOrder.RELEVANCE);
    assertThat((float) after.get(0).doubleValue()).isEqualTo(1.2345678f);
    assertThat(after.get(1).stringValue()).isEqualTo("CASE-1");
    String newest =
        SearchCursor.encode(
            SortOrder.NEWEST, List.of(FieldValue.of(1136073600000L), FieldValue.of("CASE-2")));
    assertThat(SearchCursor.decode(newest, SortOrder.NEWEST).get(0).longValue())
        .isEqualTo(1136073600000L);
  }

  @Test
  void everyAlteredByteIsRefused() {
    String cursor =
        SearchCursor.encode(
            SortOrder.OLDEST, List.of(FieldValue.of(1136073600000L), FieldValue.of("CASE-7")));
    byte[] bytes = Base64.getUrlDecoder().decode(cursor);
    Random random = new Random(7);
    for (int i = 0; i < bytes.length; i++) {
      byte[] altered = bytes.clone();
      altered[i] ^= (byte) (1 + random.nextInt(255));
      String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
      assertThatThrownBy(() -> SearchCursor.decode(forged, SortOrder.OLDEST))
          .isInstanceOf(InvalidCursorException.class);
    }
  }

  @Test
  void aCursorWrittenByHandIsRefused() {
    String handMade =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("o1:oldest:0:CASE-1".getBytes(StandardCharsets.UTF_8));
    for (String bad : List.of("", "garbage", "!!!", handMade)) {
      assertThatThrownBy(() -> SearchCursor.decode(bad, SortOrder.OLDEST))
          .isInstanceOf(InvalidCursorException.class)
          .hasMessage("the cursor is not one this search returned");
    }
  }

  @Test
  void aCursorOfAnotherSortOrderIsRefusedByName() {
    String cursor =
        SearchCursor.encode(
            SortOrder.RELEVANCE, List.of(FieldValue.of(2.0), FieldValue.of("CASE-1")));
    assertThatThrownBy(() -> SearchCursor.decode(cursor, SortOrder.NEWEST))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("sorted by relevance");
  }
}
