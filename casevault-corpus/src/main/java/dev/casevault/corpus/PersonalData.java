package dev.casevault.corpus;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Personal values written the way customers write them: names, e-mails in plain and obfuscated
 * forms, phone numbers in national and international formats for nine countries, addresses, and
 * numbers that pass their checksums (Luhn, IBAN mod-97, NIR key).
 */
final class PersonalData {
  static final List<String> FIRST_EN =
      List.of(
          "James",
          "Mary",
          "John",
          "Patricia",
          "Robert",
          "Jennifer",
          "Michael",
          "Linda",
          "William",
          "Elizabeth",
          "David",
          "Barbara",
          "Richard",
          "Susan",
          "Joseph",
          "Jessica",
          "Thomas",
          "Sarah",
          "Charles",
          "Karen",
          "Christopher",
          "Nancy",
          "Daniel",
          "Lisa",
          "Matthew",
          "Betty",
          "Anthony",
          "Margaret",
          "Mark",
          "Sandra",
          "Donald",
          "Ashley",
          "Steven",
          "Kimberly",
          "Paul",
          "Emily",
          "Andrew",
          "Donna",
          "Joshua",
          "Michelle",
          "Kenneth",
          "Carol",
          "Kevin",
          "Amanda",
          "Brian",
          "Melissa",
          "George",
          "Deborah",
          "Oliver",
          "Amelia",
          "Harry",
          "Isla",
          "Jack",
          "Ava",
          "Noah",
          "Mia",
          "Leo",
          "Grace",
          "Oscar",
          "Freya",
          "Priya",
          "Raj",
          "Wei",
          "Mei",
          "Hiroshi",
          "Yuki",
          "Ahmed",
          "Fatima",
          "Carlos",
          "Sofia",
          "Jane");
  static final List<String> LAST_EN =
      List.of(
          "Smith",
          "Johnson",
          "Williams",
          "Brown",
          "Jones",
          "Garcia",
          "Miller",
          "Davis",
          "Rodriguez",
          "Martinez",
          "Hernandez",
          "Lopez",
          "Wilson",
          "Anderson",
          "Taylor",
          "Moore",
          "Jackson",
          "Martin",
          "Lee",
          "Thompson",
          "White",
          "Harris",
          "Clark",
          "Lewis",
          "Robinson",
          "Walker",
          "Young",
          "Allen",
          "King",
          "Wright",
          "Scott",
          "Hill",
          "Green",
          "Adams",
          "Baker",
          "Nelson",
          "Carter",
          "Mitchell",
          "Roberts",
          "Turner",
          "Phillips",
          "Campbell",
          "Parker",
          "Evans",
          "Edwards",
          "Collins",
          "Stewart",
          "Morris",
          "Murphy",
          "Cook",
          "Patel",
          "Khan",
          "O'Brien",
          "McDonald",
          "Nguyen",
          "Kim",
          "Chen",
          "Singh",
          "Kowalski",
          "Doe");
  static final List<String> FIRST_FR =
      List.of(
          "Jean",
          "Marie",
          "Pierre",
          "Nathalie",
          "Michel",
          "Isabelle",
          "Philippe",
          "Sylvie",
          "Alain",
          "Catherine",
          "Nicolas",
          "Françoise",
          "Christophe",
          "Sandrine",
          "Laurent",
          "Valérie",
          "Stéphane",
          "Christine",
          "Frédéric",
          "Sophie",
          "Julien",
          "Céline",
          "Sébastien",
          "Aurélie",
          "Thomas",
          "Émilie",
          "Antoine",
          "Camille",
          "Mathieu",
          "Julie",
          "Hélène",
          "François",
          "Élodie",
          "Benoît",
          "Chloé",
          "Guillaume",
          "Léa",
          "Jérôme",
          "Manon",
          "Olivier",
          "Inès",
          "Hugo",
          "Zoé",
          "Louis",
          "Margaux",
          "Gaël",
          "Anaïs",
          "Yannick",
          "Clémence",
          "Jean-Pierre",
          "Marie-Claire",
          "Jean-Luc",
          "Anne-Sophie",
          "Karim",
          "Yasmine",
          "Mehdi");
  static final List<String> LAST_FR =
      List.of(
          "Martin",
          "Bernard",
          "Dubois",
          "Thomas",
          "Robert",
          "Richard",
          "Petit",
          "Durand",
          "Leroy",
          "Moreau",
          "Simon",
          "Laurent",
          "Lefebvre",
          "Michel",
          "Garcia",
          "David",
          "Bertrand",
          "Roux",
          "Vincent",
          "Fournier",
          "Morel",
          "Girard",
          "André",
          "Lefèvre",
          "Mercier",
          "Dupont",
          "Lambert",
          "Bonnet",
          "François",
          "Martinez",
          "Legrand",
          "Garnier",
          "Faure",
          "Rousseau",
          "Blanc",
          "Guérin",
          "Muller",
          "Henry",
          "Roussel",
          "Nicolas",
          "Perrin",
          "Morin",
          "Mathieu",
          "Clément",
          "Gauthier",
          "Dumont",
          "Lopez",
          "Fontaine",
          "Chevalier",
          "Robin",
          "Benali",
          "Nguyen",
          "Da Silva",
          "Le Goff",
          "Lemaire");
  private static final List<String> MAIL_DOMAINS_EN =
      List.of(
          "gmail.com",
          "outlook.com",
          "yahoo.com",
          "hotmail.co.uk",
          "contoso.com",
          "fabrikam.com",
          "icloud.com",
          "gmx.de");
  private static final List<String> MAIL_DOMAINS_FR =
      List.of(
          "orange.fr",
          "free.fr",
          "laposte.net",
          "gmail.com",
          "wanadoo.fr",
          "sfr.fr",
          "contoso.fr",
          "outlook.fr");
  private static final List<String> STREETS_EN =
      List.of(
          "Baker",
          "Maple",
          "Oak",
          "High",
          "Church",
          "Elm",
          "Park",
          "Victoria",
          "Station",
          "Mill",
          "Cedar",
          "Washington",
          "Lake",
          "Hill",
          "King");
  private static final List<String> STREET_TYPES_EN =
      List.of("Street", "Road", "Avenue", "Lane", "Drive", "St", "Rd", "Ave", "Blvd");
  private static final List<String> CITIES_EN =
      List.of(
          "London NW1 6XE",
          "Manchester M1 1AE",
          "Leeds LS1 4DY",
          "Seattle, WA 98101",
          "Boston, MA 02108",
          "Austin, TX 78701",
          "Toronto, ON M5V 2T6",
          "Chicago, IL 60601");
  private static final List<String> STREETS_FR =
      List.of(
          "rue de la Paix",
          "avenue Jean Jaurès",
          "boulevard Voltaire",
          "rue Victor Hugo",
          "place de la République",
          "rue des Lilas",
          "chemin des Vignes",
          "allée des Tilleuls",
          "rue du Moulin",
          "avenue de la Gare",
          "impasse des Roses",
          "quai de la Loire");
  private static final List<String> CITIES_FR =
      List.of(
          "75002 Paris",
          "69007 Lyon",
          "13001 Marseille",
          "31000 Toulouse",
          "33000 Bordeaux",
          "59000 Lille",
          "44000 Nantes",
          "67000 Strasbourg",
          "1000 Bruxelles",
          "1201 Genève");
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final SplittableRandom random;

