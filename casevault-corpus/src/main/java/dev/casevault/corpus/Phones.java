package dev.casevault.corpus;

import java.util.SplittableRandom;

/**
 * Telephone numbers that follow each country's numbering plan (area codes, mobile prefixes,
 * lengths), written the many ways people write them: national with spaces, dots, dashes or slashes,
 * and international with {@code +}, {@code 00} or {@code +33 (0)}.
 */
final class Phones {
  /**
   * A number as its national significant number (without the trunk 0 or country code) and the
   * length of its area code or mobile prefix, which decides how it is grouped.
   */
  record Phone(Country country, String nsn, int areaLength, boolean mobile) {}

  private static final String[] US_AREAS = {
    "212", "415", "312", "617", "206", "303", "512", "646", "718", "213", "305", "404", "702",
    "503", "614", "919", "608", "602", "612", "412", "615", "801", "916", "202", "804", "518"
  };
  private static final String[] CA_AREAS = {
    "416", "647", "604", "778", "613", "403", "780", "204", "902", "514", "438", "450", "418", "819"
  };
  private static final String[] UK_CITY_AREAS = {"161", "121", "131", "141", "113", "117", "114"};
  private static final String[] DE_CITY_AREAS = {"30", "89", "40", "69", "221", "711", "211"};
  private static final String[] DE_MOBILE = {
    "151", "152", "157", "159", "160", "162", "163", "170", "171", "172", "173", "175", "176",
    "177", "178", "179"
  };
  private static final String[] CH_LANDLINE = {"22", "21", "31", "44", "61", "26", "27", "32"};
  private static final String[] ES_LANDLINE = {"91", "93", "96", "95", "94", "98"};

  private Phones() {}

  static Phone random(Country country, boolean mobile, SplittableRandom r) {
    return switch (country) {
      case US -> nanp(country, Pick.one(r, US_AREAS), r);
      case CA -> nanp(country, Pick.one(r, CA_AREAS), r);
      case FR -> {
        // 06 and 07 are mobile (07 only from 073); 01-05 are the five geographic zones; 09 VoIP.
        String head =
            mobile
                ? (Pick.percent(r, 70) ? "6" : "7" + Pick.between(r, 3, 9))
                : Integer.toString(Pick.percent(r, 85) ? Pick.between(r, 1, 5) : 9);
        yield new Phone(country, head + Pick.digits(r, 9 - head.length()), 1, mobile);
      }
      case BE ->
          mobile
              ? new Phone(country, "4" + Pick.between(r, 5, 9) + Pick.digits(r, 7), 3, true)
              : new Phone(country, Pick.one(r, new String[] {"2", "3", "9"}) + nz(r, 7), 1, false);
      case CH ->
          new Phone(
              country,
              (mobile ? "7" + Pick.between(r, 5, 9) : Pick.one(r, CH_LANDLINE)) + nz(r, 7),
              2,
              mobile);
      case UK -> {
        if (mobile) {
          String prefix = "7" + Pick.one(r, new String[] {"4", "5", "7", "8", "9"});
          yield new Phone(country, prefix + Pick.digits(r, 8), 4, true);
        }
        if (Pick.percent(r, 50)) {
          yield new Phone(
              country, "20" + Pick.one(r, new String[] {"7", "8", "3"}) + nz(r, 7), 2, false);
        }
        yield new Phone(country, Pick.one(r, UK_CITY_AREAS) + nz(r, 7), 3, false);
      }
      case DE -> {
        String area = mobile ? Pick.one(r, DE_MOBILE) : Pick.one(r, DE_CITY_AREAS);
        int subscriber =
            mobile ? Pick.between(r, 7, 8) : 10 - area.length() + Pick.between(r, -1, 0);
        yield new Phone(country, area + nz(r, subscriber), area.length(), mobile);
      }
      case ES ->
          mobile
              ? new Phone(country, "6" + Pick.digits(r, 8), 3, true)
              : new Phone(country, Pick.one(r, ES_LANDLINE) + nz(r, 7), 2, false);
      case IT ->
          mobile
              ? new Phone(country, "3" + Pick.between(r, 20, 93) + Pick.digits(r, 7), 3, true)
              // Italian landlines keep their leading 0 even after +39.
              : italianLandline(r);
    };
  }

