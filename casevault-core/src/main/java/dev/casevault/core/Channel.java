package dev.casevault.core;

/** The channel through which the customer reached support. */
public enum Channel implements WireEnum {
  CHAT("chat"),
  EMAIL("email"),
  PHONE("phone"),
  WEB("web");

  private final String wireName;

  Channel(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
