package dev.casevault.cli;

import static dev.casevault.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.access.AccessScope;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEvents;
import dev.casevault.core.CaseId;
import dev.casevault.core.SupportCase;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.corpus.CorpusWriter;
import dev.casevault.json.CaseJsonWriter;
import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.redaction.RedactedCase;
import dev.casevault.store.CaseStore;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casevault migrate} between the embedded index and a real secured OpenSearch cluster (the
 * testkit's), as a user runs it: there and back with every case identical, and a migrating process
 * killed with SIGKILL that a second run resumes without loss or duplicates.
 */
class MigrateCommandTest {
  private static final int CASES = 2_000;
  private static final Pattern COPIED = Pattern.compile("migrate: ([\\d,]+) cases copied");

  @TempDir Path folder;
  Path data;
  String alias;

  @BeforeEach
  void ingest() throws IOException {
    Path corpus = folder.resolve("cases.jsonl");
    CorpusWriter.write(7, CASES, corpus, folder.resolve("truth.jsonl"), n -> {});
    data = folder.resolve("data");
    CommandLineTest.Result ingest = run("ingest", corpus.toString(), "--data", data.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();
    alias = "casevault-test-cli-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void dropIndex() throws IOException {
    OpenSearchCluster.shared().adminRequest("DELETE", "/" + alias + "-v1", null);
  }

  /** DATA/opensearch.json for the testkit's cluster, owner-only since it holds the password. */
  static void configure(Path data, OpenSearchCluster cluster, String alias, int replicas)
      throws IOException {
    String urls =
        cluster.httpUrls().stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", "));
    Path file = data.resolve("opensearch.json");
    Files.writeString(
        file,
        """
        {"urls": [%s], "trust_store": "%s", "trust_store_password": "%s",
         "user": "%s", "password": "%s", "alias": "%s", "shards": 1, "replicas": %d}
        """
            .formatted(
                urls,
                cluster.trustStore(),
                cluster.storePassword(),
                cluster.serviceUser(),
                cluster.servicePassword(),
                alias,
                replicas));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void casesGoToOpenSearchAndBackExactlyAsStored() throws IOException {
    configure(data, OpenSearchCluster.shared(), alias, 1);
    int eventsBefore = AuditEvents.readAll(data.resolve("audit")).size();
    CommandLineTest.Result there =
        run(
            "migrate",
            "--from",
            "lucene",
            "--to",
            "opensearch",
            "--data",
            data.toString(),
            "--page-size",
            "500");
    assertThat(there.exitCode()).as(there.err()).isZero();
    assertThat(there.out())
        .contains("copied 2,000 cases in 4 pages")
        .contains("source 2,000 cases, target 2,000 cases")
        .contains("identical");
    assertThat(there.err())
        .contains("migrate: 500 cases copied (durable)")
        .contains("audit receipt");

    // DATA/opensearch.json now exists: the data commands default to the cluster.
    CommandLineTest.Result stats = run("stats", "--data", data.toString());
    assertThat(stats.out())
        .contains("store           opensearch")
        .contains("cases           2,000");
    CommandLineTest.Result search = run("search", "", "--data", data.toString(), "--json");
    assertThat(CommandLineTest.jsonObject(search.out())).containsEntry("total", 2000L);

    Path back = folder.resolve("back");
    CommandLineTest.Result again =
        run(
            "migrate",
            "--from",
            "opensearch",
            "--to",
            "lucene:" + back,
            "--data",
            data.toString(),
            "--page-size",
            "700");
    assertThat(again.exitCode()).as(again.err()).isZero();
    System.out.println(
        "lucene -> opensearch: " + there.out() + "opensearch -> lucene: " + again.out());
    assertThat(again.out()).contains("copied 2,000 cases in 3 pages").contains("identical");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(back)))
        .isEqualTo("rwx------");

    // Independently of the command's own check: the first index and the one that went through
    // OpenSearch hold the same cases, field for field and ciphertext for ciphertext.
    try (LuceneCaseStore original = LuceneCaseStore.openReadOnly(data.resolve("index"));
        LuceneCaseStore returned = LuceneCaseStore.openReadOnly(back)) {
      List<RedactedCase> before = all(original);
      List<RedactedCase> after = all(returned);
      assertThat(after).hasSize(CASES).hasSameSizeAs(before);
      for (int i = 0; i < before.size(); i++) {
        assertThat(after.get(i).content()).isEqualTo(before.get(i).content());
        assertThat(after.get(i).sealed()).isEqualTo(before.get(i).sealed());
      }
      assertThat(before.stream().mapToLong(c -> c.sealed().size()).sum())
          .as("the corpus has sealed values to carry")
          .isPositive();
    }

    List<AuditEvent> events = AuditEvents.readAll(data.resolve("audit"));
    List<AuditEvent> pages =
        events.subList(eventsBefore, events.size()).stream()
            .filter(e -> e.action() == AuditAction.EXPORT)
            .toList();
    assertThat(pages).hasSize(4 + 3);
    assertThat(pages.getFirst().target().details().get("migrate_to"))
        .startsWith("opensearch:https://127.0.0.1:")
        .endsWith(" alias " + alias);
    assertThat(pages.stream().mapToInt(e -> e.target().cases().size()).sum()).isEqualTo(2 * CASES);

    String[] toOpenSearch = {
      "migrate", "--from", "lucene", "--to", "opensearch", "--data", "" + data
    };
    CommandLineTest.Result checkOnly = run(toOpenSearch);
    assertThat(checkOnly.exitCode()).as(checkOnly.err()).isZero();
    assertThat(checkOnly.out())
        .contains("nothing left to copy: 2,000 cases were copied by an earlier run")
        .contains("identical");

    // A case added to the source under an id that sorts before the last one copied: the next run
    // has nothing after its last page to copy, and its check names the case.
    SupportCase extra = new CorpusGenerator(99).generate(0).supportCase();
    Path line = folder.resolve("extra.jsonl");
    Files.writeString(
        line,
        CaseJsonWriter.toJson(extra)
                .replace("\"id\":\"" + extra.id().value() + "\"", "\"id\":\"AAA-extra\"")
            + "\n");
    assertThat(run("ingest", line.toString(), "--store", "lucene", "--data", "" + data).exitCode())
        .isZero();
    CommandLineTest.Result different = run(toOpenSearch);
    assertThat(different.exitCode()).isEqualTo(1);
    assertThat(different.out())
        .contains("source 2,001 cases, target 2,000 cases")
        .contains("DIFFERENT: 1 cases differ or are on one side only")
        .contains("  AAA-extra: missing from the target");
  }

  @Test
  void aMigrationKilledMidwayResumesAfterItsLastCommittedPage() throws Exception {
    OpenSearchCluster cluster = OpenSearchCluster.shared();
    configure(data, cluster, alias, 1);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "migrate",
            "--from",
            "lucene",
            "--to",
            "opensearch",
            "--data",
            data.toString(),
            "--page-size",
            "50"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    long reported = 0;
    List<String> seen = new ArrayList<>();
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        seen.add(line);
        Matcher matcher = COPIED.matcher(line);
        if (matcher.find()) {
          reported = Long.parseLong(matcher.group(1).replace(",", ""));
          break;
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported).as("progress before the kill: %s", seen).isPositive();

    CommandLineTest.Result resumed =
        run(
            "migrate",
            "--from",
            "lucene",
            "--to",
            "opensearch",
            "--data",
            data.toString(),
            "--page-size",
            "50");
    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    Matcher earlier =
        Pattern.compile("resumed: ([\\d,]+) copied by an earlier run").matcher(resumed.out());
    assertThat(earlier.find()).as(resumed.out()).isTrue();
    long before = Long.parseLong(earlier.group(1).replace(",", ""));
    assertThat(before).as("killed midway, not after it").isBetween(reported, CASES - 1L);
    assertThat(resumed.out())
        .contains(String.format("copied %,d cases", CASES - before))
        .contains("source 2,000 cases, target 2,000 cases")
        .contains("identical");

    CommandLineTest.Result count = run("stats", "--data", data.toString());
    assertThat(count.out()).as("no case twice").contains("cases           2,000");
  }

  private static List<RedactedCase> all(CaseStore store) throws IOException {
    List<RedactedCase> cases = new ArrayList<>();
    CaseId after = null;
    List<RedactedCase> page;
    while (!(page = store.storedCases(after, 500, AccessScope.dataDirectoryOwner())).isEmpty()) {
      cases.addAll(page);
      after = page.getLast().content().id();
    }
    return cases;
  }
}
