package dev.casevault.corpus;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the corpus seed, so that every case, customer and agent
 * is a pure function of the seed and its own number, whatever else is generated and in what order.
 */
final class Seeds {
  static final long CASE = 0x43415345L;
  static final long CUSTOMER = 0x43555354L;
  static final long AGENT = 0x4147454eL;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Seeds() {}

  static SplittableRandom random(long seed, long purpose, long key) {
    return new SplittableRandom(mix(mix(seed ^ purpose * GOLDEN) + key * GOLDEN));
  }

  /**
   * Stafford's variant 13 of the MurmurHash3 finaliser: a bijection that scatters nearby inputs.
   */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
