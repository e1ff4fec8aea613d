package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.core.WireEnum;
import dev.casevault.service.CaseVault;
import dev.casevault.service.Requester;
import dev.casevault.store.Hit;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.SearchResult;
import dev.casevault.store.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Searches the archive. The query language is described in docs/query-language.md:",
      "  words, \"phrases\", field:value, prefix*, AND OR NOT, (groups),",
      "  created:[2019-01-01 TO 2019-12-31]. An empty query matches every case."
    })
final class SearchCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Mixin QueryOptions queryOptions;

  @Option(
      names = "--facets",
      paramLabel = "F1,F2",
      split = ",",
      description =
          "Count values of these fields over all matches: status, product, channel,"
              + " language, region, team, tags.")
  List<String> facets = new ArrayList<>();

  @Option(
      names = "--facet-size",
      paramLabel = "N",
      defaultValue = "10",
      description = "Values per facet (default: ${DEFAULT-VALUE}).")
  int facetSize;

  @Option(
      names = "--size",
      paramLabel = "N",
      defaultValue = "10",
      description = "Hits per page (default: ${DEFAULT-VALUE}).")
  int size;

  @Option(
      names = "--after",
      paramLabel = "CURSOR",
      description = "The next-page cursor a previous search printed.")
  String after;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description = "relevance, newest, oldest or updated (default: ${DEFAULT-VALUE}).")
  String sort;

  @Option(names = "--json", description = "Print one JSON object: total, hits, facets, next.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    SearchRequest request = request();
    SearchResult result;
    long started = System.nanoTime();
    try (CaseVault vault = data.openForReading()) {
      // The owner of the data directory reads everything locally; remote callers go through the
      // server, which scopes each read by the access policy.
      result =
          vault.search(request, AccessScope.dataDirectoryOwner(), Requester.localOwner()).value();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json) {
      printJson(result);
    } else {
      printText(result, seconds);
    }
    return 0;
  }

  private SearchRequest request() {
    CaseQuery combined = queryOptions.toQuery();
    SortOrder order =
        WireEnum.parse(SortOrder.class, sort)
            .orElseThrow(
                () ->
                    new CaseVaultException(
                        "--sort: expected one of " + WireEnum.allowed(SortOrder.class)));
    List<CaseField> facetFields = new ArrayList<>();
    for (String name : facets) {
      CaseField field =
          CaseField.byQueryName(name.trim())
              .filter(CaseField::isFacetable)
              .orElseThrow(
                  () ->
                      new CaseVaultException(
                          "--facets: cannot count \""
                              + QueryOptions.clip(name)
                              + "\"; facets: "
                              + QueryOptions.facetNames()));
      facetFields.add(field);
    }
    try {
      return new SearchRequest(combined, order, size, after, facetFields, facetSize);
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(e.getMessage());
    }
  }

  private void printJson(SearchResult result) throws Exception {
    try (JsonGenerator out = Json.stdout()) {
      out.writeStartObject();
      out.writeNumberField("total", result.total());
      out.writeArrayFieldStart("hits");
      for (Hit hit : result.hits()) {
        out.writeStartObject();
        out.writeStringField("id", hit.id().value());
        if (Float.isNaN(hit.score())) {
          out.writeNullField("score");
        } else {
          out.writeNumberField("score", hit.score());
        }
        out.writeStringField("created", hit.created().toString());
        out.writeStringField("status", hit.status().wireName());
        out.writeStringField("subject", hit.subject());
        out.writeObjectFieldStart("highlights");
        for (Map.Entry<CaseField, String> highlight : hit.highlights().entrySet()) {
          out.writeStringField(highlight.getKey().queryName(), highlight.getValue());
        }
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeObjectFieldStart("facets");
      for (CaseField field : CaseField.facetable()) {
        Map<String, Long> counts = result.facets().get(field);
        if (counts != null) {
          out.writeObjectFieldStart(field.queryName());
          for (Map.Entry<String, Long> count : counts.entrySet()) {
            out.writeNumberField(count.getKey(), count.getValue());
          }
          out.writeEndObject();
        }
      }
      out.writeEndObject();
      out.writeStringField("next", result.next());
      out.writeEndObject();
    }
    System.out.println();
  }

  private void printText(SearchResult result, double seconds) {
    Terminal terminal = new Terminal();
    System.out.printf("%,d cases match (%.3f s)%n", result.total(), seconds);
    for (Hit hit : result.hits()) {
      System.out.println();
      System.out.println(
          terminal.bold(hit.id().value())
              + "  "
              + hit.created().toString().substring(0, 10)
              + "  "
              + hit.status().wireName()
              + (Float.isNaN(hit.score()) ? "" : String.format("  score %.2f", hit.score())));
      if (hit.subject() != null) {
        System.out.println("  " + Terminal.clean(hit.subject()));
      }
      for (Map.Entry<CaseField, String> highlight : hit.highlights().entrySet()) {
        System.out.println(
            "  " + highlight.getKey().queryName() + ": " + terminal.snippet(highlight.getValue()));
      }
    }
    for (CaseField field : CaseField.facetable()) {
      Map<String, Long> counts = result.facets().get(field);
      if (counts != null) {
        StringBuilder line = new StringBuilder("  " + field.queryName() + ":");
        counts.forEach(
            (value, count) ->
                line.append(String.format(" %s %,d ·", Terminal.clean(value), count)));
        System.out.println();
        System.out.println(line.substring(0, line.length() - (counts.isEmpty() ? 0 : 2)));
      }
    }
    if (result.next() != null) {
      System.out.println();
      System.out.println("next page: --after " + result.next());
    }
  }
}
