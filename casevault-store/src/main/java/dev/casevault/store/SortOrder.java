package dev.casevault.store;

import dev.casevault.core.WireEnum;

/** The order of search hits. Ties are broken by case id, so pages never overlap. */
public enum SortOrder implements WireEnum {
  RELEVANCE("relevance"),
  NEWEST("newest"),
  OLDEST("oldest"),
  RECENTLY_UPDATED("updated");

  private final String wireName;

  SortOrder(String wireName) {
    this.wireName = wireName;
  }

  @Override
  public String wireName() {
    return wireName;
  }
}
