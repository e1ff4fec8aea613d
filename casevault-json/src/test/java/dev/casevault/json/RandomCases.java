package dev.casevault.json;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random valid cases, with text that exercises JSON escaping and UTF-8. */
final class RandomCases {
  private static final String ID_FIRST =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String ID_REST = ID_FIRST + "._:-";
  private static final String[] PIECES = {
    "printer", "invoice", "the", "refund", "error", " ", " ", " ", ", ", ". ", "\"", "\\", "\n",
    "\r\n", "\t", "/", "é", "ü", "ç", "Ω", "日本語", "😀", "𝄞", "\u0000", "\u0001", "\u001f",
    "\u007f", "\u2028", "\uFEFF", "{", "}", "[", "]", ":", "<script>", "null", "1e9"
  };
  private static final long FROM = Instant.parse("1990-01-01T00:00:00Z").getEpochSecond();
  private static final long TO = Instant.parse("2040-01-01T00:00:00Z").getEpochSecond();

  private final Random random;

  RandomCases(Random random) {
    this.random = random;
  }

  SupportCase next() {
    Instant created = time();
    Instant updated =
        random.nextBoolean() ? created : created.plusMillis(random.nextInt(1_000_000_000));
    return new SupportCase(
        new CaseId(id()),
        created,
        updated,
        pick(Status.values()),
        text(1, 20),
        pick(Channel.values()),
        pick(Language.values()),
        maybe(text(0, 10)),
        maybe(text(0, 10)),
        list(5, () -> text(0, 12)),
        random.nextInt(4) == 0
            ? null
            : new Customer(
                maybe(text(0, 10)),
                maybe(text(0, 20)),
                maybe(text(0, 20)),
                maybe(text(0, 12)),
                maybe(text(0, 12))),
        random.nextInt(4) == 0
            ? null
            : new Agent(maybe(text(0, 10)), maybe(text(0, 20)), maybe(text(0, 20))),
        text(0, 60),
        text(0, 400),
        list(6, () -> new Message(time(), pick(Author.values()), text(0, 200))),
        list(
            3,
            () ->
                new Note(time(), maybe(text(0, 10)), pick(NoteVisibility.values()), text(0, 100))));
  }

  String id() {
    int length = random.nextInt(10) == 0 ? CaseId.MAX_LENGTH : 1 + random.nextInt(30);
    StringBuilder id = new StringBuilder();
    id.append(ID_FIRST.charAt(random.nextInt(ID_FIRST.length())));
    while (id.length() < length) {
      id.append(ID_REST.charAt(random.nextInt(ID_REST.length())));
    }
    return id.toString();
  }

  /** A time in seconds, milliseconds, microseconds or nanoseconds. */
  Instant time() {
    long seconds = FROM + (long) (random.nextDouble() * (TO - FROM));
    int nanos =
        switch (random.nextInt(4)) {
          case 0 -> 0;
          case 1 -> random.nextInt(1000) * 1_000_000;
          case 2 -> random.nextInt(1_000_000) * 1000;
          default -> random.nextInt(1_000_000_000);
        };
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Text of {@code minPieces} to {@code maxPieces} pieces. */
  String text(int minPieces, int maxPieces) {
    int pieces = minPieces + random.nextInt(maxPieces - minPieces + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces; i++) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  private String maybe(String value) {
    return random.nextInt(3) == 0 ? null : value;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> List<T> list(int max, java.util.function.Supplier<T> element) {
    int size = random.nextInt(max + 1);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }
}
