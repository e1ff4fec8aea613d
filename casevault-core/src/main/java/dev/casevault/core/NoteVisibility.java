package dev.casevault.core;

/**
 * How widely an agent's note may be shown: internal notes to support staff, confidential notes to
 * fewer.
 */
public enum NoteVisibility implements WireEnum {
  INTERNAL("internal"),
  CONFIDENTIAL("confidential");

  private final String wireName;

  NoteVisibility(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
