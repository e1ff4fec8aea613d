package dev.casevault.corpus;

import dev.casevault.core.SupportCase;
import java.util.List;

/** A generated case and every personal value planted in it. */
public record GeneratedCase(SupportCase supportCase, List<PlantedValue> planted) {
  public GeneratedCase {
    planted = List.copyOf(planted);
  }
}
