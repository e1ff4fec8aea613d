package dev.casevault.cli;

import dev.casevault.service.CaseVault;
import dev.casevault.store.StoreStats;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = "Prints the size of the archive: cases, bytes on disk, bytes per case.")
final class StatsCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    StoreStats stats;
    try (CaseVault vault = data.openForReading()) {
      stats = vault.stats();
    }
    System.out.println("data directory  " + data.folder().toAbsolutePath());
    System.out.println("store           " + data.store().name().toLowerCase(java.util.Locale.ROOT));
    System.out.printf("cases           %,d%n", stats.cases());
    System.out.printf("index size      %,.1f MB%n", stats.indexBytes() / 1e6);
    System.out.printf(
        "bytes per case  %,.0f%n",
        stats.cases() == 0 ? 0.0 : (double) stats.indexBytes() / stats.cases());
    System.out.printf("segments        %d%n", stats.segments());
    return 0;
  }
}
