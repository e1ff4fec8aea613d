package dev.casevault.core;

import java.time.Instant;
import java.util.Objects;

/** A note agents write about a case; never shown to the customer. {@code author} may be null. */
public record Note(Instant at, String author, NoteVisibility visibility, String text) {
  public Note {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(visibility, "visibility");
    Objects.requireNonNull(text, "text");
  }
}
