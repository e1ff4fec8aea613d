package dev.casevault.bench;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import dev.casevault.redaction.Finding;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline the redaction engine is measured against: the same families of personal data found
 * the way Presidio and most regex-based scrubbers find them, one compiled {@link Pattern} per type
 * run one after another over the whole text, each match checked by the same validator as the
 * engine's where one exists, and libphonenumber's {@link PhoneNumberUtil#findNumbers} over the
 * whole text once per region for phones. Overlapping findings are then resolved as {@code
 * PiiDetector} does (higher score, then longer span).
 *
 * <p>It is meant to be a competent implementation, not a strawman: patterns are anchored on word
 * boundaries or look-arounds, have bounded repetitions (no nested unbounded quantifiers, so no
 * catastrophic backtracking), checks that are cheaper in code than in a pattern (octet ranges, card
 * prefixes, checksums) are done on the match, and a pattern that needs a literal character or
 * string ({@code @}, {@code ://}, {@code -----BEGIN}) is skipped when the text does not contain it.
 *
 * <p>The patterns (see the constants for the exact expressions):
 *
 * <ul>
 *   <li><b>EMAIL</b>: RFC-5322-ish plain addresses (local part of {@code [A-Za-z0-9._%+-]}, dotted
 *       host names, a 2-24 letter TLD); and simple obfuscations, case-insensitive: {@code [at]},
 *       {@code (at)}, {@code {at}}, {@code " at "} or {@code " arobase "} for the at sign with
 *       {@code [dot]}, {@code (dot)}, {@code " dot "}, {@code " point "} or a real dot between the
 *       labels; or {@code " @"} with dots or spaces between the labels; ending in one of 21 common
 *       TLDs (so that "look at it on Monday" is not an address).
 *   <li><b>IP_ADDRESS</b>: four dotted numbers of 1-3 digits, each 0-255, not part of a longer
 *       dotted number (versions); IPv6 in full and every {@code ::}-compressed form.
 *   <li><b>URL_CREDENTIALS</b>: {@code scheme://user:password@host}.
 *   <li><b>SECRET</b>: AWS access key ids ({@code AKIA}/{@code ASIA} + 16), GitHub tokens ({@code
 *       gh[pousr]_} + 36-255, {@code github_pat_}), Slack tokens ({@code xox[abprs]-}) and webhook
 *       URLs, Stripe live keys, Google API keys ({@code AIza} + 35), JWTs (three base64url parts,
 *       the first two starting {@code eyJ}), PEM private key blocks, API keys in URL parameters
 *       ({@code ?api_key=}, {@code &token=}, ...), and the value after a password label ({@code
 *       password}, {@code pwd}, {@code passcode}, {@code mot de passe}, {@code mdp}, followed by
 *       {@code :}, {@code =}, {@code is}, {@code est}...).
 *   <li><b>PHONE</b>: {@code PhoneNumberUtil.findNumbers(text, region, Leniency.VALID, ...)} for
 *       US, CA, FR, BE, CH, GB, DE, ES and IT, one pass each, duplicates merged (as Presidio's
 *       {@code PhoneRecognizer} does).
 *   <li><b>CREDIT_CARD</b>: 13-19 digits, optionally separated by spaces or dashes, not inside a
 *       longer number; then a Visa, Mastercard, Amex, Discover, Diners or JCB prefix and the Luhn
 *       check.
 *   <li><b>IBAN</b>: two letters, two check digits, then 11-30 letters or digits, optionally in
 *       groups of four; length 15-34, then the ISO 7064 mod-97 check.
 *   <li><b>US_SSN</b>: {@code AAA-GG-SSSS} with a dash, dot or space (the same one twice), area not
 *       000, 666 or 9xx, group not 00, serial not 0000.
 *   <li><b>FR_NIR</b>: sex digit, year, month, department (digits, {@code 2A} or {@code 2B}),
 *       commune, order and key, optionally separated by spaces, dots or dashes; the key must equal
 *       97 minus the number mod 97 (Corsica's {@code 2A}/{@code 2B} read as 19/18).
 *   <li><b>UK_NINO</b>: two prefix letters from the allowed sets (not BG, GB, KN, NK, NT, TN, ZZ),
 *       six digits optionally in pairs, suffix A-D.
 *   <li><b>DATE_OF_BIRTH</b>: a date (numeric {@code d/m/y}, {@code y-m-d}, or with an English or
 *       French month name) at most 30 characters after a label: {@code date of birth}, {@code
 *       born}, {@code DOB}, {@code birthday}, {@code date de naissance}, {@code né(e) le}...
 * </ul>
 *
 * <p>With names ({@link #withNames()}), two more passes mirror the engine's name layer:
 *
 * <ul>
 *   <li><b>PERSON</b>: two or three capitalised words whose first is in a set of ~200 common
 *       English and French given names (a rejected run is searched again from its next word); or a
 *       title ({@code Mr}, {@code Mrs}, {@code Ms}, {@code Dr}, {@code M.}, {@code Mme}, {@code
 *       Mlle}) followed by one to three capitalised words.
 *   <li><b>STREET_ADDRESS</b>: a house number then one to four capitalised words and an English
 *       street suffix ({@code Street}, {@code Road}, {@code Avenue}...), or a house number then a
 *       French street word ({@code rue}, {@code avenue}, {@code boulevard}...) and its name.
 * </ul>
 *
 * <p>Thread-safe: patterns are compiled once; each call makes its own matchers.
 */
final class RegexBaseline {
  /** The regions Presidio's phone recognizer would be configured with for EN/FR/EU traffic. */
  static final List<String> PHONE_REGIONS =
      List.of("US", "CA", "FR", "BE", "CH", "GB", "DE", "ES", "IT");

  private static final String EMAIL_PLAIN =
      "(?<![\\w.%+-])[A-Za-z0-9._%+-]{1,64}@"
          + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.){1,8}[A-Za-z]{2,24}\\b";

  private static final String OBFUSCATED_DOT =
      "(?:\\s*[\\[({]\\s*(?:dot|point)\\s*[\\])}]\\s*|\\s+(?:dot|point)\\s+|\\.)";
  private static final String OBFUSCATED_AT =
      "(?:\\s*[\\[({]\\s*(?:at|arobase)\\s*[\\])}]\\s*|\\s+(?:at|arobase)\\s+)";
  private static final String LABEL = "[a-z0-9-]{1,63}";
  private static final String TLD =
      "(?:com|net|org|edu|gov|io|info|biz|eu|fr|be|ch|de|uk|ie|es|it|nl|ca|us|co)";
  private static final String EMAIL_OBFUSCATED =
      "(?i)(?<![\\w.%+-])[a-z0-9_%+-]{1,64}(?:"
          + OBFUSCATED_DOT
          + "[a-z0-9_%+-]{1,64}){0,3}(?:"
          + OBFUSCATED_AT
          + LABEL
          + "(?:"
          + OBFUSCATED_DOT
          + LABEL
          + "){0,3}"
          + OBFUSCATED_DOT
          + TLD
          + "|\\s+@\\s*"
          + LABEL
          + "(?:(?:"
          + OBFUSCATED_DOT
          + "|\\s+)"
          + LABEL
          + "){0,3}(?:"
          + OBFUSCATED_DOT
          + "|\\s+)"
          + TLD
          + ")\\b";

  /** Four dotted numbers; the octets' range is checked by {@link #isIpv4} (cheaper than regex). */
  private static final String IPV4 = "(?<![\\d.])\\d{1,3}(?:\\.\\d{1,3}){3}(?!\\.?\\d)";

  private static final String H = "[0-9A-Fa-f]{1,4}";
  private static final String IPV6 =
      "(?<![\\w:])(?:(?:"
          + H
          + ":){7}"
          + H
          + "|(?:"
          + H
          + ":){1,7}:|(?:"
          + H
          + ":){1,6}:"
          + H
          + "|(?:"
          + H
          + ":){1,5}(?::"
          + H
          + "){1,2}|(?:"
          + H
          + ":){1,4}(?::"
          + H
          + "){1,3}|(?:"
          + H
          + ":){1,3}(?::"
          + H
          + "){1,4}|(?:"
          + H
          + ":){1,2}(?::"
          + H
          + "){1,5}|"
          + H
          + ":(?::"
          + H
          + "){1,6}|::(?:"
          + H
          + ":){0,5}"
          + H
          + ")(?![\\w:])";

  private static final String URL_CREDENTIALS =
      "\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s:/@]{1,64}:[^\\s/@]{1,128}@[A-Za-z0-9.-]{1,253}";

  private static final String MONTHS =
      "(?:jan(?:uary|vier)?|feb(?:ruary)?|févr(?:ier)?|fevr(?:ier)?|mar(?:ch|s)?|apr(?:il)?|avr(?:il)?"
          + "|may|mai|june?|juin|july?|juil(?:let)?|aug(?:ust)?|août|aout|sep(?:t(?:ember|embre)?)?"
          + "|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|déc(?:embre)?)\\.?";
  private static final String DATE =
      "(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}"
          + "|\\d{1,2}(?:er|st|nd|rd|th)?\\s+"
          + MONTHS
          + ",?\\s+(?:19|20)\\d{2}|"
          + MONTHS
          + "\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2})";
  private static final String DATE_OF_BIRTH =
      "(?iu)\\b(?:date\\s+of\\s+birth|birth\\s*date|birthday|born(?:\\s+on)?|d\\.?o\\.?b\\.?"
          + "|date\\s+de\\s+naissance|n[ée]e?\\s+le)\\b[^\\d\\n]{0,30}?("
          + DATE
          + ")(?!\\d)";

  private static final List<String> GIVEN_NAMES =
      List.of(
          // English
          "James",
          "John",
          "Robert",
          "Michael",
          "William",
          "David",
          "Richard",
          "Joseph",
          "Thomas",
          "Charles",
          "Christopher",
          "Daniel",
          "Matthew",
          "Anthony",
          "Mark",
          "Donald",
          "Steven",
          "Paul",
          "Andrew",
          "Joshua",
          "Kenneth",
          "Kevin",
          "Brian",
          "George",
          "Timothy",
          "Ronald",
          "Edward",
          "Jason",
          "Jeffrey",
          "Ryan",
          "Jacob",
          "Gary",
          "Nicholas",
          "Eric",
          "Jonathan",
          "Stephen",
          "Larry",
          "Justin",
          "Scott",
          "Brandon",
          "Benjamin",
          "Samuel",
          "Gregory",
          "Alexander",
          "Frank",
          "Patrick",
          "Raymond",
          "Jack",
          "Dennis",
          "Jerry",
          "Tyler",
          "Aaron",
          "Peter",
          "Oliver",
          "Harry",
          "Liam",
          "Noah",
          "Ethan",
          "Lucas",
          "Mary",
          "Patricia",
          "Jennifer",
          "Linda",
          "Elizabeth",
          "Barbara",
          "Susan",
          "Jessica",
          "Sarah",
          "Karen",
          "Lisa",
          "Nancy",
          "Betty",
          "Margaret",
          "Sandra",
          "Ashley",
          "Kimberly",
          "Emily",
          "Donna",
          "Michelle",
          "Carol",
          "Amanda",
          "Dorothy",
          "Melissa",
          "Deborah",
          "Stephanie",
          "Rebecca",
          "Sharon",
          "Laura",
          "Cynthia",
          "Kathleen",
          "Amy",
          "Angela",
          "Shirley",
          "Anna",
          "Brenda",
          "Pamela",
          "Emma",
          "Nicole",
          "Helen",
          "Samantha",
          "Katherine",
          "Christine",
          "Debra",
          "Rachel",
          "Carolyn",
          "Janet",
          "Catherine",
          "Maria",
          "Heather",
          "Diane",
          "Ruth",
          "Julie",
          "Olivia",
          "Joyce",
          "Victoria",
          "Kelly",
          "Lauren",
          "Christina",
          "Joan",
          "Evelyn",
          "Judith",
          "Megan",
          "Andrea",
          "Cheryl",
          "Hannah",
          "Jacqueline",
          "Martha",
          "Gloria",
          "Teresa",
          "Ann",
          "Sophia",
          "Grace",
          "Chloe",
          "Jane",
          "Amelia",
          "Isla",
          "Ava",
          "Mia",
          // French
          "Jean",
          "Pierre",
          "Michel",
          "André",
          "Philippe",
          "Alain",
          "Jacques",
          "Bernard",
          "Louis",
          "Nicolas",
          "François",
          "Christophe",
          "Laurent",
          "Frédéric",
          "Stéphane",
          "Julien",
          "Sébastien",
          "Olivier",
          "Guillaume",
          "Antoine",
          "Mathieu",
          "Maxime",
          "Romain",
          "Hugo",
          "Léo",
          "Gabriel",
          "Arthur",
          "Jules",
          "Raphaël",
          "Théo",
          "Clément",
          "Vincent",
          "Thierry",
          "Marie",
          "Nathalie",
          "Isabelle",
          "Sylvie",
          "Catherine",
          "Françoise",
          "Martine",
          "Christine",
          "Valérie",
          "Sandrine",
          "Céline",
          "Sophie",
          "Julie",
          "Aurélie",
          "Camille",
          "Léa",
          "Manon",
          "Chloé",
          "Inès",
          "Louise",
          "Alice",
          "Juliette",
          "Lucie",
          "Claire",
          "Anne",
          "Monique",
          "Nicole",
          "Émilie",
          "Élodie",
          "Pauline",
          "Mélanie",
          "Amandine",
          "Margaux",
          "Océane",
          "Zoé",
          "Jade",
          "Lina",
          "Sarah",
          "Mohamed",
          "Karim",
          "Yasmine");

  private static final String CAPITALISED = "\\p{Lu}[\\p{Ll}'’-]{1,30}";
  private static final Set<String> GIVEN_NAME_SET = Set.copyOf(GIVEN_NAMES);

  /** Two or three capitalised words; accepted when the first is a known given name. */
  private static final String PERSON_GIVEN =
      "\\b" + CAPITALISED + "(?:\\s+" + CAPITALISED + "){1,2}\\b";

  private static final String PERSON_TITLED =
      "\\b(?:Mr|Mrs|Ms|Miss|Dr|Mme|Mlle|M)\\.?\\s+"
          + CAPITALISED
          + "(?:\\s+"
          + CAPITALISED
          + "){0,2}";
  private static final String STREET_EN =
      "\\b\\d{1,5}\\s+(?:"
          + CAPITALISED
          + "\\s+){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct"
          + "|Way|Place|Pl|Terrace|Close|Crescent|Square|Highway|Hwy)\\b\\.?";
  private static final String STREET_FR =
      "(?iu)\\b\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:rue|avenue|av\\.|boulevard|bd|place|chemin"
          + "|allée|allee|impasse|quai|route|cours|square)\\s+(?:(?:de\\s+la|de|du|des|d'|l')\\s*)?"
          + "\\p{L}[\\p{L}'’-]{1,30}(?:\\s+\\p{Lu}[\\p{L}'’-]{1,30}){0,3}";

  /** Visa, Mastercard, Amex, Diners, Discover, JCB (on the grouped number, separators allowed). */
  private static final Pattern CARD_PREFIX =
      Pattern.compile("4|5[1-5]|2[2-7]|3[47]|3[068]|6(?:011|5)|35");

  /** A pattern, what it finds, and how a match is accepted. */
  private record Rule(
      PiiType type,
      String name,
      Pattern pattern,
      int group,
      double score,
      String requiredLiteral,
      Predicate<String> validator) {}

  private final List<Rule> rules;
  private final boolean phones;

  private RegexBaseline(List<Rule> rules, boolean phones) {
    this.rules = rules;
    this.phones = phones;
  }

  /** The counterpart of the engine's pattern layer. */
  static RegexBaseline patterns() {
    return new RegexBaseline(patternRules(), true);
  }

  /** The counterpart of the whole engine: the pattern layer plus names and street addresses. */
  static RegexBaseline withNames() {
    List<Rule> all = new ArrayList<>(patternRules());
    all.add(
        rule(
            PiiType.PERSON,
            "person.given",
            PERSON_GIVEN,
            0,
            0.7,
            null,
            RegexBaseline::startsWithGivenName));
    all.add(rule(PiiType.PERSON, "person.titled", PERSON_TITLED, 0, 0.75, null, v -> true));
    all.add(rule(PiiType.STREET_ADDRESS, "address.en", STREET_EN, 0, 0.7, null, v -> true));
    all.add(rule(PiiType.STREET_ADDRESS, "address.fr", STREET_FR, 0, 0.7, null, v -> true));
    return new RegexBaseline(List.copyOf(all), true);
  }

  private static List<Rule> patternRules() {
    Predicate<String> any = v -> true;
    return List.of(
        rule(PiiType.EMAIL, "email", EMAIL_PLAIN, 0, 1.0, "@", any),
        rule(PiiType.EMAIL, "email.obfuscated", EMAIL_OBFUSCATED, 0, 0.8, null, any),
        rule(PiiType.IP_ADDRESS, "ip.v4", IPV4, 0, 0.9, ".", RegexBaseline::isIpv4),
        rule(PiiType.IP_ADDRESS, "ip.v6", IPV6, 0, 0.9, ":", any),
        rule(PiiType.URL_CREDENTIALS, "url.credentials", URL_CREDENTIALS, 0, 1.0, "://", any),
        rule(PiiType.SECRET, "secret.aws", "\\b(?:AKIA|ASIA)[A-Z2-7]{16}\\b", 0, 1.0, null, any),
        rule(
            PiiType.SECRET,
            "secret.github",
            "\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\\b",
            0,
            1.0,
            null,
            any),
        rule(
            PiiType.SECRET,
            "secret.slack",
            "\\bxox[abprs]-[A-Za-z0-9-]{10,100}\\b"
                + "|https://hooks\\.slack\\.com/services/[A-Za-z0-9_/]{10,100}",
            0,
            1.0,
            null,
            any),
        rule(
            PiiType.SECRET,
            "secret.stripe",
            "\\b[rs]k_live_[A-Za-z0-9]{24,99}\\b",
            0,
            1.0,
            null,
            any),
        rule(PiiType.SECRET, "secret.google", "\\bAIza[0-9A-Za-z_-]{35}", 0, 1.0, null, any),
        rule(
            PiiType.SECRET,
            "secret.jwt",
            "\\beyJ[A-Za-z0-9_-]{5,4096}\\.eyJ[A-Za-z0-9_-]{5,8192}\\.[A-Za-z0-9_-]{10,1024}",
            0,
            1.0,
            "eyJ",
            any),
        rule(
            PiiType.SECRET,
            "secret.pem",
            "-----BEGIN (?:[A-Z]{1,10} ){0,3}PRIVATE KEY-----[\\s\\S]{1,16384}?"
                + "-----END (?:[A-Z]{1,10} ){0,3}PRIVATE KEY-----",
            0,
            1.0,
            "-----BEGIN",
            any),
        rule(
            PiiType.SECRET,
            "secret.url-parameter",
            "(?i)[?&](?:api[_-]?key|apikey|key|token|access_token|secret|sig|password)="
                + "([^\\s&#\"']{8,256})",
            1,
            0.9,
            "=",
            any),
        rule(
            PiiType.SECRET,
            "secret.password-label",
            "(?iu)\\b(?:password|passwd|pwd|passcode|mot\\s+de\\s+passe|mdp)"
                + "(?:\\s+(?:is|was|est|:)|\\s*[:=])\\s*(?:now\\s+|maintenant\\s+)?[\"'«]?\\s*"
                + "([^\\s\"'»]{4,64}?)[.,;)]?(?=\\s|$|[\"'»])",
            1,
            0.85,
            null,
            any),
        rule(
            PiiType.CREDIT_CARD,
            "card",
            "(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])",
            0,
            1.0,
            null,
            RegexBaseline::isCardNumber),
        rule(
            PiiType.IBAN,
            "iban",
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\\b",
            0,
            1.0,
            null,
            RegexBaseline::isIban),
        rule(
            PiiType.US_SSN,
            "ssn",
            "(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}([-. ])(?!00)\\d{2}\\1(?!0000)\\d{4}(?![\\d-])",
            0,
            0.85,
            null,
            any),
        rule(
            PiiType.FR_NIR,
            "nir",
            "\\b[12][ .-]?\\d{2}[ .-]?(?:0[1-9]|1[0-2]|[2-9]\\d)[ .-]?(?:2[AB]|\\d{2})[ .-]?\\d{3}"
                + "[ .-]?\\d{3}[ .-]?\\d{2}\\b",
            0,
            1.0,
            null,
            RegexBaseline::isNir),
        rule(
            PiiType.UK_NINO,
            "nino",
            "\\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
                + "(?:[ -]?\\d{2}){3}[ -]?[A-D]\\b",
            0,
            0.9,
            null,
            any),
        rule(PiiType.DATE_OF_BIRTH, "dob.context", DATE_OF_BIRTH, 1, 0.85, null, any));
  }

  private static Rule rule(
      PiiType type,
      String name,
      String regex,
      int group,
      double score,
      String requiredLiteral,
      Predicate<String> validator) {
    return new Rule(type, name, Pattern.compile(regex), group, score, requiredLiteral, validator);
  }

  /** The personal data in {@code text}: non-overlapping findings sorted by start. */
  List<Finding> detect(String text) {
    List<Finding> found = new ArrayList<>();
    for (Rule rule : rules) {
      if (rule.requiredLiteral() != null && !text.contains(rule.requiredLiteral())) {
        continue;
      }
      Matcher matcher = rule.pattern().matcher(text);
      boolean more = matcher.find();
      while (more) {
        String value = matcher.group(rule.group());
        if (value != null && !value.isEmpty() && rule.validator().test(value)) {
          found.add(
              new Finding(
                  rule.type(),
                  matcher.start(rule.group()),
                  matcher.end(rule.group()),
                  rule.score(),
                  rule.name()));
          more = matcher.find();
        } else {
          // A rejected match may hide an accepted one that starts inside it ("Hello Jane Smith"
          // rejected for "Hello", "Jane Smith" accepted), so search again from its next character.
          more = matcher.find(matcher.start() + 1);
        }
      }
    }
    if (phones) {
      findPhones(text, found);
    }
    return PiiDetector.resolve(found, text.length());
  }

  private static void findPhones(String text, List<Finding> out) {
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    Set<Long> seen = new HashSet<>();
    for (String region : PHONE_REGIONS) {
      for (PhoneNumberMatch match :
          util.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        if (seen.add(((long) match.start() << 32) | match.end())) {
          out.add(new Finding(PiiType.PHONE, match.start(), match.end(), 0.9, "phone"));
        }
      }
    }
  }

  private static boolean startsWithGivenName(String words) {
    int space = 0;
    while (space < words.length() && !Character.isWhitespace(words.charAt(space))) {
      space++;
    }
    return GIVEN_NAME_SET.contains(words.substring(0, space));
  }

  private static boolean isIpv4(String value) {
    for (String octet : value.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** A card scheme's prefix and 13-19 digits passing the Luhn check. */
  static boolean isCardNumber(String value) {
    if (!CARD_PREFIX.matcher(value).lookingAt()) {
      return false;
    }
    int sum = 0;
    int digits = 0;
    for (int i = value.length() - 1; i >= 0; i--) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        continue;
      }
      int d = c - '0';
      if (digits % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
    }
    return digits >= 13 && digits <= 19 && sum % 10 == 0;
  }

  /** 15-34 letters and digits (spaces ignored) passing the ISO 7064 mod-97 check. */
  static boolean isIban(String value) {
    String compact = value.replace(" ", "");
    if (compact.length() < 15 || compact.length() > 34) {
      return false;
    }
    String rearranged = compact.substring(4) + compact.substring(0, 4);
    int remainder = 0;
    for (int i = 0; i < rearranged.length(); i++) {
      int n = Character.digit(rearranged.charAt(i), 36);
      if (n < 0) {
        return false;
      }
      remainder = n < 10 ? (remainder * 10 + n) % 97 : (remainder * 100 + n) % 97;
    }
    return remainder == 1;
  }

  /** 13 characters of body (2A/2B read as 19/18) and a 2-digit key equal to 97 - body mod 97. */
  static boolean isNir(String value) {
    StringBuilder compact = new StringBuilder(15);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        compact.append(c);
      }
    }
    if (compact.length() != 15) {
      return false;
    }
    String body =
        compact.substring(0, 13).toUpperCase(Locale.ROOT).replace("2A", "19").replace("2B", "18");
    int key = Integer.parseInt(compact.substring(13));
    return key == 97 - new BigInteger(body).mod(BigInteger.valueOf(97)).intValue();
  }
}
