package dev.casevault.corpus;

/**
 * A person's name. The ASCII forms (lower case, accents and punctuation removed) are what people
 * put in e-mail addresses and user names.
 */
record Person(String first, String last, boolean female, String firstAscii, String lastAscii) {
  String full() {
    return first + " " + last;
  }
}
