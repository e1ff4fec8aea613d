package dev.casevault.redaction;

/** The length of an IBAN per country, from the SWIFT IBAN registry. */
final class PaymentIbanLengths {
  private static final String REGISTRY =
      "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
          + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28 HR21"
          + " HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25 MC27"
          + " MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 QA29 RO24 RS22"
          + " RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29 VA22 VG24"
          + " XK20 YE30";

  /** Indexed by (first letter - 'A') * 26 + (second letter - 'A'); 0 for no IBAN country. */
  private static final byte[] LENGTHS = new byte[26 * 26];

  static {
    for (String entry : REGISTRY.split(" ")) {
      LENGTHS[index(entry.charAt(0), entry.charAt(1))] = Byte.parseByte(entry.substring(2));
    }
  }

  private PaymentIbanLengths() {}

  /** The IBAN length of the country with these upper-case ISO letters, or 0. */
  static int of(char first, char second) {
    if (first < 'A' || first > 'Z' || second < 'A' || second > 'Z') {
      return 0;
    }
    return LENGTHS[index(first, second)];
  }

  private static int index(char first, char second) {
    return (first - 'A') * 26 + (second - 'A');
  }
}
