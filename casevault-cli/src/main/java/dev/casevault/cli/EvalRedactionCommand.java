package dev.casevault.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import dev.casevault.redaction.RedactionPolicy;
import dev.casevault.redaction.eval.ErrorExample;
import dev.casevault.redaction.eval.Evaluation;
import dev.casevault.redaction.eval.EvaluationReport;
import dev.casevault.redaction.eval.PresidioDataset;
import dev.casevault.redaction.eval.TruthDataset;
import dev.casevault.redaction.eval.TypeScore;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "eval-redaction",
    mixinStandardHelpOptions = true,
    description = {
      "Scores the personal-data detector on labelled text. Per type: labelled (gold)",
      "and predicted spans, true and false positives, misses (FN), precision,",
      "recall and F2 (recall weighs 4x precision). A prediction matches a labelled",
      "span of its type when their character IoU is >= 0.9; each span is matched",
      "once. The \"any type\" row accepts a match of any type. Findings scored",
      "below the default policy's min_score (0.5) are not predictions: redaction",
      "ignores them too (casevault detect prints them all).",
      "",
      "Formats:",
      "  presidio  Presidio's labelled JSON array (presidio-research",
      "            generated_*.json). ADDRESS fragments, and cities next to them,",
      "            are merged into one address; predictions over labels casevault",
      "            does not detect (ORGANIZATION, DATE_TIME...) are not scored.",
      "  truth     A corpus from casevault generate and its ground truth",
      "            FILE.truth.jsonl. Free-text fields are scored; identity fields",
      "            (customer, agent, note author) are replaced whole, not detected.",
      "",
      "Exit status: 0 scored, 1 error, 2 bad command line."
    })
