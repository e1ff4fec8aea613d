package dev.casevault.core;

/** The life-cycle state of a case. */
public enum Status implements WireEnum {
  OPEN("open"),
  PENDING("pending"),
  SOLVED("solved"),
  CLOSED("closed");

  private final String wireName;

  Status(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
