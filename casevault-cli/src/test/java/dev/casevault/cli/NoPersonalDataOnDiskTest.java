package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.corpus.CorpusWriter;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of redaction at ingest, checked the hard way: generate a corpus whose every planted
 * personal value is listed in its ground truth, ingest it through the command line (with two
 * malformed lines, so the reject file is written too), then look for every value, as planted and in
 * lower case, everywhere casevault wrote: every stored field, indexed term and doc-values term of
 * the index read back with Lucene's own readers (stored fields are compressed on disk, so a byte
 * scan of index files alone would find almost nothing), a byte scan in UTF-8 and UTF-16 of every
 * file of the data directory, and the command's own output.
 */
class NoPersonalDataOnDiskTest {
  private static final int CASES = 400;

  @TempDir Path folder;

  @Test
  void noPlantedValueIsFoundAnywhereAfterIngest() throws IOException {
    Path corpus = folder.resolve("corpus.jsonl");
    Path truth = folder.resolve("corpus.jsonl.truth.jsonl");
    CorpusWriter.write(20261128, CASES, corpus, truth, done -> {});
    List<String> lines = new ArrayList<>(Files.readAllLines(corpus));
    // Two lines the reader rejects: cut short, and with an unknown field. Both hold personal data.
    lines.add(lines.get(3).substring(0, lines.get(3).length() / 2));
    lines.add(lines.get(5).replaceFirst("\\{", "{\"colour\":\"red\","));
    Path input = folder.resolve("input.jsonl");
    Files.write(input, lines);
    Path data = folder.resolve("data");

    CommandLineTest.Result ingest =
        CommandLineTest.run("ingest", input.toString(), "--data", data.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isEqualTo(IngestCommand.SOME_REJECTED);
    assertThat(ingest.out()).contains("accepted " + CASES + " cases, rejected 2 lines");

    Needles needles = new Needles(plantedValues(truth));
    assertThat(needles.size()).isGreaterThan(CASES * 3);
    List<String> found = new ArrayList<>();
    found.addAll(needles.in("ingest output", ingest.out() + ingest.err()));
    found.addAll(indexContent(data.resolve("index"), needles));
    try (Stream<Path> files = Files.walk(data)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String name = data.relativize(file).toString();
        // Index files hold compressed bytes that change from run to run (the keys are random),
        // where short needles ("Eva", "Omar") turn up by chance: measured, a 3- and a 4-byte hit
        // in two runs. Their content is searched through Lucene's readers above; the byte scan
        // of index files is only a safety net for long values (8 bytes or more).
        int minBytes = file.startsWith(data.resolve("index")) ? 8 : 1;
        found.addAll(needles.inBytes(name, Files.readAllBytes(file), minBytes));
      }
    }
    assertThat(found).as("personal data found on disk or in output").isEmpty();
    Needles knownMisses = new Needles(List.copyOf(KNOWN_MISSES));
    assertThat(indexContent(data.resolve("index"), knownMisses))
        .as("each known miss is still planted and still missed; remove fixed ones from the list")
        .hasSizeGreaterThanOrEqualTo(KNOWN_MISSES.size());
    try (Stream<Path> files = Files.list(data.resolve("rejects"))) {
      assertThat(files.toList()).as("the reject file was written and scanned").hasSize(2);
    }
  }

  /**
   * Planted values the detectors are known to miss, each a documented gap (docs/redaction.md, "What
   * is not covered"), so that this test still catches every other leak. The test below checks that
   * each is still planted and still missed: a fixed gap must leave this list.
   */
  static final Set<String> KNOWN_MISSES =
      Set.of(
          // A given name followed by a family name that is also a street type, with no cue.
          "Juan Lane");

  private static List<String> plantedValues(Path truth) throws IOException {
    List<String> values = new ArrayList<>();
    for (String line : Files.readAllLines(truth)) {
      Map<String, Object> row = CommandLineTest.jsonObject(line);
      String value = (String) row.get("value");
      if (!KNOWN_MISSES.contains(value)) {
        values.add(value);
      }
    }
    return values;
  }

