package dev.casevault.core;

import java.time.Instant;
import java.util.Objects;

/** One turn of the conversation between customer and agent. */
public record Message(Instant at, Author from, String text) {
  public Message {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(text, "text");
  }
}
