package dev.casevault.store;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.SupportCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An independent, brute-force reading of a {@link CaseQuery}: what a store must return, decided
 * case by case with plain Java. Text matching compares whole lower-case words, which is exact for
 * the marker words of {@link RandomCases}.
 */
public final class QueryOracle {
  private QueryOracle() {}

  public static boolean visible(SupportCase c, AccessScope scope) {
    return matches(scope.documentFilter(), c, null);
  }

  /** Whether {@code c} matches; {@code scope} null means every field counts. */
  public static boolean matches(CaseQuery query, SupportCase c, AccessScope scope) {
    return switch (query) {
      case CaseQuery.MatchAll m -> true;
      case CaseQuery.Term t ->
          visibleFields(t.field(), scope).stream().anyMatch(f -> values(c, f).contains(t.value()));
      case CaseQuery.Prefix p ->
          visibleFields(p.field(), scope).stream()
              .anyMatch(f -> values(c, f).stream().anyMatch(v -> v.startsWith(p.prefix())));
      case CaseQuery.Phrase p ->
          visibleFields(p.field(), scope).stream()
              .anyMatch(f -> values(c, f).stream().anyMatch(v -> v.equals(p.text())));
      case CaseQuery.DateRange r -> {
        if (scope != null && !scope.canSee(r.field())) {
          yield false;
        }
        Instant at = r.field() == CaseField.CREATED ? c.created() : c.updated();
        yield (r.from() == null || !at.isBefore(r.from()))
            && (r.to() == null || at.isBefore(r.to()));
      }
      case CaseQuery.And and -> and.clauses().stream().allMatch(q -> matches(q, c, scope));
      case CaseQuery.Or or -> or.clauses().stream().anyMatch(q -> matches(q, c, scope));
      case CaseQuery.Not not -> !matches(not.clause(), c, scope);
    };
  }

  private static List<CaseField> visibleFields(CaseField field, AccessScope scope) {
    return field.concreteFields().stream().filter(f -> scope == null || scope.canSee(f)).toList();
  }

  private static List<String> present(String value) {
    return value == null ? List.of() : List.of(value);
  }

  /** Keyword values, or the lower-case words of a text field. */
  public static List<String> values(SupportCase c, CaseField field) {
    return switch (field) {
      case ID -> List.of(c.id().value());
      case STATUS -> List.of(c.status().wireName());
      case PRODUCT -> List.of(c.product());
      case CHANNEL -> List.of(c.channel().wireName());
      case LANGUAGE -> List.of(c.language().wireName());
      case REGION -> c.region() == null ? List.of() : List.of(c.region());
      case TEAM -> c.team() == null ? List.of() : List.of(c.team());
      case TAGS -> c.tags();
      case CUSTOMER_NAME -> c.customer() == null ? List.of() : present(c.customer().name());
      case CUSTOMER_EMAIL -> c.customer() == null ? List.of() : present(c.customer().email());
      case CUSTOMER_PHONE -> c.customer() == null ? List.of() : present(c.customer().phone());
      case CUSTOMER_IP -> c.customer() == null ? List.of() : present(c.customer().ip());
      case AGENT_NAME -> c.agent() == null ? List.of() : present(c.agent().name());
      case AGENT_EMAIL -> c.agent() == null ? List.of() : present(c.agent().email());
      case SUBJECT -> words(c.subject());
      case DESCRIPTION -> words(c.description());
      case MESSAGES -> words(c.messages().stream().map(Message::text).toList());
      case INTERNAL_NOTES -> words(notes(c, NoteVisibility.INTERNAL));
      case CONFIDENTIAL_NOTES -> words(notes(c, NoteVisibility.CONFIDENTIAL));
      default -> throw new IllegalArgumentException("no values for " + field);
    };
  }

  private static List<String> notes(SupportCase c, NoteVisibility visibility) {
    return c.notes().stream().filter(n -> n.visibility() == visibility).map(Note::text).toList();
  }

  private static List<String> words(String text) {
    return words(List.of(text));
  }

  private static List<String> words(List<String> texts) {
    List<String> words = new ArrayList<>();
    for (String text : texts) {
      words.addAll(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")));
    }
    return words;
  }
}