  /** The number written one of the ways people of its country write it. */
  static String format(Phone phone, SplittableRandom r) {
    String n = phone.nsn();
    return switch (phone.country()) {
      case US, CA -> formatNanp(n, r);
      case FR -> {
        String pairs = n.charAt(0) + " " + group(n.substring(1), 2, " ");
        yield switch (r.nextInt(9)) {
          case 0, 1 -> "0" + n.charAt(0) + " " + group(n.substring(1), 2, " ");
          case 2 -> "0" + n.charAt(0) + "." + group(n.substring(1), 2, ".");
          case 3 -> "0" + n;
          case 4 -> "0" + n.charAt(0) + "-" + group(n.substring(1), 2, "-");
          case 5 -> "+33 " + pairs;
          case 6 -> "+33 (0)" + pairs;
          case 7 -> "0033 " + pairs;
          default -> "+33" + n;
        };
      }
      case BE -> {
        String head = n.substring(0, phone.areaLength());
        String rest = n.substring(phone.areaLength());
        // Mobiles read 0470 12 34 56, landlines 02 123 45 67.
        String tail =
            rest.length() == 6
                ? group(rest, 2, " ")
                : rest.substring(0, 3) + " " + group(rest.substring(3), 2, " ");
        yield switch (r.nextInt(5)) {
          case 0, 1 -> "0" + head + " " + tail;
          case 2 -> "0" + head + "/" + tail.replace(' ', '.');
          case 3 -> "+32 " + head + " " + tail;
          default -> "+32" + n;
        };
      }
      case CH -> {
        String spaced =
            n.substring(0, 2)
                + " "
                + n.substring(2, 5)
                + " "
                + n.substring(5, 7)
                + " "
                + n.substring(7);
        yield switch (r.nextInt(5)) {
          case 0, 1 -> "0" + spaced;
          case 2 -> "+41 " + spaced;
          case 3 -> "0041 " + spaced;
          default -> "+41" + n;
        };
      }
      case UK -> {
        int a = phone.areaLength();
        String rest = n.substring(a);
        String body =
            a == 4
                ? n.substring(0, 4) + " " + rest
                : a == 2
                    ? n.substring(0, 2) + " " + rest.substring(0, 4) + " " + rest.substring(4)
                    : n.substring(0, 3) + " " + rest.substring(0, 3) + " " + rest.substring(3);
        yield switch (r.nextInt(5)) {
          case 0, 1 -> "0" + body;
          case 2 -> "+44 " + body;
          case 3 -> "+44 (0)" + body;
          default -> "+44" + n;
        };
      }
      case DE -> {
        String area = n.substring(0, phone.areaLength());
        String rest = n.substring(phone.areaLength());
        yield switch (r.nextInt(6)) {
          case 0, 1 -> "0" + area + " " + rest;
          case 2 -> "0" + area + "/" + rest;
          case 3 -> "+49 " + area + " " + rest;
          case 4 -> "0049 " + area + " " + rest;
          default -> "+49 (0)" + area + " " + rest;
        };
      }
      case ES -> {
        String spaced =
            phone.mobile()
                ? n.substring(0, 3) + " " + group(n.substring(3), 2, " ")
                : n.substring(0, 2) + " " + n.substring(2, 5) + " " + group(n.substring(5), 2, " ");
        yield switch (r.nextInt(5)) {
          case 0, 1 -> spaced;
          case 2 -> n;
          case 3 -> "+34 " + spaced;
          default -> "0034 " + (phone.mobile() ? group(n, 3, " ") : spaced);
        };
      }
      case IT -> {
        String spaced =
            phone.mobile()
                ? n.substring(0, 3) + " " + n.substring(3, 6) + " " + n.substring(6)
                : n.substring(0, phone.areaLength()) + " " + n.substring(phone.areaLength());
        yield switch (r.nextInt(5)) {
          case 0, 1 -> spaced;
          case 2 -> phone.mobile() ? n.substring(0, 3) + "-" + n.substring(3) : n;
          case 3 -> "+39 " + spaced;
          default -> "+39" + n;
        };
      }
    };
  }

  /** The E.164 form, as a CRM stores it. */
  static String e164(Phone phone) {
    String code =
        switch (phone.country()) {
          case US, CA -> "1";
          case FR -> "33";
          case BE -> "32";
          case CH -> "41";
          case UK -> "44";
          case DE -> "49";
          case ES -> "34";
          case IT -> "39";
        };
    return "+" + code + phone.nsn();
  }

  private static Phone nanp(Country country, String area, SplittableRandom r) {
    // Exchanges start with 2-9 and are never N11; 555-01xx is the range set aside for fiction.
    String exchange;
    String line;
    if (Pick.percent(r, 15)) {
      exchange = "555";
      line = "01" + Pick.digits(r, 2);
    } else {
      do {
        exchange = Pick.between(r, 2, 9) + Pick.digits(r, 2);
      } while (exchange.endsWith("11"));
      line = Pick.digits(r, 4);
    }
    return new Phone(country, area + exchange + line, 3, true);
  }

  private static Phone italianLandline(SplittableRandom r) {
    String area = Pick.one(r, new String[] {"06", "02", "011", "055", "081"});
    return new Phone(Country.IT, area + nz(r, 10 - area.length()), area.length(), false);
  }

  private static String formatNanp(String n, SplittableRandom r) {
    String a = n.substring(0, 3);
    String e = n.substring(3, 6);
    String l = n.substring(6);
    return switch (r.nextInt(9)) {
      case 0, 1 -> "(" + a + ") " + e + "-" + l;
      case 2 -> a + "-" + e + "-" + l;
      case 3 -> a + "." + e + "." + l;
      case 4 -> "+1 " + a + " " + e + " " + l;
      case 5 -> "+1-" + a + "-" + e + "-" + l;
      case 6 -> "1-" + a + "-" + e + "-" + l;
      case 7 -> "+1 (" + a + ") " + e + "-" + l;
      default -> n;
    };
  }

  /** Digits with a first digit of 1-9, so a subscriber number never reads as a trunk prefix. */
  private static String nz(SplittableRandom r, int length) {
    return Pick.between(r, 1, 9) + Pick.digits(r, length - 1);
  }

  private static String group(String digits, int size, String separator) {
    StringBuilder out = new StringBuilder(digits.length() + digits.length() / size);
    for (int i = 0; i < digits.length(); i += size) {
      if (i > 0) {
        out.append(separator);
      }
      out.append(digits, i, Math.min(digits.length(), i + size));
    }
    return out.toString();
  }
}