final class EvalRedactionCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The labelled data.")
  Path file;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "presidio or truth (default: presidio when FILE starts with '[', else truth).")
  String format;

  @Option(
      names = "--truth",
      paramLabel = "FILE",
      description = "Ground truth of a truth-format corpus (default: FILE.truth.jsonl).")
  Path truth;

  @Option(names = "--json", description = "Print the scores as one JSON object.")
  boolean json;

  @Option(
      names = "--errors",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Also print up to N misses and N false positives per type, with the text around them"
              + " (evaluation data only: this prints the data's text).")
  int errors;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** Made when the command runs, not when the command line is built for another command. */
  private final Supplier<PiiDetector> detectors;

  EvalRedactionCommand() {
    this(PiiDetector::standard);
  }

  /** With another detector, for tests. */
  EvalRedactionCommand(Supplier<PiiDetector> detectors) {
    this.detectors = detectors;
  }

  @Override
  public Integer call() throws Exception {
    if (errors < 0) {
      throw new CaseVaultException("--errors must not be negative");
    }
    String chosen = format != null ? format.toLowerCase(Locale.ROOT) : guessFormat(file);
    // Scored as redaction would use it: findings below the default policy's floor are ignored.
    Evaluation evaluation =
        new Evaluation(detectors.get(), RedactionPolicy.defaults().minScore(), errors);
    Dataset dataset =
        switch (chosen) {
          case "presidio" -> readPresidio(evaluation);
          case "truth" -> readTruth(evaluation);
          default -> throw new CaseVaultException("--format: expected presidio or truth");
        };
    EvaluationReport report = evaluation.report();
    if (json) {
      printJson(chosen, dataset, report);
    } else {
      printText(dataset, report);
    }
    return 0;
  }

  /** What was read, for the report: a one-line description and its numbers. */
  private record Dataset(String description, Map<String, Object> numbers) {}

  private static String guessFormat(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (!Character.isWhitespace(b)) {
          return b == '[' ? "presidio" : "truth";
        }
      }
    }
    throw new CaseVaultException(file + " is empty");
  }

  private Dataset readPresidio(Evaluation evaluation) throws IOException {
    if (truth != null) {
      throw new CaseVaultException("--truth applies to --format truth only");
    }
    PresidioDataset.Summary summary;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      summary = PresidioDataset.read(in, evaluation::add);
    }
    StringBuilder ignored = new StringBuilder();
    summary
        .ignoredLabels()
        .forEach((label, count) -> ignored.append(", ").append(label).append(' ').append(count));
    return new Dataset(
        String.format(
            "Presidio data set %s: %,d samples; %,d ADDRESS fragments merged into %,d addresses;"
                + " labels not scored: %s",
            file,
            summary.samples(),
            summary.addressFragments(),
            summary.mergedAddresses(),
            ignored.isEmpty() ? "none" : ignored.substring(2)),
        Map.of(
            "samples", summary.samples(),
            "addressFragments", summary.addressFragments(),
            "mergedAddresses", summary.mergedAddresses(),
            "ignoredLabels", summary.ignoredLabels()));
  }

  private Dataset readTruth(Evaluation evaluation) throws IOException {
    Path truthFile = truth != null ? truth : GenerateCommand.truthFile(file);
    if (!Files.exists(truthFile)) {
      throw new CaseVaultException(
          "no ground truth "
              + truthFile
              + " (casevault generate writes it; or name it with --truth)");
    }
    TruthDataset.Summary summary;
    try (BufferedReader cases = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        BufferedReader rows = Files.newBufferedReader(truthFile, StandardCharsets.UTF_8)) {
      summary = TruthDataset.read(cases, rows, evaluation::add);
    }
    return new Dataset(
        String.format(
            "Generated corpus %s: %,d cases, %,d free-text fields; %,d truth rows in them are"
                + " scored, %,d in identity fields are not (the redactor replaces those whole)",
            file, summary.cases(), summary.texts(), summary.scoredRows(), summary.identityRows()),
        Map.of(
            "cases", summary.cases(),
            "texts", summary.texts(),
            "scoredTruthRows", summary.scoredRows(),
            "identityTruthRows", summary.identityRows()));
  }

  private static void printText(Dataset dataset, EvaluationReport report) {
    System.out.println(dataset.description());
    System.out.println();
    System.out.printf(
        "%-16s %7s %9s %7s %7s %7s %7s %7s %7s%n",
        "type", "gold", "predicted", "TP", "FP", "FN", "P", "R", "F2");
    report.byType().forEach((type, score) -> System.out.println(row(type.name(), score)));
    System.out.println(row("any type", report.anyType()));
    System.out.println();
    System.out.printf("predictions over labels not scored: %,d%n", report.ignoredPredictions());
    System.out.printf(
        "detector: %,d texts, %,d characters in %.3f s (%,.0f characters/s)%s%n",
        report.texts(),
        report.characters(),
        report.seconds(),
        report.charactersPerSecond(),
        report.failedTexts() == 0
            ? ""
            : String.format(
                "; %,d texts timed out or failed (scored as nothing found)", report.failedTexts()));
    if (!report.errors().isEmpty()) {
      System.out.println();
      System.out.println(
          "Errors (quoting the evaluation data's text; use only on synthetic or test data):");
      for (ErrorExample error : report.errors()) {
        System.out.printf(
            "%-14s %-15s %s %s [%d, %d)%s%n    %s%n",
            error.kind() == ErrorExample.Kind.MISS ? "miss" : "false positive",
            error.type(),
            error.id(),
            error.field(),
            error.start(),
            error.end(),
            (error.rule().isEmpty() ? "" : " rule " + error.rule())
                + (error.nearest().isEmpty() ? "" : "; nearest " + error.nearest()),
            error.context());
      }
    }
  }

  private static String row(String name, TypeScore score) {
    return String.format(
        "%-16s %,7d %,9d %,7d %,7d %,7d %7s %7s %7s",
        name,
        score.gold(),
        score.predicted(),
        score.truePositives(),
        score.falsePositives(),
        score.falseNegatives(),
        measure(score.precision()),
        measure(score.recall()),
        measure(score.f2()));
  }

  private static String measure(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private void printJson(String chosen, Dataset dataset, EvaluationReport report)
      throws IOException {
    try (JsonGenerator out = Json.stdout()) {
      out.writeStartObject();
      out.writeStringField("format", chosen);
      out.writeStringField("file", file.toString());
      out.writeObjectFieldStart("dataset");
      for (Map.Entry<String, Object> number : new TreeMap<>(dataset.numbers()).entrySet()) {
        out.writeFieldName(number.getKey());
        if (number.getValue() instanceof Map<?, ?> counts) {
          out.writeStartObject();
          for (Map.Entry<?, ?> count : counts.entrySet()) {
            out.writeNumberField(
                count.getKey().toString(), ((Number) count.getValue()).longValue());
          }
          out.writeEndObject();
        } else {
          out.writeNumber(((Number) number.getValue()).longValue());
        }
      }
      out.writeEndObject();
      out.writeObjectFieldStart("types");
      for (Map.Entry<PiiType, TypeScore> entry : report.byType().entrySet()) {
        out.writeFieldName(entry.getKey().name());
        writeScore(out, entry.getValue());
      }
      out.writeEndObject();
      out.writeFieldName("anyType");
      writeScore(out, report.anyType());
      out.writeNumberField("ignoredPredictions", report.ignoredPredictions());
      out.writeNumberField("texts", report.texts());
      out.writeNumberField("characters", report.characters());
      out.writeNumberField("failedTexts", report.failedTexts());
      out.writeNumberField("seconds", report.seconds());
      out.writeNumberField("charactersPerSecond", Math.round(report.charactersPerSecond()));
      out.writeArrayFieldStart("errors");
      for (ErrorExample error : report.errors()) {
        out.writeStartObject();
        out.writeStringField(
            "kind", error.kind() == ErrorExample.Kind.MISS ? "miss" : "falsePositive");
        out.writeStringField("type", error.type().name());
        out.writeStringField("id", error.id());
        out.writeStringField("field", error.field());
        out.writeNumberField("start", error.start());
        out.writeNumberField("end", error.end());
        out.writeStringField("rule", error.rule());
        out.writeStringField("nearest", error.nearest());
        out.writeStringField("context", error.context());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    System.out.println();
  }

  private static void writeScore(JsonGenerator out, TypeScore score) throws IOException {
    out.writeStartObject();
    out.writeNumberField("gold", score.gold());
    out.writeNumberField("predicted", score.predicted());
    out.writeNumberField("tp", score.truePositives());
    out.writeNumberField("fp", score.falsePositives());
    out.writeNumberField("fn", score.falseNegatives());
    writeMeasure(out, "precision", score.precision());
    writeMeasure(out, "recall", score.recall());
    writeMeasure(out, "f2", score.f2());
    out.writeEndObject();
  }

  private static void writeMeasure(JsonGenerator out, String name, double value)
      throws IOException {
    if (Double.isNaN(value)) {
      out.writeNullField(name);
    } else {
      out.writeNumberField(name, value);
    }
  }
}
