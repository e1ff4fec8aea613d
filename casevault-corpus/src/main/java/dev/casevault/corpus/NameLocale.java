package dev.casevault.corpus;

/** A list of given and family names in {@code names.txt}. */
enum NameLocale {
  EN,
  FR,
  DE,
  ES,
  IT;

  String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
