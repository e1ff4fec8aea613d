package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate refuses to copy a store into itself, however the two are spelled. */
class MigrateSameStoreTest {
  @TempDir Path folder;

  @Test
  void aLinkToTheSourceIndexIsTheSameStore() throws IOException {
    Path data = Files.createDirectory(folder.resolve("data"));
    Path index = Files.createDirectory(data.resolve("index"));
    Path link = Files.createSymbolicLink(folder.resolve("link"), index);
    CommandLineTest.Result result =
        CommandLineTest.run(
            "migrate",
            "--data",
            data.toString(),
            "--from",
            "lucene:" + index,
            "--to",
            "lucene:" + link);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("--from and --to name the same store: lucene:" + index.toRealPath());
  }
}
