package dev.casevault.corpus;

/** The kinds of personal data the generator plants; {@link #name()} is the canonical type name. */
enum PiiType {
  PERSON,
  EMAIL,
  PHONE,
  IP_ADDRESS,
  CREDIT_CARD,
  IBAN,
  US_SSN,
  FR_NIR,
  UK_NINO,
  STREET_ADDRESS,
  DATE_OF_BIRTH,
  URL_CREDENTIALS,
  SECRET
}
