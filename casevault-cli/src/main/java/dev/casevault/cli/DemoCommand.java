package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import dev.casevault.core.SupportCase;
import dev.casevault.corpus.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs casevault end to end on the embedded index: generates a synthetic corpus,",
      "ingests it, runs example searches, shows one case, then serves the archive over HTTPS",
      "on 127.0.0.1 until interrupted (Ctrl-C)."
    })
final class DemoCommand implements Callable<Integer> {
  @Mixin DataFolderOptions data;

  @Option(
      names = "--cases",
      paramLabel = "N",
      defaultValue = "20000",
      description = "Corpus size (default: ${DEFAULT-VALUE}).")
  long cases;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Corpus seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8443",
      description = "Where the demo server listens (default: ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--no-serve", description = "Stop after the command-line steps.")
  boolean noServe;

  @Override
  public Integer call() throws Exception {
    Path folder = data.createFolder();
    Path corpus = folder.resolve("demo").resolve("cases.jsonl");
    Files.createDirectories(corpus.getParent());
    step("1. generate " + cases + " synthetic cases");
    check(
        run(
            "generate",
            "--cases",
            Long.toString(cases),
            "--seed",
            Long.toString(seed),
            "--out",
            corpus.toString()));
    step("2. ingest them into " + data.indexFolder());
    check(run("ingest", corpus.toString()));
    String[][] searches = {
      {"printer offline", "--facets", "status,product", "--size", "3"},
      {"\"mot de passe\" OR password", "--filter", "language=fr", "--size", "3"},
      {"refund AND created:[2015-01-01 TO 2016-12-31]", "--sort", "newest", "--size", "3"},
      {"sync* -status:closed", "--facets", "region,team", "--size", "3"},
    };
    int n = 3;
    for (String[] search : searches) {
      step(n++ + ". casevault search " + String.join(" ", quoted(search)));
      List<String> args = new ArrayList<>(List.of("search"));
      args.addAll(List.of(search));
      check(run(args.toArray(String[]::new)));
    }
    SupportCase first = new CorpusGenerator(seed).generate(0).supportCase();
    if (first.customer() != null && first.customer().email() != null) {
      // Stored only as a keyed token, yet searchable by its exact value.
      String query = "customer.email:" + first.customer().email();
      step(n++ + ". casevault search '" + query + "'");
      check(run("search", query, "--size", "3"));
    }
    String id = first.id().value();
    step(n + ". casevault show " + id);
    check(run("show", id));
    System.out.println();
    System.out.println(
        "Personal data was redacted at ingest: placeholders such as [EMAIL#7f3a] in the text,"
            + " keyed tokens in the identity fields (docs/redaction.md).");
    System.out.println();
    System.out.println("Try your own: ./casevault search 'QUERY' --data " + data.folder());
    if (noServe) {
      return 0;
    }
    Path ca = folder.resolve("tls").resolve("ca.pem");
    Path password = folder.resolve(dev.casevault.server.Server.INITIAL_PASSWORD_FILE);
    step(n + 1 + ". casevault serve --bind " + bind + " (Ctrl-C stops it)");
    System.out.println("Then, in another terminal:");
    System.out.println(
        "  curl --cacert "
            + ca
            + " -u admin:$(cat "
            + password
            + ") https://"
            + bind
            + "/api/search -H 'Content-Type: application/json' -d '{\"query\": \"printer\"}'");
    System.out.println(
        "  (if the admin password was changed, that file is stale: use the new password)");
    System.out.println();
    return run("serve", "--bind", bind);
  }

  private int run(String... args) {
    List<String> full = new ArrayList<>(List.of(args));
    if (!args[0].equals("generate")) {
      full.add("--data");
      full.add(data.folder().toString());
      // The demo is about the embedded index, even in a data directory set up for OpenSearch.
      full.add("--store");
      full.add("lucene");
    }
    return Main.run(full.toArray(String[]::new));
  }

  private static void check(int exitCode) {
    if (exitCode != 0) {
      throw new CaseVaultException("demo step failed with exit code " + exitCode);
    }
  }

  private static List<String> quoted(String[] args) {
    return List.of(args).stream()
        .map(a -> a.contains(" ") || a.contains("\"") ? "'" + a + "'" : a)
        .toList();
  }

  private static void step(String title) {
    System.out.println();
    System.out.println("== " + title);
  }
}
