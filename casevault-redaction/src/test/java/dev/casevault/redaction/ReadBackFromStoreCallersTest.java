package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link RedactedCase#readBackFromStore} makes a storable case without the redactor, which is safe
 * only on content a store just read from its own index. This test keeps its callers to the
 * backends' {@code storedCases}: a new caller in the production code of any module fails here and
 * must be argued for in this list.
 */
class ReadBackFromStoreCallersTest {
  /** Every production source file allowed to name it (to call it, or to document it), and why. */
  private static final Map<String, String> ALLOWED =
      Map.of(
          "casevault-redaction/src/main/java/dev/casevault/redaction/RedactedCase.java",
          "declares it",
          "casevault-store-lucene/src/main/java/dev/casevault/store/lucene/LuceneCaseStore.java",
          "storedCases: the stored source and sealed values of its own index",
          "casevault-store-opensearch/src/main/java/dev/casevault/store/opensearch/OpenSearchCaseStore.java",
          "storedCases: the stored documents of its own alias",
          "casevault-store/src/main/java/dev/casevault/store/CaseStore.java",
          "names it in the storedCases contract's javadoc");

  @Test
  void onlyTheBackendsReadCasesBackFromTheirOwnStore() throws IOException {
    // Surefire runs in the module's folder; the reactor's modules are its siblings.
    Path root = Path.of("").toAbsolutePath().getParent();
    assertThat(root.resolve("casevault-store-lucene/src/main/java"))
        .as("the source tree of the reactor next to this module")
        .isDirectory();
    List<String> callers = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path sources : modules.map(m -> m.resolve("src/main/java")).toList()) {
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          files
              .filter(f -> f.toString().endsWith(".java"))
              .filter(ReadBackFromStoreCallersTest::mentionsTheFactory)
              .forEach(f -> callers.add(root.relativize(f).toString()));
        }
      }
    }
    assertThat(ALLOWED.keySet()).containsAll(callers);
    assertThat(callers)
        .as("the allowed callers still call it (else trim the list)")
        .containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
  }

  /** A call, a method reference or any other use: the name as a whole word. */
  private static final java.util.regex.Pattern FACTORY =
      java.util.regex.Pattern.compile("\\breadBackFromStore\\b");

  private static boolean mentionsTheFactory(Path file) {
    try {
      return FACTORY.matcher(Files.readString(file)).find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
