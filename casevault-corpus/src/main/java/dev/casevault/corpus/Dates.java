package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.time.LocalDate;
import java.util.SplittableRandom;

/**
 * Calendar dates written as people write them in each language and country. The same writer serves
 * dates of birth and ordinary dates of a case, so that only the context tells them apart.
 */
final class Dates {
  private static final String[] EN_MONTHS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December"
  };
  private static final String[] FR_MONTHS = {
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre"
  };

  private Dates() {}

  static String format(LocalDate date, Language language, Country country, SplittableRandom r) {
    String d = Pick.padded(date.getDayOfMonth(), 2);
    String m = Pick.padded(date.getMonthValue(), 2);
    int year = date.getYear();
    if (language == Language.FR) {
      return switch (r.nextInt(7)) {
        case 0, 1, 2 -> d + "/" + m + "/" + year;
        case 3 ->
            (date.getDayOfMonth() == 1 ? "1er" : Integer.toString(date.getDayOfMonth()))
                + " "
                + FR_MONTHS[date.getMonthValue() - 1]
                + " "
                + year;
        case 4 -> d + "." + m + "." + year;
        case 5 -> d + "-" + m + "-" + year;
        default -> d + "/" + m + "/" + Pick.padded(year % 100, 2);
      };
    }
    String month = EN_MONTHS[date.getMonthValue() - 1];
    if (country == Country.US) {
      return switch (r.nextInt(6)) {
        case 0, 1 -> m + "/" + d + "/" + year;
        case 2 -> date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + year;
        case 3 -> month + " " + date.getDayOfMonth() + ", " + year;
        case 4 ->
            date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + Pick.padded(year % 100, 2);
        default -> date.toString();
      };
    }
    return switch (r.nextInt(6)) {
      case 0, 1 -> d + "/" + m + "/" + year;
      case 2 -> date.getDayOfMonth() + " " + month + " " + year;
      case 3 ->
          country == Country.DE || country == Country.CH
              ? d + "." + m + "." + year
              : d + "/" + m + "/" + year;
      case 4 -> date.getDayOfMonth() + " " + month.substring(0, 3) + " " + year;
      default -> date.toString();
    };
  }
}
