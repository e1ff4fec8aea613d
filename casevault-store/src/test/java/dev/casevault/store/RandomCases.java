package dev.casevault.store;

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

/**
 * Random cases for the contract suite. Free text is made of marker words ({@code kw0} ... {@code
 * kw39}) that every analysis chain keeps as they are, so an oracle can decide matches by plain word
 * comparison, mixed with ordinary filler words.
 */
public final class RandomCases {
  public static final List<String> PRODUCTS =
      List.of("surface-laptop", "office-365", "xbox-live", "teams", "onedrive");
  public static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");
  public static final List<String> TEAMS = List.of("tier1-emea", "tier2-amer", "billing-apac");
  public static final List<String> TAGS = List.of("vip", "refund", "outage", "escalated", "gdpr");
  public static final int MARKER_WORDS = 40;
  private static final List<String> FILLER =
      List.of("the", "customer", "reports", "that", "device", "cannot", "sync", "after", "update");
  static final Instant START = Instant.parse("2006-01-01T00:00:00Z");
  static final long SPAN_SECONDS = 14L * 365 * 24 * 3600;

  private final Random random;

  public RandomCases(long seed) {
    this.random = new Random(seed);
  }

  public static String marker(int i) {
    return "kw" + i;
  }

  public String randomMarker() {
    return marker(random.nextInt(MARKER_WORDS));
  }

  public SupportCase next(int number) {
    Instant created = START.plusSeconds(random.nextLong(SPAN_SECONDS));
    Instant updated = created.plusSeconds(random.nextInt(90 * 24 * 3600));
    List<String> tags = new ArrayList<>();
    for (String tag : TAGS) {
      if (random.nextInt(4) == 0) {
        tags.add(tag);
      }
    }
    List<Message> messages = new ArrayList<>();
    int messageCount = random.nextInt(4);
    for (int i = 0; i < messageCount; i++) {
      messages.add(
          new Message(
              created.plusSeconds(60L * (i + 1)),
              Author.values()[random.nextInt(Author.values().length)],
              text(3 + random.nextInt(8))));
    }
    List<Note> notes = new ArrayList<>();
    int noteCount = random.nextInt(3);
    for (int i = 0; i < noteCount; i++) {
      notes.add(
          new Note(
              created.plusSeconds(3600L * (i + 1)),
              random.nextBoolean() ? "agent-" + random.nextInt(9) : null,
              random.nextBoolean() ? NoteVisibility.INTERNAL : NoteVisibility.CONFIDENTIAL,
              text(2 + random.nextInt(6))));
    }
    return new SupportCase(
        new CaseId(String.format("CASE-%07d", number)),
        created,
        updated,
        pick(List.of(Status.values())),
        pick(PRODUCTS),
        pick(List.of(Channel.values())),
        pick(List.of(Language.values())),
        random.nextInt(10) == 0 ? null : pick(REGIONS),
        random.nextInt(10) == 0 ? null : pick(TEAMS),
        tags,
        new Customer("cust-" + number, "Customer " + number, null, null, null),
        new Agent("agent-" + random.nextInt(9), null, null),
        text(2 + random.nextInt(4)),
        text(5 + random.nextInt(15)),
        messages,
        notes);
  }

  private String text(int words) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        text.append(' ');
      }
      text.append(random.nextInt(3) == 0 ? pick(FILLER) : randomMarker());
    }
    return text.toString();
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  public Random random() {
    return random;
  }
}
