package dev.casevault.corpus;

/**
 * A deterministic generator of realistic support cases, in English (about 70 %) and French, with
 * personal data planted in their free text and identity fields at known offsets.
 *
 * <p>Case {@code index} is a pure function of the seed and the index: cases can be generated in any
 * order, in parallel, and again later, with identical results. Case ids ({@code CASE-<year>-<7
 * digits>}) never collide between two indexes of one seed. Repeat customers recur across cases with
 * the same identity, and agents come from a fixed roster, as in a real archive.
 *
 * <p>Thread-safe: one generator may serve many threads.
 */
public final class CorpusGenerator {
  private final long seed;
  private final Agents agents;

  public CorpusGenerator(long seed) {
    this.seed = seed;
    this.agents = new Agents(seed);
  }

  /** The case number {@code index} (0 or more) of this seed's corpus. */
  public GeneratedCase generate(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
    return new CaseComposer(seed, index, agents).compose();
  }
}
