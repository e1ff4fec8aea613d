package dev.casevault.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The searchable fields of a case, by the names the query language and the API use.
 *
 * <p>Two entries are groups rather than fields: {@link #TEXT} stands for every free-text field and
 * {@link #NOTES} for both kinds of note. Backends expand them with {@link #concreteFields()}, so an
 * access scope that hides a field hides it from group searches too.
 */
public enum CaseField {
  ID("id", Kind.KEYWORD),
  STATUS("status", Kind.KEYWORD),
  PRODUCT("product", Kind.KEYWORD),
  CHANNEL("channel", Kind.KEYWORD),
  LANGUAGE("language", Kind.KEYWORD),
  REGION("region", Kind.KEYWORD),
  TEAM("team", Kind.KEYWORD),
  TAGS("tags", Kind.KEYWORD),
  /**
   * The customer's id as the source system gave it (a keyed token if it was personal data, such as
   * an e-mail used as an id): what a customer principal's cases are matched on.
   */
  CUSTOMER_ID("customer.id", Kind.KEYWORD),
  /** The assigned agent's id, kept like {@link #CUSTOMER_ID}: an agent's assigned cases. */
  AGENT_ID("agent.id", Kind.KEYWORD),
  CREATED("created", Kind.DATE),
  UPDATED("updated", Kind.DATE),
  SUBJECT("subject", Kind.TEXT),
  DESCRIPTION("description", Kind.TEXT),
  MESSAGES("messages", Kind.TEXT),
  INTERNAL_NOTES("internal_notes", Kind.TEXT),
  CONFIDENTIAL_NOTES("confidential_notes", Kind.TEXT),
  /**
   * The customer's name, e-mail, phone and IP, and the agent's name and e-mail: see {@link
   * Kind#IDENTITY}.
   */
  CUSTOMER_NAME("customer.name", Kind.IDENTITY),
  CUSTOMER_EMAIL("customer.email", Kind.IDENTITY),
  CUSTOMER_PHONE("customer.phone", Kind.IDENTITY),
  CUSTOMER_IP("customer.ip", Kind.IDENTITY),
  AGENT_NAME("agent.name", Kind.IDENTITY),
  AGENT_EMAIL("agent.email", Kind.IDENTITY),
  /** Every free-text field. */
  TEXT("text", Kind.TEXT),
  /** Internal and confidential notes. */
  NOTES("notes", Kind.TEXT);

  /** How a field is indexed and which query forms it accepts. */
  public enum Kind {
    /** Exact values: term, prefix, filters and facets. */
    KEYWORD,
    /** Instants: ranges (a single day is a one-day range). */
    DATE,
    /** Analysed free text: terms, phrases and prefixes, with language-aware stemming. */
    TEXT,
    /**
     * Personal data stored only as a keyed token: exact terms only. The service turns the clear
     * value of a query into its token, so no prefix or range over the clear value can exist.
     */
    IDENTITY
  }

  private final String queryName;
  private final Kind kind;

  CaseField(String queryName, Kind kind) {
    this.queryName = queryName;
    this.kind = kind;
  }

  public String queryName() {
    return queryName;
  }

  public Kind kind() {
    return kind;
  }

  /** Whether this is a real field of the case rather than a group of fields. */
  public boolean isConcrete() {
    return this != TEXT && this != NOTES;
  }

  /** The real fields this name stands for: itself, or the members of a group. */
  public List<CaseField> concreteFields() {
    return switch (this) {
      case TEXT -> List.of(SUBJECT, DESCRIPTION, MESSAGES, INTERNAL_NOTES, CONFIDENTIAL_NOTES);
      case NOTES -> List.of(INTERNAL_NOTES, CONFIDENTIAL_NOTES);
      default -> List.of(this);
    };
  }

  /**
   * Fields that can be counted in facets: the keyword fields except the ids (a count per customer
   * or per case says nothing useful and lists who the customers are).
   */
  public static List<CaseField> facetable() {
    return Arrays.stream(values()).filter(CaseField::isFacetable).toList();
  }

  public boolean isFacetable() {
    return kind == Kind.KEYWORD && this != ID && this != CUSTOMER_ID && this != AGENT_ID;
  }

  /** Looks a field up by its query name; {@code tag} is accepted for {@code tags}. */
  public static Optional<CaseField> byQueryName(String name) {
    if (name.equals("tag")) {
      return Optional.of(TAGS);
    }
    return Arrays.stream(values()).filter(f -> f.queryName.equals(name)).findFirst();
  }
}
