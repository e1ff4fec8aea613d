package dev.casevault.cli;

import dev.casevault.corpus.CorpusWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a synthetic corpus of realistic support cases (English and French) with planted",
      "personal data, and a ground-truth file FILE.truth.jsonl listing every planted value:",
      "case, field, type, start, end (0-based, end-exclusive UTF-16 offsets) and value.",
      "The same seed always gives the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--cases", paramLabel = "N", required = true, description = "How many cases.")
  long cases;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      required = true,
      description = "The JSON Lines file to write.")
  Path out;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    if (cases < 0) {
      throw new dev.casevault.core.CaseVaultException("--cases must not be negative");
    }
    Path truth = truthFile(out);
    Progress progress = new Progress("generate", Duration.ofSeconds(2));
    long started = System.nanoTime();
    CorpusWriter.Summary summary =
        CorpusWriter.write(
            seed,
            cases,
            out,
            truth,
            done -> {
              double seconds = (System.nanoTime() - started) / 1e9;
              progress.update(
                  String.format(
                      "%,d of %,d cases (%,.0f cases/s)",
                      done, cases, done / Math.max(seconds, 1e-9)));
            });
    progress.done();
    System.out.printf(
        "wrote %,d cases (%,.1f MB, %,d planted personal values) in %.1f s (%,.0f cases/s)%n",
        summary.cases(),
        summary.bytes() / 1e6,
        summary.plantedValues(),
        summary.seconds(),
        summary.cases() / Math.max(summary.seconds(), 1e-9));
    System.out.println("cases: " + out);
    System.out.println("ground truth: " + truth);
    return 0;
  }

  static Path truthFile(Path out) {
    return out.resolveSibling(out.getFileName() + ".truth.jsonl");
  }
}
