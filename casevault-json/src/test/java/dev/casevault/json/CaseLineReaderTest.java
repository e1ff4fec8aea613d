package dev.casevault.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import dev.casevault.json.ParsedLine.Accepted;
import dev.casevault.json.ParsedLine.Rejected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CaseLineReaderTest {
  private static final Instant CREATED = Instant.parse("2019-12-05T10:15:00Z");

  /** The input, the results and the rejects it must give, built line by line. */
  private static final class MixedFile {
    final ByteArrayOutputStream input = new ByteArrayOutputStream();
    final ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    final List<ParsedLine> results = new ArrayList<>();
    long lines;

    void accepted(SupportCase supportCase, String ending) {
      accepted(CaseJsonWriter.toJson(supportCase), supportCase, ending);
    }

    void accepted(String json, SupportCase supportCase, String ending) {
      input.writeBytes(json.getBytes(UTF_8));
      input.writeBytes(ending.getBytes(UTF_8));
      results.add(new Accepted(++lines, supportCase));
    }

    void rejected(String line, String ending, String reason) {
      rejected(line.getBytes(UTF_8), ending, reason);
    }

    void rejected(byte[] line, String ending, String reason) {
      input.writeBytes(line);
      input.writeBytes(ending.getBytes(UTF_8));
      rejects.writeBytes(line);
      rejects.writeBytes(ending.equals("\r\n") ? "\r\n".getBytes(UTF_8) : "\n".getBytes(UTF_8));
      results.add(new Rejected(++lines, reason));
    }

    void blank(String line) {
      input.writeBytes(line.getBytes(UTF_8));
      lines++;
    }
  }

  private static SupportCase sample(String id) {
    return new SupportCase(
        new CaseId(id),
        CREATED,
        CREATED.plusSeconds(3600),
        Status.OPEN,
        "Printers",
        Channel.EMAIL,
        Language.EN,
        "EMEA",
        "tier1-emea",
        List.of("printer", "billing", "urgent"),
        new Customer("C-1", "Jane Doe", "jane@example.com", "+33 1 23 45 67 89", "192.0.2.1"),
        new Agent("A-7", "Bob", "bob@example.com"),
        "Printer offline",
        "It stopped after the update.",
        List.of(
            new Message(Instant.parse("2019-12-05T10:16:00Z"), Author.CUSTOMER, "Hello"),
            new Message(Instant.parse("2019-12-05T10:17:00Z"), Author.AGENT, "Hi"),
            new Message(Instant.parse("2019-12-05T10:18:00Z"), Author.SYSTEM, "Assigned"),
            new Message(Instant.parse("2019-12-05T10:19:00Z"), Author.CUSTOMER, "Thanks")),
        List.of(
            new Note(
                Instant.parse("2019-12-05T10:20:00Z"),
                "bob",
                NoteVisibility.INTERNAL,
                "Known issue")));
  }

  /** {@code json} with its only occurrence of {@code from} replaced. */
  private static String edit(String json, String from, String to) {
    assertThat(json.split(Pattern.quote(from), -1)).hasSize(2);
    return json.replace(from, to);
  }

  private static String sampleJson(String id) {
    return CaseJsonWriter.toJson(sample(id));
  }

  /** A valid case whose line is exactly {@code bytes} long, padded with message texts. */
  private static SupportCase caseOfLength(String id, int bytes, int maxTextChars) {
    List<Message> messages = new ArrayList<>();
    while (true) {
      int padding = bytes - lineLength(withMessages(sample(id), append(messages, "")));
      messages = append(messages, "m".repeat(Math.min(padding, maxTextChars)));
      if (padding <= maxTextChars) {
        SupportCase supportCase = withMessages(sample(id), messages);
        assertThat(lineLength(supportCase)).isEqualTo(bytes);
        return supportCase;
      }
    }
  }

  private static int lineLength(SupportCase supportCase) {
    return CaseJsonWriter.toJson(supportCase).getBytes(UTF_8).length;
  }

  private static List<Message> append(List<Message> messages, String text) {
    List<Message> more = new ArrayList<>(messages);
    more.add(new Message(CREATED, Author.AGENT, text));
    return more;
  }

  private static SupportCase withMessages(SupportCase c, List<Message> messages) {
    return new SupportCase(
        c.id(),
        c.created(),
        c.updated(),
        c.status(),
        c.product(),
        c.channel(),
        c.language(),
        c.region(),
        c.team(),
        c.tags(),
        c.customer(),
        c.agent(),
        c.subject(),
        c.description(),
        messages,
        c.notes());
  }

  private static MixedFile mixedFile() {
    MixedFile file = new MixedFile();
    String base = sampleJson("CASE-1");
    file.accepted(sample("CASE-1"), "\r\n");
    file.blank("\n");
    file.blank(" \t \r\n");
    file.rejected(
        "{\"id\": \"CASE-1\" \"status\": \"open\"}",
        "\n",
        "invalid JSON at column 17: unexpected character");
    file.accepted(sample("CASE-2"), "\n");
    file.rejected(
        edit(base, "\"status\":\"open\"", "\"status\":3"),
        "\n",
        "field \"status\": expected one of open|pending|solved|closed");
    file.rejected(
        edit(base, "\"tags\":[\"printer\",\"billing\",\"urgent\"]", "\"tags\":[\"a\",\"b\",7]"),
        "\n",
        "field \"tags[2]\": expected a string");
    file.rejected(
        edit(base, "\"subject\":\"Printer offline\"", "\"subject\":[\"Printer offline\"]"),
        "\n",
        "field \"subject\": expected a string");
    file.rejected(
        edit(base, "\"notes\":[", "\"notes\":{},\"x\":["),
        "\n",
        "field \"notes\": expected an array");
    file.rejected(
        edit(
            base,
            "\"agent\":{\"id\":\"A-7\",\"name\":\"Bob\",\"email\":\"bob@example.com\"}",
            "\"agent\":\"Bob\""),
        "\n",
        "field \"agent\": expected an object");
    file.rejected(
        edit(base, "\"messages\":[{", "\"messages\":[7,{"),
        "\n",
        "field \"messages[0]\": expected an object");
    file.rejected(
        edit(base, "\"region\":\"EMEA\"", "\"region\":" + "1".repeat(5000)),
        "\n",
        "field \"region\": expected a string");
    file.rejected(
        edit(base, "\"tags\":[\"printer\"", "\"tags\":[" + "[".repeat(5000) + "\"printer\""),
        "\n",
        "field \"tags[0]\": expected a string");
    file.rejected(
        edit(base, "\"status\":\"open\",", ""), "\n", "missing required field \"status\"");
    file.rejected(
        edit(base, "\"text\":\"Hi\"", "\"author\":\"Hi\""),
        "\n",
        "field \"messages[1].author\": unknown field");
    file.rejected(
        edit(base, ",\"from\":\"system\"", ""),
        "\n",
        "missing required field \"messages[2].from\"");
    file.rejected(
        edit(base, "\"status\":\"open\"", "\"status\":\"reopened\""),
        "\n",
        "field \"status\": expected one of open|pending|solved|closed");
    file.rejected(
        edit(base, "\"from\":\"agent\"", "\"from\":\"bot\""),
        "\n",
        "field \"messages[1].from\": expected one of customer|agent|system");
    file.rejected(
        edit(base, "\"visibility\":\"internal\"", "\"visibility\":\"public\""),
        "\n",
        "field \"notes[0].visibility\": expected one of internal|confidential");
    file.rejected(
        edit(base, "\"channel\":\"email\"", "\"channel\":\"fax\""),
        "\r\n",
        "field \"channel\": expected one of chat|email|phone|web");
    file.rejected(
        edit(base, "\"language\":\"en\"", "\"language\":\"de\""),
        "\n",
        "field \"language\": expected one of en|fr");
    file.rejected(
        edit(base, "\"at\":\"2019-12-05T10:19:00Z\"", "\"at\":\"2019-12-05 10:19\""),
        "\n",
        "field \"messages[3].at\": expected an ISO-8601 time such as 2019-12-05T10:15:00Z");
    file.rejected(
        edit(base, "\"created\":\"2019-12-05T10:15:00Z\"", "\"created\":1575540900"),
        "\n",
        "field \"created\": expected an ISO-8601 time such as 2019-12-05T10:15:00Z");
    file.rejected(
        edit(
            base,
            "\"customer\":{\"id\":\"C-1\"",
            "\"customer\":{\"nickname\":\"Jay\",\"id\":\"C-1\""),
        "\n",
        "unknown field in \"customer\" (name not shown)");
    file.rejected(
        edit(base, "\"team\":\"tier1-emea\"", "\"team\":\"tier1-emea\",\"email\":1"),
        "\n",
        "field \"email\": unknown field");
    file.rejected(
        edit(base, "\"customer\":{\"id\":\"C-1\"", "\"customer\":{\"status\":1,\"id\":\"C-1\""),
        "\n",
        "field \"customer.status\": unknown field");
    file.rejected(
        edit(base, "\"team\":\"tier1-emea\"", "\"team\":\"tier1-emea\",\"priority\":1"),
        "\n",
        "unknown field (name not shown)");
    file.rejected(
        edit(base, "\"region\":\"EMEA\"", "\"region\":\"EMEA\",\"jane.doe@example.com\":true"),
        "\n",
        "unknown field (name not shown)");
    file.rejected(
        edit(
            base,
            "{\"at\":\"2019-12-05T10:17:00Z\"",
            "{\"Zq9 Secret\":1,\"at\":\"2019-12-05T10:17:00Z\""),
        "\n",
        "unknown field in \"messages[1]\" (name not shown)");
    file.rejected(
        edit(
            base,
            "\"agent\":{\"id\":\"A-7\"",
            "\"agent\":{\"" + "a".repeat(65) + "\":1,\"id\":\"A-7\""),
        "\n",
        "unknown field in \"agent\" (name not shown)");
    file.rejected(
        edit(base, "\"subject\":\"Printer offline\"", "\"subject\":\"" + "s".repeat(1200) + "\""),
        "\n",
        "field \"subject\": 1200 characters, more than the limit of 1000");
    file.rejected(
        edit(base, "\"author\":\"bob\"", "\"author\":\"" + "b".repeat(257) + "\""),
        "\n",
        "field \"notes[0].author\": 257 characters, more than the limit of 256");
    file.rejected(
        edit(
            base,
            "\"description\":\"It stopped after the update.\"",
            "\"description\":\"" + "é".repeat(262_145) + "\""),
        "\n",
        "field \"description\": 262145 characters, more than the limit of 262144");
    file.rejected(
        edit(
            base,
            "\"tags\":[\"printer\",\"billing\",\"urgent\"]",
            "\"tags\":[" + "\"t\",".repeat(64) + "\"t\"]"),
        "\n",
        "field \"tags\": more than the limit of 64 entries");
    file.rejected(
        edit(base, "\"status\":\"open\"", "\"status\":\"open\",\"status\":\"open\""),
        "\n",
        "duplicate field \"status\"");
    file.rejected(
        edit(base, "\"text\":\"Known issue\"", "\"text\":\"Known\",\"text\":\"issue\""),
        "\n",
        "duplicate field \"notes[0].text\"");
    file.rejected(
        edit(base, "\"email\":\"jane@example.com\"", "\"email\":null,\"email\":null"),
        "\n",
        "duplicate field \"customer.email\"");
    file.accepted(sample("CASE-3"), "\n");
    String oversized = "{\"id\":\"CASE-BIG\",\"description\":\"";
    oversized += "x".repeat(2_000_000 - oversized.length() - 2) + "\"}";
    file.rejected(oversized, "\n", "line is 2000000 bytes, more than the limit of 1048576");
    file.rejected(
        "x".repeat(1_048_577), "\r\n", "line is 1048577 bytes, more than the limit of 1048576");
    SupportCase atLimit = caseOfLength("CASE-AT-LIMIT", 1_048_576, 262_144);
    file.accepted(atLimit, "\r\n");
    file.rejected(
        concat(
            "{\"description\":\"".getBytes(UTF_8), new byte[] {(byte) 0xFF}, "\"}".getBytes(UTF_8)),
        "\n",
        "invalid UTF-8 at byte 17");
    file.rejected(
        concat(
            "  {\"a\":\"".getBytes(UTF_8),
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            "\"}".getBytes(UTF_8)),
        "\n",
        "invalid UTF-8 at byte 9");
    file.rejected(
        edit(base, "\"subject\":\"Printer offline\"", "\"subject\":null"),
        "\n",
        "field \"subject\": must not be null");
    file.rejected(
        edit(base, "\"status\":\"open\"", "\"status\":null"),
        "\n",
        "field \"status\": must not be null");
    file.rejected(
        edit(base, "\"id\":\"CASE-1\"", "\"id\":null"), "\n", "field \"id\": must not be null");
    file.rejected(
        edit(
            base,
            "\"updated\":\"2019-12-05T11:15:00Z\"",
            "\"updated\":\"2019-12-05T10:14:59.999Z\""),
        "\n",
        "field \"updated\": before \"created\"");
    String idRule =
        "expected 1-128 characters of A-Z a-z 0-9 . _ : - starting with a letter or digit";
    file.rejected(
        edit(base, "\"id\":\"CASE-1\"", "\"id\":\"-CASE-1\""), "\n", "field \"id\": " + idRule);
    file.rejected(
        edit(base, "\"id\":\"CASE-1\"", "\"id\":\"CASE 1\""), "\n", "field \"id\": " + idRule);
    file.rejected(
        edit(base, "\"id\":\"CASE-1\"", "\"id\":\"" + "C".repeat(129) + "\""),
        "\n",
        "field \"id\": " + idRule);
    file.rejected(edit(base, "\"id\":\"CASE-1\"", "\"id\":1"), "\n", "field \"id\": " + idRule);
    file.rejected(
        "{\"id\":\"CASE-1\"} {}",
        "\n",
        "invalid JSON at column 17: unexpected content after the object");
    file.rejected(
        base + "]",
        "\n",
        "invalid JSON at column " + (base.length() + 1) + ": unexpected content after the object");
    file.rejected("[\"CASE-1\"]", "\n", "expected a JSON object");
    file.rejected("  null", "\n", "expected a JSON object");
    file.rejected(
        edit(base, "\"description\":\"It stopped", "\"description\":\"\\ud800It stopped"),
        "\n",
        "field \"description\": expected Unicode text, found an unpaired surrogate");
    file.rejected(
        edit(base, "\"Known issue\"", "\"Known issue\\udc00\""),
        "\n",
        "field \"notes[0].text\": expected Unicode text, found an unpaired surrogate");
    file.rejected(
        new byte[] {'{', 0, '"', 0, 'a', 0, '"', 0, ':', 0, '1', 0, '}', 0},
        "\n",
        "invalid JSON at column 2: unexpected character");
    file.rejected(
        "{\"subject\":\"tab\there\"}", "\n", "invalid JSON at column 16: unexpected character");
    file.rejected("{\"id\":\"CASE-1\",}", "\n", "invalid JSON at column 16: unexpected character");
    file.rejected("{'id':'CASE-1'}", "\n", "invalid JSON at column 2: unexpected character");
    file.accepted(
        "{\"id\":\"CASE-NULLS\",\"created\":\"2019-12-05T10:15:00Z\",\"updated\":null,"
            + "\"status\":\"closed\",\"product\":\"P\",\"channel\":\"web\",\"language\":\"fr\","
            + "\"region\":null,\"team\":null,\"tags\":null,\"customer\":null,\"agent\":null,"
            + "\"subject\":\"\",\"description\":\"\",\"messages\":null,\"notes\":null}",
        new SupportCase(
            new CaseId("CASE-NULLS"),
            CREATED,
            CREATED,
            Status.CLOSED,
            "P",
            Channel.WEB,
            Language.FR,
            null,
            null,
            List.of(),
            null,
            null,
            "",
            "",
            List.of(),
            List.of()),
        "\n");
    file.accepted(
        " {\"description\":\"d\",\"subject\":\"s\",\"language\":\"en\",\"channel\":\"chat\","
            + "\"product\":\"P\",\"status\":\"pending\",\"created\":\"2019-12-05T11:15:00.123+01:00\","
            + "\"id\":\"CASE-OFFSET\",\"customer\":{},\"agent\":{\"email\":null},"
            + "\"notes\":[{\"text\":\"t\",\"visibility\":\"confidential\",\"author\":null,"
            + "\"at\":\"2019-12-05T10:15:00.123456789-00:30\"}]} \t",
        new SupportCase(
            new CaseId("CASE-OFFSET"),
            Instant.parse("2019-12-05T10:15:00.123Z"),
            Instant.parse("2019-12-05T10:15:00.123Z"),
            Status.PENDING,
            "P",
            Channel.CHAT,
            Language.EN,
            null,
            null,
            List.of(),
            new Customer(null, null, null, null, null),
            new Agent(null, null, null),
            "s",
            "d",
            List.of(),
            List.of(
                new Note(
                    Instant.parse("2019-12-05T10:45:00.123456789Z"),
                    null,
                    NoteVisibility.CONFIDENTIAL,
                    "t"))),
        "\r\n");
    file.accepted(sample("CASE-4"), "\n");
    file.blank("\t\n");
    file.rejected(
        "{\"id\":\"CASE-7\",\"subject\":\"abc",
        "",
        "invalid JSON at column 30: unexpected end of line (truncated?)");
    return file;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      bytes.writeBytes(part);
    }
    return bytes.toByteArray();
  }

  private static List<ParsedLine> readAll(
      InputStream in, CaseLimits limits, ByteArrayOutputStream rejects) throws IOException {
    List<ParsedLine> results = new ArrayList<>();
    try (CaseLineReader reader = new CaseLineReader(in, limits, rejects)) {
      for (ParsedLine line = reader.next(); line != null; line = reader.next()) {
        results.add(line);
      }
      assertThat(reader.next()).isNull();
    }
    return results;
  }

  /** Compares summaries first, for a readable diff: some cases hold a megabyte of text. */
  private static void assertSameResults(List<ParsedLine> actual, List<ParsedLine> expected) {
    assertThat(actual)
        .extracting(CaseLineReaderTest::summary)
        .containsExactlyElementsOf(expected.stream().map(CaseLineReaderTest::summary).toList());
    assertThat(actual).isEqualTo(expected);
  }

  private static String summary(ParsedLine line) {
    return switch (line) {
      case Accepted accepted -> line.lineNumber() + ": " + accepted.supportCase().id();
      case Rejected rejected -> line.lineNumber() + ": " + rejected.reason();
    };
  }

  @Test
  void mixedFileGivesEveryReasonAndLosesNoValidLine() throws IOException {
    MixedFile file = mixedFile();
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();

    List<ParsedLine> results =
        readAll(new ByteArrayInputStream(file.input.toByteArray()), CaseLimits.defaults(), rejects);

    assertSameResults(results, file.results);
    assertThat(results.get(0)).isEqualTo(new Accepted(1, sample("CASE-1")));
    assertThat(results.get(1))
        .isEqualTo(new Rejected(4, "invalid JSON at column 17: unexpected character"));
    assertThat(results.getLast().lineNumber()).isEqualTo(file.lines);
    assertThat(rejects.toByteArray()).isEqualTo(file.rejects.toByteArray());
  }

  @Test
  void resultsDoNotDependOnHowTheInputIsChunked() throws Exception {
    MixedFile file = mixedFile();
    Seeds.run(
        random -> {
          for (int maxRead : new int[] {1, 7, 100, 70_000}) {
            ByteArrayOutputStream rejects = new ByteArrayOutputStream();
            List<ParsedLine> results =
                readAll(
                    new TrickleInputStream(file.input.toByteArray(), random, maxRead),
                    CaseLimits.defaults(),
                    rejects);
            assertSameResults(results, file.results);
            assertThat(rejects.toByteArray()).isEqualTo(file.rejects.toByteArray());
          }
        });
  }

  @Test
  void smallLineLimitStreamsLongLinesToRejects() throws Exception {
    String good = sampleJson("CASE-1");
    String bad = sampleJson("CASE-2") + " ".repeat(200);
    String input = good + "\n" + bad + "\r\n" + good + "\n" + bad;
    CaseLimits limits = CaseLimits.defaults().withMaxCaseBytes(good.length());
    String reason = "line is " + bad.length() + " bytes, more than the limit of " + good.length();
    Seeds.run(
        random -> {
          for (int maxRead : new int[] {1, 3, 64, 1 << 20}) {
            ByteArrayOutputStream rejects = new ByteArrayOutputStream();
            List<ParsedLine> results =
                readAll(
                    new TrickleInputStream(input.getBytes(UTF_8), random, maxRead),
                    limits,
                    rejects);
            assertThat(results)
                .containsExactly(
                    new Accepted(1, sample("CASE-1")),
                    new Rejected(2, reason),
                    new Accepted(3, sample("CASE-1")),
                    new Rejected(4, reason));
            assertThat(rejects.toString(UTF_8)).isEqualTo(bad + "\r\n" + bad + "\n");
          }
        });
  }

  @Test
  void lastLineWithoutNewlineIsAccepted() throws IOException {
    byte[] input = (" \n" + sampleJson("CASE-1") + "\n\n" + sampleJson("CASE-2")).getBytes(UTF_8);

    List<ParsedLine> results =
        readAll(new ByteArrayInputStream(input), CaseLimits.defaults(), null);

    assertThat(results)
        .containsExactly(new Accepted(2, sample("CASE-1")), new Accepted(4, sample("CASE-2")));
  }

  @Test
  void emptyAndBlankInputsGiveNothing() throws IOException {
    for (String input : new String[] {"", "\n", "\r\n", " \t\r\n\n  "}) {
      ByteArrayOutputStream rejects = new ByteArrayOutputStream();
      assertThat(
              readAll(
                  new ByteArrayInputStream(input.getBytes(UTF_8)), CaseLimits.defaults(), rejects))
          .isEmpty();
      assertThat(rejects.size()).isZero();
    }
  }

  @Test
  void limitsOtherThanTheDefaultsApply() throws IOException {
    CaseLimits limits = new CaseLimits(1 << 20, 5, 6, 7, 1, 1, 1);
    String base = sampleJson("CASE-1");

    List<ParsedLine> results =
        readAll(
            new ByteArrayInputStream(
                String.join(
                        "\n",
                        base,
                        edit(
                            base,
                            "\"tags\":[\"printer\",\"billing\",\"urgent\"]",
                            "\"tags\":[\"t\"]"))
                    .getBytes(UTF_8)),
            limits,
            null);

    assertThat(results)
        .containsExactly(
            new Rejected(1, "field \"product\": 8 characters, more than the limit of 7"),
            new Rejected(2, "field \"product\": 8 characters, more than the limit of 7"));
    SupportCase small =
        new SupportCase(
            new CaseId("S"),
            CREATED,
            CREATED,
            Status.OPEN,
            "P",
            Channel.WEB,
            Language.EN,
            null,
            null,
            List.of("a", "b"),
            null,
            null,
            "s",
            "d",
            List.of(),
            List.of());
    assertThat(
            readAll(
                new ByteArrayInputStream(CaseJsonWriter.toJson(small).getBytes(UTF_8)),
                limits,
                null))
        .containsExactly(new Rejected(1, "field \"tags\": more than the limit of 1 entries"));
  }

  @Test
  void closeClosesTheInputButNotTheRejects() throws IOException {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream in =
        new ByteArrayInputStream(new byte[0]) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    try (CaseLineReader reader = new CaseLineReader(in, CaseLimits.defaults(), rejects)) {
      assertThat(reader.next()).isNull();
    }
    assertThat(closed).isTrue();
  }

  @Test
  void inputErrorsPropagate() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };
    CaseLineReader reader = new CaseLineReader(failing, CaseLimits.defaults(), null);
    assertThatIOException().isThrownBy(reader::next).withMessage("disk on fire");
  }

  @Test
  void randomCasesSurviveARoundTrip() throws Exception {
    Seeds.run(
        random -> {
          RandomCases cases = new RandomCases(random);
          List<SupportCase> written = new ArrayList<>();
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          for (int i = 0; i < 3000; i++) {
            SupportCase supportCase = cases.next();
            written.add(supportCase);
            CaseJsonWriter.writeLine(supportCase, out);
          }
          ByteArrayOutputStream rejects = new ByteArrayOutputStream();
          List<ParsedLine> results =
              readAll(
                  new TrickleInputStream(out.toByteArray(), random, 100_000),
                  CaseLimits.defaults(),
                  rejects);
          List<ParsedLine> expected = new ArrayList<>();
          for (int i = 0; i < written.size(); i++) {
            expected.add(new Accepted(i + 1, written.get(i)));
          }
          assertThat(results).containsExactlyElementsOf(expected);
          assertThat(rejects.size()).isZero();
        });
  }
}
