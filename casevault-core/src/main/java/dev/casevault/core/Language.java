package dev.casevault.core;

/** The language a case is written in; it selects the analysis chain (stemming, stop words). */
public enum Language implements WireEnum {
  EN("en"),
  FR("fr");

  private final String wireName;

  Language(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
