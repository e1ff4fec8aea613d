package dev.casevault.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.core.Agent;
import dev.casevault.core.Customer;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import dev.casevault.json.ParsedLine.Accepted;
import dev.casevault.json.ParsedLine.Rejected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Mutates valid lines at random: the reader must neither throw, nor lose lines, nor leak. */
class CaseLineReaderFuzzTest {
  /** Values planted in many fields, standing for personal data that must never be echoed. */
  private static final List<String> PLANTED =
      List.of("Zq9SecretValue", "Zq9 Sécret Välue", "zq9secret@example.org");

  private static final byte[] STRUCTURE = "{}[]\":,\\ \n\r\t0-eE.ntrufalsu\u00e9".getBytes(UTF_8);

  @Test
  void mutatedLinesNeverThrowLoseLinesOrLeakValues() throws Exception {
    Set<String> secrets = new LinkedHashSet<>();
    for (String planted : PLANTED) {
      for (int i = 0; i + 4 <= planted.length(); i++) {
        secrets.add(planted.substring(i, i + 4));
      }
    }
    Seeds.run(
        random -> {
          RandomCases cases = new RandomCases(random);
          List<byte[]> valid = new ArrayList<>();
          for (int i = 0; i < 40; i++) {
            valid.add(CaseJsonWriter.toJson(planted(cases.next(), random)).getBytes(UTF_8));
          }
          int rejected = 0;
          for (int round = 0; round < 400; round++) {
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            for (int i = 0; i < 10; i++) {
              input.writeBytes(mutate(valid.get(random.nextInt(valid.size())), random));
              input.writeBytes(
                  random.nextInt(5) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
              if (random.nextInt(10) == 0) {
                input.writeBytes(" \t\n".getBytes(UTF_8));
              }
            }
            if (random.nextBoolean()) {
              input.writeBytes(mutate(valid.get(0), random)); // may end without '\n'
            }
            CaseLimits limits =
                random.nextBoolean()
                    ? CaseLimits.defaults()
                    : CaseLimits.defaults().withMaxCaseBytes(500 + random.nextInt(3000));
            rejected += check(input.toByteArray(), limits, random, secrets);
          }
          assertThat(rejected).as("rejected lines").isGreaterThan(2000);
        });
  }

  /** Reads {@code input} and checks every result against the lines it splits into. */
  private static int check(byte[] input, CaseLimits limits, Random random, Set<String> secrets)
      throws IOException {
    List<byte[]> lines = splitLines(input);
    ByteArrayOutputStream rejects = new ByteArrayOutputStream();
    ByteArrayOutputStream expectedRejects = new ByteArrayOutputStream();
    int rejected = 0;
    try (CaseLineReader reader =
        new CaseLineReader(
            new TrickleInputStream(input, random, 1 + random.nextInt(5000)), limits, rejects)) {
      for (int number = 1; number <= lines.size(); number++) {
        byte[] line = lines.get(number - 1);
        if (isBlank(line)) {
          continue;
        }
        ParsedLine parsed = reader.next();
        assertThat(parsed).as("result for line %d", number).isNotNull();
        assertThat(parsed.lineNumber()).isEqualTo(number);
        switch (parsed) {
          case Accepted accepted -> {
            String json = CaseJsonWriter.toJson(accepted.supportCase());
            assertThat(readOne(json)).isEqualTo(accepted.supportCase());
          }
          case Rejected rejection -> {
            rejected++;
            expectedRejects.writeBytes(line);
            expectedRejects.write('\n');
            for (String secret : secrets) {
              assertThat(rejection.reason()).doesNotContain(secret);
            }
          }
        }
      }
      assertThat(reader.next()).isNull();
    }
    assertThat(rejects.toByteArray()).isEqualTo(expectedRejects.toByteArray());
    return rejected;
  }

  private static SupportCase readOne(String json) throws IOException {
    try (CaseLineReader reader =
        new CaseLineReader(
            new ByteArrayInputStream(json.getBytes(UTF_8)), CaseLimits.defaults(), null)) {
      return ((Accepted) reader.next()).supportCase();
    }
  }

  /** The lines of {@code input} as the reader must see them: split on '\n', which is dropped. */
  private static List<byte[]> splitLines(byte[] input) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < input.length; i++) {
      if (input[i] == '\n') {
        lines.add(Arrays.copyOfRange(input, start, i));
        start = i + 1;
      }
    }
    if (start < input.length) {
      lines.add(Arrays.copyOfRange(input, start, input.length));
    }
    return lines;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  /** One to four flips, inserts, deletions, truncations or duplicated spans. */
  private static byte[] mutate(byte[] line, Random random) {
    byte[] bytes = line;
    for (int mutations = 1 + random.nextInt(4); mutations > 0 && bytes.length > 0; mutations--) {
      int at = random.nextInt(bytes.length);
      int span = 1 + random.nextInt(Math.min(40, bytes.length - at));
      bytes =
          switch (random.nextInt(6)) {
            case 0 -> {
              byte[] flipped = bytes.clone();
              flipped[at] = randomByte(random);
              yield flipped;
            }
            case 1 -> splice(bytes, at, 0, new byte[] {randomByte(random)});
            case 2 -> splice(bytes, at, span, new byte[0]);
            case 3 -> Arrays.copyOf(bytes, at);
            case 4 -> splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, at + span));
            default -> {
              // A span duplicated elsewhere, e.g. a field or a value moved into a name position.
              int to = random.nextInt(bytes.length);
              yield splice(bytes, to, 0, Arrays.copyOfRange(bytes, at, at + span));
            }
          };
    }
    return bytes;
  }

  private static byte randomByte(Random random) {
    return random.nextBoolean()
        ? STRUCTURE[random.nextInt(STRUCTURE.length)]
        : (byte) random.nextInt(256);
  }

  /** {@code bytes} with {@code removed} bytes at {@code at} replaced by {@code inserted}. */
  private static byte[] splice(byte[] bytes, int at, int removed, byte[] inserted) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
    out.write(bytes, 0, at);
    out.writeBytes(inserted);
    out.write(bytes, at + removed, bytes.length - at - removed);
    return out.toByteArray();
  }

  /** {@code c} with the planted values in every free-text and identity field. */
  private static SupportCase planted(SupportCase c, Random random) {
    String value = PLANTED.get(random.nextInt(PLANTED.size()));
    List<String> tags = new ArrayList<>(c.tags());
    tags.add(PLANTED.get(0));
    List<Message> messages = new ArrayList<>();
    for (Message message : c.messages()) {
      messages.add(new Message(message.at(), message.from(), message.text() + value));
    }
    List<Note> notes = new ArrayList<>();
    for (Note note : c.notes()) {
      notes.add(new Note(note.at(), PLANTED.get(0), note.visibility(), value + note.text()));
    }
    return new SupportCase(
        c.id(),
        c.created(),
        c.updated(),
        c.status(),
        PLANTED.get(0),
        c.channel(),
        c.language(),
        PLANTED.get(1),
        PLANTED.get(0),
        tags,
        new Customer(PLANTED.get(0), PLANTED.get(1), PLANTED.get(2), PLANTED.get(0), value),
        new Agent(PLANTED.get(0), PLANTED.get(1), PLANTED.get(2)),
        "Re: " + value,
        value + " " + c.description() + " " + PLANTED.get(1),
        messages,
        notes);
  }
}
