package dev.casevault.cli;

import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.QueryParser;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The query words and {@code --filter} options that {@code search} and {@code export} share. */
final class QueryOptions {
  @Parameters(arity = "0..*", paramLabel = "QUERY", description = "The query (words are joined).")
  List<String> query = new ArrayList<>();

  @Option(
      names = "--filter",
      paramLabel = "FIELD=VALUE",
      description = "Only cases whose keyword FIELD is VALUE (repeatable; e.g. status=open).")
  List<String> filters = new ArrayList<>();

  /** The query and the filters as one query tree; the user's words are parsed, never pasted. */
  CaseQuery toQuery() {
    List<CaseQuery> clauses = new ArrayList<>();
    clauses.add(QueryParser.parse(String.join(" ", query)));
    for (String filter : filters) {
      clauses.add(filter(filter));
    }
    return clauses.size() == 1 ? clauses.getFirst() : new CaseQuery.And(clauses);
  }

  private static CaseQuery filter(String filter) {
    int equals = filter.indexOf('=');
    if (equals <= 0 || equals == filter.length() - 1) {
      throw new CaseVaultException("--filter: expected FIELD=VALUE, e.g. status=open");
    }
    String name = filter.substring(0, equals);
    CaseField field =
        CaseField.byQueryName(name)
            .filter(f -> f.kind() == CaseField.Kind.KEYWORD)
            .orElseThrow(
                () ->
                    new CaseVaultException(
                        "--filter: \""
                            + clip(name)
                            + "\" is not a keyword field; use one of id, "
                            + facetNames()
                            + " (dates go in the query: created:[2019-01-01 TO 2019-06-30])"));
    return new CaseQuery.Term(field, filter.substring(equals + 1));
  }

  static String facetNames() {
    return String.join(", ", CaseField.facetable().stream().map(CaseField::queryName).toList());
  }

  static String clip(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "…";
  }
}
