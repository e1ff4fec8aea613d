package dev.casevault.corpus;

import java.util.HashMap;
import java.util.Map;

/**
 * The placeholders of the sentence templates, written {@code {key}}. Slots that stand for personal
 * data plant it (the generator records its offsets); the others fill in context and false-positive
 * bait: values that look like personal data to a careless detector but are not.
 */
enum Slot {
  // People.
  AGENT("agent"),
  AGENT_FULL("agentFull"),
  FIRST("first"),
  FULL("full"),
  FORMAL("formal"),
  PERSON("person"),
  PEER("peer"),
  // Other personal data.
  EMAIL("email"),
  PHONE("phone"),
  ADDRESS("address"),
  DOB("dob"),
  CARD("card"),
  IBAN("iban"),
  SSN("ssn"),
  NIR("nir"),
  NINO("nino"),
  IP("ip"),
  URL("url"),
  PASSWORD("password"),
  TOKEN("token"),
  AWS_ID("awsId"),
  AWS_SECRET("awsSecret"),
  JWT("jwt"),
  // Context and bait.
  PRODUCT("product"),
  OS("os"),
  BROWSER("browser"),
  COMPANY("company"),
  ORDER("order"),
  INVOICE("invoice"),
  VERSION("version"),
  ERROR("error"),
  KB("kb"),
  SERIAL("serial"),
  DATE("date"),
  AMOUNT("amount"),
  CASE_REF("caseRef"),
  UUID("uuid"),
  CHECKSUM("checksum"),
  TIME("time"),
  TRACKING("tracking"),
  LAST4("last4"),
  EXPIRY("expiry"),
  NUMBER("n"),
  EMOJI("emoji"),
  // Grammar and typography.
  FEMININE("e"),
  AGENT_FEMININE("ae"),
  /** Written {@code ~}: the space French puts before {@code : ; ? !}, typed in several ways. */
  FRENCH_SPACE(null);

  private static final Map<String, Slot> BY_KEY = new HashMap<>();

  static {
    for (Slot slot : values()) {
      if (slot.key != null) {
        BY_KEY.put(slot.key, slot);
      }
    }
  }

  private final String key;

  Slot(String key) {
    this.key = key;
  }

  static Slot forKey(String key) {
    Slot slot = BY_KEY.get(key);
    if (slot == null) {
      throw new IllegalArgumentException("unknown slot {" + key + "}");
    }
    return slot;
  }
}
