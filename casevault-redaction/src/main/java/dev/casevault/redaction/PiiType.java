package dev.casevault.redaction;

/**
 * The kinds of personal data casevault detects. These names are canonical: the API, the policy
 * file, the evaluation and the generated corpus's ground truth all use them.
 */
public enum PiiType {
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
