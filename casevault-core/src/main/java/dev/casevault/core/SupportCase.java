package dev.casevault.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A support case as described in {@code docs/ingest-format.md}.
 *
 * <p>Required components are non-null; {@code region}, {@code team}, {@code customer} and {@code
 * agent} may be null. Lists are immutable and never null.
 */
public record SupportCase(
    CaseId id,
    Instant created,
    Instant updated,
    Status status,
    String product,
    Channel channel,
    Language language,
    String region,
    String team,
    List<String> tags,
    Customer customer,
    Agent agent,
    String subject,
    String description,
    List<Message> messages,
    List<Note> notes) {

  public SupportCase {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(description, "description");
    tags = List.copyOf(tags);
    messages = List.copyOf(messages);
    notes = List.copyOf(notes);
  }
}