  PersonalData(SplittableRandom random) {
    this.random = random;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  String firstName(boolean french) {
    return pick(french ? FIRST_FR : FIRST_EN);
  }

  String lastName(boolean french) {
    return pick(french ? LAST_FR : LAST_EN);
  }

  /** An address in one of the forms customers type, plain or obfuscated. */
  String email(String first, String last, boolean french) {
    String user = ascii(first) + (random.nextBoolean() ? "." : "") + ascii(last);
    if (random.nextInt(4) == 0) {
      user = ascii(first).charAt(0) + ascii(last) + random.nextInt(10, 99);
    }
    String domain = pick(french ? MAIL_DOMAINS_FR : MAIL_DOMAINS_EN);
    return switch (random.nextInt(10)) {
      case 0 -> user.replace(".", " dot ") + " at " + domain.replace(".", " dot ");
      case 1 -> user + " @" + domain.replace('.', ' ');
      case 2 -> user + "[at]" + domain.replace(".", "[dot]");
      case 3 -> user + " (at) " + domain.replace(".", " (dot) ");
      case 4 ->
          french ? user + " arobase " + domain.replace(".", " point ") : user + " at " + domain;
      default -> user + "@" + domain;
    };
  }

  /** A well-formed address for identity fields. */
  String plainEmail(String first, String last, boolean french) {
    return ascii(first)
        + "."
        + ascii(last)
        + "@"
        + pick(french ? MAIL_DOMAINS_FR : MAIL_DOMAINS_EN);
  }

  String phone(boolean french) {
    int country = french ? random.nextInt(4) : 4 + random.nextInt(6);
    return switch (country) {
      case 0 -> frenchPhone();
      case 1 ->
          random.nextBoolean()
              ? "+32 4" + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2)
              : "04" + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
      case 2 ->
          random.nextBoolean()
              ? "+41 7"
                  + (6 + random.nextInt(4))
                  + " "
                  + digits(3)
                  + " "
                  + digits(2)
                  + " "
                  + digits(2)
              : "07"
                  + (6 + random.nextInt(4))
                  + " "
                  + digits(3)
                  + " "
                  + digits(2)
                  + " "
                  + digits(2);
      case 3 -> frenchPhone();
      case 4 -> northAmericanPhone();
      case 5 -> random.nextBoolean() ? "+44 20 7946 0" + digits(3) : "07700 900" + digits(3);
      case 6 -> random.nextBoolean() ? "+49 30 " + digits(7) : "0049 151 " + digits(8);
      case 7 -> "+34 6" + digits(2) + " " + digits(3) + " " + digits(3);
      case 8 -> "+39 3" + digits(2) + " " + digits(3) + " " + digits(4);
      default -> northAmericanPhone();
    };
  }

