package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.access.AccessScope;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseId;
import dev.casevault.core.CaseQuery;
import dev.casevault.corpus.CorpusGenerator;
import dev.casevault.corpus.CorpusWriter;
import dev.casevault.store.SearchRequest;
import dev.casevault.store.lucene.LuceneCaseStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingesting JVM with SIGKILL once it has reported some cases accepted, then reopens the
 * index: every case it reported must be there. The child is a real {@code casevault ingest} process
 * on the test's class path, committing every 0.2 s so several checkpoints pass quickly.
 */
class KillDuringIngestTest {
  private static final Pattern DURABLE =
      Pattern.compile("ingest: ([\\d,]+) accepted \\(durable\\)");
  private static final int CASES = 60_000;
  private static final long SEED = 11;

  @TempDir Path folder;

  @Test
  void casesReportedAcceptedSurviveKillNine() throws Exception {
    Path corpus = folder.resolve("cases.jsonl");
    CorpusWriter.write(SEED, CASES, corpus, folder.resolve("truth.jsonl"), n -> {});
    Path data = folder.resolve("data");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(
        List.of(
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "ingest",
            corpus.toString(),
            "--data",
            data.toString(),
            "--commit-every",
            "0.2",
            "--threads",
            "1"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    long reported = 0;
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = output.readLine(); line != null; line = output.readLine()) {
        Matcher matcher = DURABLE.matcher(line);
        if (matcher.find()) {
          reported = Long.parseLong(matcher.group(1).replace(",", ""));
          if (reported >= 2_000) {
            break;
          }
        }
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no commit
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(reported).as("the child reported progress before it was killed").isGreaterThan(0);
    assertThat(reported).as("killed mid-ingest, not after it").isLessThan(CASES);

    AccessScope all = AccessScope.dataDirectoryOwner();
    try (LuceneCaseStore store = LuceneCaseStore.open(data.resolve("index"))) {
      long count = store.count(all);
      assertThat(count).isGreaterThanOrEqualTo(reported);
      // Checkpoints drain the pool first, so the durable cases are the first lines of the file.
      CorpusGenerator generator = new CorpusGenerator(SEED);
      for (long i = 0; i < reported; i += 97) {
        CaseId id = generator.generate(i).supportCase().id();
        assertThat(store.get(id, all)).as("case %s of line %d", id, i + 1).isPresent();
      }
      assertThat(
              store
                  .search(
                      SearchRequest.of(
                          new CaseQuery.Term(
                              CaseField.ID,
                              generator.generate(reported - 1).supportCase().id().value())),
                      all)
                  .total())
          .isEqualTo(1);
    }
  }
}
