package dev.casevault.json;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Runs randomised tests with a fresh seed each time, or the one given with {@code
 * -Dcasevault.seed=N}; a failure names its seed so that it can be reproduced.
 */
final class Seeds {
  interface SeededTest {
    void run(Random random) throws Exception;
  }

  private Seeds() {}

  static void run(SeededTest test) throws Exception {
    String given = System.getProperty("casevault.seed");
    long seed = given != null ? Long.parseLong(given) : new SecureRandom().nextLong();
    try {
      test.run(new Random(seed));
    } catch (Exception | AssertionError e) {
      String message = "failed with seed " + seed + ", reproduce with -Dcasevault.seed=" + seed;
      System.err.println(message);
      throw new AssertionError(message, e);
    }
  }
}