  private String frenchPhone() {
    String number = (random.nextBoolean() ? "6" : "7") + digits(8);
    String pairs =
        number.substring(0, 1)
            + " "
            + number.substring(1, 3)
            + " "
            + number.substring(3, 5)
            + " "
            + number.substring(5, 7)
            + " "
            + number.substring(7, 9);
    return switch (random.nextInt(4)) {
      case 0 -> "+33 " + pairs;
      case 1 -> ("0" + pairs).replace(" ", ".");
      case 2 -> "+33" + number;
      default -> "0" + pairs;
    };
  }

  private String northAmericanPhone() {
    String area = pick(List.of("212", "415", "617", "312", "206", "416", "604", "514", "303"));
    String exchange = (2 + random.nextInt(8)) + digits(2);
    String line = digits(4);
    return switch (random.nextInt(3)) {
      case 0 -> "(" + area + ") " + exchange + "-" + line;
      case 1 -> "+1 " + area + " " + exchange + " " + line;
      default -> area + "-" + exchange + "-" + line;
    };
  }

  String ip() {
    if (random.nextInt(5) == 0) {
      return String.format(
          "2a01:%x:%x:%x::%x",
          random.nextInt(0x10000),
          random.nextInt(0x10000),
          random.nextInt(0x10000),
          1 + random.nextInt(0xffff));
    }
    return (11 + random.nextInt(180))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  String streetAddress(boolean french) {
    if (french) {
      String number = (1 + random.nextInt(150)) + (random.nextInt(8) == 0 ? " bis" : "");
      return number + " " + pick(STREETS_FR) + ", " + pick(CITIES_FR);
    }
    return (1 + random.nextInt(2400))
        + " "
        + pick(STREETS_EN)
        + " "
        + pick(STREET_TYPES_EN)
        + ", "
        + pick(CITIES_EN);
  }

  /** A card number that passes the Luhn check, grouped as people type it. */
  String creditCard() {
    String prefix = pick(List.of("4", "51", "55", "37", "6011"));
    int length = prefix.equals("37") ? 15 : 16;
    StringBuilder number = new StringBuilder(prefix);
    while (number.length() < length - 1) {
      number.append(random.nextInt(10));
    }
    number.append(luhnCheckDigit(number.toString()));
    String separator = pick(List.of(" ", "-", ""));
    if (separator.isEmpty() || length == 15) {
      return number.toString();
    }
    return number.substring(0, 4)
        + separator
        + number.substring(4, 8)
        + separator
        + number.substring(8, 12)
        + separator
        + number.substring(12);
  }

  static int luhnCheckDigit(String payload) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = payload.length() - 1; i >= 0; i--) {
      int digit = payload.charAt(i) - '0';
      if (doubleIt) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  private static final List<String[]> IBAN_COUNTRIES =
      List.of(
          new String[] {"FR", "27"},
          new String[] {"DE", "22"},
          new String[] {"GB", "22"},
          new String[] {"ES", "24"},
          new String[] {"IT", "27"},
          new String[] {"BE", "16"},
          new String[] {"CH", "21"},
          new String[] {"NL", "18"});

  /** An IBAN with the right length for its country and valid mod-97 check digits. */
  String iban(boolean french) {
    String[] country =
        french && random.nextBoolean() ? IBAN_COUNTRIES.get(0) : pick(IBAN_COUNTRIES);
    int bbanLength = Integer.parseInt(country[1]) - 4;
    StringBuilder bban = new StringBuilder();
    boolean letters = country[0].equals("GB") || country[0].equals("NL");
    for (int i = 0; i < bbanLength; i++) {
      bban.append(
          letters && i < 4 ? (char) ('A' + random.nextInt(26)) : (char) ('0' + random.nextInt(10)));
    }
    if (country[0].equals("IT")) {
      bban.setCharAt(0, (char) ('A' + random.nextInt(26)));
    }
    String iban = country[0] + ibanCheckDigits(country[0], bban.toString()) + bban;
    if (random.nextBoolean()) {
      return iban;
    }
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < iban.length(); i += 4) {
      grouped.append(i == 0 ? "" : " ").append(iban, i, Math.min(i + 4, iban.length()));
    }
    return grouped.toString();
  }

