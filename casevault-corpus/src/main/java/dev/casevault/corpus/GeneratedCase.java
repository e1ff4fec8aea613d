package dev.casevault.corpus;

import dev.casevault.core.SupportCase;
import java.util.List;
import java.util.Objects;

/**
 * A generated case and every value of personal data planted in it, in the order of the fields of
 * its JSON line.
 */
public record GeneratedCase(SupportCase supportCase, List<PlantedValue> planted) {
  public GeneratedCase {
    Objects.requireNonNull(supportCase, "supportCase");
    planted = List.copyOf(planted);
  }
}
