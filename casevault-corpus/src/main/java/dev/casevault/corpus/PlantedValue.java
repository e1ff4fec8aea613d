package dev.casevault.corpus;

/**
 * One personal value planted in a generated case.
 *
 * @param field the path of the field holding it, e.g. {@code messages[3].text}, {@code
 *     customer.email}
 * @param type the canonical type name: PERSON, EMAIL, PHONE, IP_ADDRESS, CREDIT_CARD, IBAN, US_SSN,
 *     FR_NIR, UK_NINO, STREET_ADDRESS, DATE_OF_BIRTH, URL_CREDENTIALS or SECRET
 * @param start 0-based UTF-16 offset of the first character in the field's string
 * @param end offset after the last character (exclusive)
 * @param value the planted text, equal to {@code field.substring(start, end)}
 */
public record PlantedValue(String field, String type, int start, int end, String value) {}
