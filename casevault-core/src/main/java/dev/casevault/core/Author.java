package dev.casevault.core;

/** Who wrote a message of a conversation. */
public enum Author implements WireEnum {
  CUSTOMER("customer"),
  AGENT("agent"),
  SYSTEM("system");

  private final String wireName;

  Author(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
