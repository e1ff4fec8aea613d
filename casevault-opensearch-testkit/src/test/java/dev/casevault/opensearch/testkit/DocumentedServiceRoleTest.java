package dev.casevault.opensearch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The test clusters' service role is the one docs/opensearch.md tells operators to create: were the
 * two to drift apart, the tests would no longer prove that the documented role is enough.
 */
class DocumentedServiceRoleTest {
  private static final String SECTION = "### The service user's role";

  @Test
  void theServiceRoleIsTheDocumentedOneVerbatim() throws IOException {
    // Surefire runs in the module's folder; docs/ is beside it.
    Path doc = Path.of("").toAbsolutePath().getParent().resolve("docs/opensearch.md");
    assertThat(documentedRole(Files.readString(doc)))
        .isEqualTo(SecurityConfiguration.SERVICE_ROLE_YAML);
  }

  /** The first YAML block of the section. */
  private static String documentedRole(String markdown) {
    int section = markdown.indexOf(SECTION);
    assertThat(section).as("the section " + SECTION).isNotNegative();
    String open = "```yaml\n";
    int start = markdown.indexOf(open, section);
    int end = markdown.indexOf("```\n", start + open.length());
    assertThat(start).as("a yaml block in " + SECTION).isNotNegative();
    assertThat(end).isGreaterThan(start);
    return markdown.substring(start + open.length(), end);
  }
}
