package dev.casevault.service;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.Redactor;

/**
 * Rewrites a query so that every term on an identity field ({@code
 * customer.email:jane@example.com}) asks for the keyed token that the value became at ingest. The
 * store holds only tokens, so this is how "all cases of jane@example.com" stays an exact-match
 * search without the address ever being stored or sent to the store.
 */
final class IdentityQueries {
  private IdentityQueries() {}

  static CaseQuery tokenise(CaseQuery query, Redactor redactor) {
    return switch (query) {
      case CaseQuery.Term t when t.field().kind() == CaseField.Kind.IDENTITY ->
          new CaseQuery.Term(t.field(), redactor.identityToken(typeOf(t.field()), t.value()));
      case CaseQuery.And and ->
          new CaseQuery.And(and.clauses().stream().map(q -> tokenise(q, redactor)).toList());
      case CaseQuery.Or or ->
          new CaseQuery.Or(or.clauses().stream().map(q -> tokenise(q, redactor)).toList());
      case CaseQuery.Not not -> new CaseQuery.Not(tokenise(not.clause(), redactor));
      default -> query;
    };
  }

  /** The type of personal data an identity field holds, which picks its tokeniser. */
  static PiiType typeOf(CaseField field) {
    return switch (field) {
      case CUSTOMER_NAME, AGENT_NAME -> PiiType.PERSON;
      case CUSTOMER_EMAIL, AGENT_EMAIL -> PiiType.EMAIL;
      case CUSTOMER_PHONE -> PiiType.PHONE;
      case CUSTOMER_IP -> PiiType.IP_ADDRESS;
      default ->
          throw new IllegalArgumentException(field.queryName() + " is not an identity field");
    };
  }
}