  static String ibanCheckDigits(String country, String bban) {
    int remainder = mod97(bban + country + "00");
    return String.format("%02d", 98 - remainder);
  }

  static int mod97(String alphanumeric) {
    int remainder = 0;
    for (int i = 0; i < alphanumeric.length(); i++) {
      char c = alphanumeric.charAt(i);
      int value = Character.isDigit(c) ? c - '0' : c - 'A' + 10;
      remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
    }
    return remainder;
  }

  String usSsn() {
    int area = 1 + random.nextInt(665);
    return String.format("%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
  }

  /** A French social security number (NIR) with its two-digit key. */
  String frNir() {
    String body =
        (1 + random.nextInt(2))
            + String.format("%02d", 50 + random.nextInt(50))
            + String.format("%02d", 1 + random.nextInt(12))
            + String.format("%02d", 1 + random.nextInt(95))
            + String.format("%03d", 1 + random.nextInt(999))
            + String.format("%03d", 1 + random.nextInt(999));
    String key = String.format("%02d", 97 - Long.parseLong(body) % 97);
    if (random.nextBoolean()) {
      return body + key;
    }
    return body.charAt(0)
        + " "
        + body.substring(1, 3)
        + " "
        + body.substring(3, 5)
        + " "
        + body.substring(5, 7)
        + " "
        + body.substring(7, 10)
        + " "
        + body.substring(10)
        + " "
        + key;
  }

  String ukNino() {
    String first = "ABCEGHJKLMNOPRSTWXYZ";
    String second = "ABCEGHJKLMNPRSTWXYZ";
    String nino =
        ""
            + first.charAt(random.nextInt(first.length()))
            + second.charAt(random.nextInt(second.length()))
            + digits(6)
            + "ABCD".charAt(random.nextInt(4));
    return random.nextBoolean()
        ? nino
        : nino.substring(0, 2)
            + " "
            + nino.substring(2, 4)
            + " "
            + nino.substring(4, 6)
            + " "
            + nino.substring(6, 8)
            + " "
            + nino.substring(8);
  }

  String dateOfBirth() {
    int day = 1 + random.nextInt(28);
    int month = 1 + random.nextInt(12);
    int year = 1940 + random.nextInt(65);
    return switch (random.nextInt(3)) {
      case 0 -> String.format("%02d/%02d/%d", day, month, year);
      case 1 -> String.format("%d-%02d-%02d", year, month, day);
      default -> String.format("%02d.%02d.%d", day, month, year);
    };
  }

  String urlCredentials() {
    String user = pick(List.of("admin", "bob", "jdoe", "backup", "ftpuser", "svc-sync"));
    return switch (random.nextInt(3)) {
      case 0 ->
          "https://"
              + user
              + ":"
              + password()
              + "@ftp."
              + pick(List.of("contoso.com", "fabrikam.net", "example.org"))
              + "/exports";
      case 1 -> "ftp://" + user + ":" + password() + "@files.contoso.com";
      default ->
          "https://portal.fabrikam.net/api/v2/sync?user=" + user + "&api_key=" + token(ALNUM, 32);
    };
  }

  String secret() {
    return switch (random.nextInt(4)) {
      case 0 -> "AKIA" + token(UPPER_ALNUM, 16);
      case 1 -> "ghp_" + token(ALNUM, 36);
      case 2 -> "xoxb-" + digits(11) + "-" + digits(12) + "-" + token(ALNUM, 24);
      default ->
          "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + token(ALNUM, 40) + "." + token(ALNUM, 43);
    };
  }

  String password() {
    return pick(
            List.of(
                "Winter", "Summer", "Soleil", "Dragon", "Monkey", "Chocolat", "Paris", "Hunter"))
        + pick(List.of("2019", "2018", "123", "42", "!", "#1", "2020!"))
        + (random.nextBoolean() ? "" : pick(List.of("!", "$", "?")));
  }

  String digits(int count) {
    StringBuilder digits = new StringBuilder(count);
    for (int i = 0; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  private String token(String alphabet, int length) {
    StringBuilder token = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      token.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return token.toString();
  }

  private static String ascii(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
        .replaceAll("[^A-Za-z]", "")
        .toLowerCase(Locale.ROOT);
  }
}