  /** Every stored field, indexed term and doc-values term of the index, read with Lucene. */
  private static List<String> indexContent(Path index, Needles needles) throws IOException {
    List<String> found = new ArrayList<>();
    try (FSDirectory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext context : reader.leaves()) {
        LeafReader leaf = context.reader();
        StoredFields stored = leaf.storedFields();
        for (int doc = 0; doc < leaf.maxDoc(); doc++) {
          for (IndexableField field : stored.document(doc)) {
            String where = "stored field " + field.name() + " of doc " + doc;
            if (field.stringValue() != null) {
              found.addAll(needles.in(where, field.stringValue()));
            }
            BytesRef bytes = field.binaryValue();
            if (bytes != null) {
              found.addAll(needles.inBytes(where, BytesRef.deepCopyOf(bytes).bytes));
            }
          }
        }
        for (FieldInfo info : leaf.getFieldInfos()) {
          Terms terms = leaf.terms(info.name);
          if (terms != null) {
            found.addAll(needles.inTerms("term of " + info.name, terms.iterator()));
          }
          found.addAll(docValues(leaf, info, needles));
        }
      }
    }
    return found;
  }

  private static List<String> docValues(LeafReader leaf, FieldInfo info, Needles needles)
      throws IOException {
    String where = "doc values of " + info.name;
    if (info.getDocValuesType() == DocValuesType.SORTED_SET) {
      SortedSetDocValues values = leaf.getSortedSetDocValues(info.name);
      return needles.inTerms(where, values.termsEnum());
    }
    if (info.getDocValuesType() == DocValuesType.SORTED) {
      SortedDocValues values = leaf.getSortedDocValues(info.name);
      return needles.inTerms(where, values.termsEnum());
    }
    if (info.getDocValuesType() == DocValuesType.BINARY) {
      List<String> found = new ArrayList<>();
      BinaryDocValues values = leaf.getBinaryDocValues(info.name);
      while (values.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
        found.addAll(needles.inBytes(where, BytesRef.deepCopyOf(values.binaryValue()).bytes));
      }
      return found;
    }
    return List.of();
  }

  /**
   * The planted values in the forms to look for (as planted, and in lower case), encoded in UTF-8
   * and UTF-16 (both byte orders), found in bulk with a rolling hash per needle length.
   */
  static final class Needles {
    private final Set<String> forms = new LinkedHashSet<>();
    private final Map<Integer, Map<Long, List<Encoded>>> byLength = new HashMap<>();

    Needles(List<String> values) {
      for (String value : values) {
        forms.add(value);
        forms.add(value.toLowerCase(Locale.ROOT));
      }
      for (String form : forms) {
        for (var charset :
            List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
          byte[] bytes = form.getBytes(charset);
          byLength
              .computeIfAbsent(bytes.length, n -> new HashMap<>())
              .computeIfAbsent(hash(bytes, 0, bytes.length), h -> new ArrayList<>())
              .add(new Encoded(form, bytes, charset));
        }
      }
    }

    int size() {
      return forms.size();
    }

    List<String> in(String where, String text) {
      List<String> found = new ArrayList<>();
      for (String form : forms) {
        for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
          if (standsAlone(form, text, at)) {
            found.add(where + ": a planted value of " + form.length() + " chars");
            break;
          }
        }
      }
      return found;
    }

    List<String> inTerms(String where, TermsEnum terms) throws IOException {
      List<String> found = new ArrayList<>();
      for (BytesRef term = terms.next(); term != null; term = terms.next()) {
        found.addAll(in(where, term.utf8ToString()));
      }
      return found;
    }

    List<String> inBytes(String where, byte[] haystack) {
      return inBytes(where, haystack, 1);
    }

    List<String> inBytes(String where, byte[] haystack, int minBytes) {
      Set<String> found = new HashSet<>();
      for (Map.Entry<Integer, Map<Long, List<Encoded>>> group : byLength.entrySet()) {
        int length = group.getKey();
        if (length > haystack.length || length < minBytes) {
          continue;
        }
        long power = 1;
        for (int i = 1; i < length; i++) {
          power *= PRIME;
        }
        long rolling = hash(haystack, 0, length);
        for (int start = 0; ; start++) {
          List<Encoded> candidates = group.getValue().get(rolling);
          if (candidates != null) {
            for (Encoded needle : candidates) {
              if (Arrays.equals(haystack, start, start + length, needle.bytes(), 0, length)
                  && needle.standsAlone(haystack, start)) {
                found.add(where + ": a planted value of " + length + " bytes at " + start);
              }
            }
          }
          if (start + length >= haystack.length) {
            break;
          }
          rolling =
              (rolling - (haystack[start] & 0xff) * power) * PRIME
                  + (haystack[start + length] & 0xff);
        }
      }
      return new ArrayList<>(found);
    }

    /**
     * A planted word that leaks leaks as a word: "Ava" inside "Java" or "Ross" inside "across" is
     * not the planted value. So an edge of the value that is a letter or digit must meet a non-word
     * character (or the end) in the text; edges such as the "+" of a phone number need nothing.
     */
    static boolean standsAlone(String form, String text, int at) {
      int end = at + form.length();
      return (!isWordChar(form.charAt(0)) || at == 0 || !isWordChar(text.charAt(at - 1)))
          && (!isWordChar(form.charAt(form.length() - 1))
              || end == text.length()
              || !isWordChar(text.charAt(end)));
    }

    private static boolean isWordChar(int c) {
      return Character.isLetterOrDigit(c);
    }

    /** One form of a planted value in one encoding. */
    private record Encoded(String form, byte[] bytes, Charset charset) {
      boolean standsAlone(byte[] haystack, int start) {
        int unit = charset == StandardCharsets.UTF_8 ? 1 : 2;
        boolean leftOk =
            !isWordChar(form.charAt(0)) || !isWordChar(charBefore(haystack, start, unit));
        boolean rightOk =
            !isWordChar(form.charAt(form.length() - 1))
                || !isWordChar(charAt(haystack, start + bytes.length, unit));
        return leftOk && rightOk;
      }

      private int charBefore(byte[] haystack, int start, int unit) {
        return start - unit < 0 ? ' ' : charAt(haystack, start - unit, unit);
      }

      /**
       * The character at a byte offset, read as one code unit; a non-ASCII UTF-8 byte counts as a
       * letter (it starts or continues one), which can only hide a finding next to letters.
       */
      private int charAt(byte[] haystack, int at, int unit) {
        if (at + unit > haystack.length) {
          return ' ';
        }
        if (unit == 1) {
          int b = haystack[at] & 0xff;
          return b >= 0x80 ? 'a' : b;
        }
        return charset == StandardCharsets.UTF_16LE
            ? (haystack[at] & 0xff) | (haystack[at + 1] & 0xff) << 8
            : (haystack[at] & 0xff) << 8 | (haystack[at + 1] & 0xff);
      }
    }

    private static final long PRIME = 1_000_003L;

    private static long hash(byte[] bytes, int from, int length) {
      long h = 0;
      for (int i = from; i < from + length; i++) {
        h = h * PRIME + (bytes[i] & 0xff);
      }
      return h;
    }
  }

  @Test
  void theNeedleScannerFindsWhatItIsLookingFor() {
    Needles needles = new Needles(List.of("Alessia Galli", "+33693738027"));
    assertThat(needles.inBytes("x", "..alessia galli..".getBytes(StandardCharsets.UTF_8)))
        .hasSize(1);
    // At 4 as UTF-16LE; at 3 the same bytes also read as the UTF-16BE form: both are findings.
    assertThat(needles.inBytes("x", "ab+33693738027".getBytes(StandardCharsets.UTF_16LE)))
        .contains("x: a planted value of 24 bytes at 4");
    assertThat(needles.inBytes("x", "+33693738027".getBytes(StandardCharsets.UTF_16BE))).hasSize(1);
    assertThat(needles.inBytes("x", "Alessia Gall".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(needles.in("x", "from Alessia Galli")).hasSize(1);
    Needles names = new Needles(List.of("Ava"));
    assertThat(names.in("x", "Java and avatar")).isEmpty();
    assertThat(names.in("x", "Java, then Ava.")).hasSize(1);
    assertThat(names.inBytes("x", "Java".getBytes(StandardCharsets.UTF_16BE))).isEmpty();
    assertThat(names.inBytes("x", "(ava)".getBytes(StandardCharsets.UTF_16BE)))
        .contains("x: a planted value of 6 bytes at 2");
    assertThat(names.inBytes("x", "Java ava".getBytes(StandardCharsets.UTF_8))).hasSize(1);
  }
}
