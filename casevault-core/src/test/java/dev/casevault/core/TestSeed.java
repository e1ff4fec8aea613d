package dev.casevault.core;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Seeds for randomized tests: a new seed every run, or a fixed one with {@code -Dcasevault.seed=N}.
 * A failure names its seed so that it can be reproduced.
 */
final class TestSeed {
  private TestSeed() {}

  static void run(Consumer<Random> body) {
    String fixed = System.getProperty("casevault.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : ThreadLocalRandom.current().nextLong();
    try {
      body.accept(new Random(seed));
    } catch (Throwable failure) {
      throw new AssertionError(
          "failed with seed " + seed + "; reproduce with -Dcasevault.seed=" + seed, failure);
    }
  }
}
