package dev.casevault.corpus;

/** Where a customer lives: it decides their phone numbers, addresses, bank and identity numbers. */
enum Country {
  US("US", NameLocale.EN),
  CA("CA", NameLocale.EN),
  UK("GB", NameLocale.EN),
  FR("FR", NameLocale.FR),
  BE("BE", NameLocale.FR),
  CH("CH", NameLocale.FR),
  DE("DE", NameLocale.DE),
  ES("ES", NameLocale.ES),
  IT("IT", NameLocale.IT);

  /** The ISO 3166 code, as IBANs use it. */
  final String iso;

  final NameLocale names;

  Country(String iso, NameLocale names) {
    this.iso = iso;
    this.names = names;
  }

  boolean inAmericas() {
    return this == US || this == CA;
  }
}
