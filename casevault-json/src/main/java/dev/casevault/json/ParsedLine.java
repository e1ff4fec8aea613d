package dev.casevault.json;

import dev.casevault.core.SupportCase;
import java.util.Objects;

/**
 * What {@link CaseLineReader} made of one non-blank line: an {@link Accepted} case or a {@link
 * Rejected} line with the reason.
 */
public sealed interface ParsedLine {
  /** The 1-based number of the line in its input, counting blank lines too. */
  long lineNumber();

  /** A line that holds one valid case. */
  record Accepted(long lineNumber, SupportCase supportCase) implements ParsedLine {
    public Accepted {
      Objects.requireNonNull(supportCase, "supportCase");
    }
  }

  /**
   * A line that was not accepted. The reason names the field and what was expected; it never
   * contains a value from the input (values may be personal data), so it can be logged and shown.
   */
  record Rejected(long lineNumber, String reason) implements ParsedLine {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
