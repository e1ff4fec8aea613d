package dev.casevault.corpus;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/** The given and family names of one {@link NameLocale}. */
final class Names {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9-]");

  private final String[] first;
  private final String[] firstAscii;
  private final boolean[] female;
  private final String[] last;
  private final String[] lastAscii;

  Names(Map<String, List<String>> sections, NameLocale locale) {
    List<String> firstLines = Sections.require(sections, "first." + locale.key());
    first = new String[firstLines.size()];
    firstAscii = new String[first.length];
    female = new boolean[first.length];
    for (int i = 0; i < first.length; i++) {
      String line = firstLines.get(i);
      if (line.length() < 3 || line.charAt(1) != ' ' || "fm".indexOf(line.charAt(0)) < 0) {
        throw new IllegalStateException("expected \"f Name\" or \"m Name\" but found: " + line);
      }
      female[i] = line.charAt(0) == 'f';
      first[i] = line.substring(2);
      firstAscii[i] = ascii(first[i]);
    }
    last = Sections.require(sections, "last." + locale.key()).toArray(String[]::new);
    lastAscii = new String[last.length];
    for (int i = 0; i < last.length; i++) {
      lastAscii[i] = ascii(last[i]).replace("-", "");
    }
  }

  Person random(SplittableRandom random) {
    int given = random.nextInt(first.length);
    int family = random.nextInt(last.length);
    return new Person(
        first[given], last[family], female[given], firstAscii[given], lastAscii[family]);
  }

  /** "Hélène" to "helene", "O'Brien" to "obrien", "Le Gall" to "legall", "Müller" to "muller". */
  static String ascii(String name) {
    String folded = name.replace("ß", "ss").replace("Æ", "AE").replace("æ", "ae");
    folded = MARKS.matcher(Normalizer.normalize(folded, Normalizer.Form.NFD)).replaceAll("");
    return NOT_SLUG.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
  }
}
