package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.SplittableRandom;

/**
 * The support staff: a fixed roster per seed, split into desks by region and language, so that the
 * same agents appear across thousands of cases, as in a real archive.
 */
final class Agents {
  record Agent(String id, Person person, String email) {}

  enum Desk {
    EMEA_EN(0, 60),
    EMEA_FR(60, 60),
    AMER_EN(120, 60),
    AMER_FR(180, 20),
    APAC(200, 40);

    final int first;
    final int size;

    Desk(int first, int size) {
      this.first = first;
      this.size = size;
    }

    static Desk of(String region, Language language) {
      return switch (region) {
        case "AMER" -> language == Language.FR ? AMER_FR : AMER_EN;
        case "APAC" -> APAC;
        default -> language == Language.FR ? EMEA_FR : EMEA_EN;
      };
    }
  }

  private static final int ROSTER = 240;
  private static final NameLocale[] EUROPEAN = {NameLocale.DE, NameLocale.ES, NameLocale.IT};

  private final Agent[] roster = new Agent[ROSTER];

  Agents(long seed) {
    Lexicon lexicon = Lexicon.get();
    for (int i = 0; i < ROSTER; i++) {
      SplittableRandom r = Seeds.random(seed, Seeds.AGENT, i);
      NameLocale locale = NameLocale.EN;
      if (i >= Desk.EMEA_FR.first && i < Desk.EMEA_FR.first + Desk.EMEA_FR.size
          || i >= Desk.AMER_FR.first && i < Desk.AMER_FR.first + Desk.AMER_FR.size) {
        locale = NameLocale.FR;
      } else if (i < Desk.EMEA_EN.size && Pick.percent(r, 30)) {
        locale = Pick.one(r, EUROPEAN);
      }
      Person person = lexicon.names(locale).random(r);
      String email = person.firstAscii() + "." + person.lastAscii() + "@support.example.com";
      roster[i] = new Agent("A-" + (1000 + i), person, email);
    }
  }

  Agent pick(Desk desk, SplittableRandom r) {
    return roster[desk.first + r.nextInt(desk.size)];
  }

  /** Another agent of the same desk than {@code agent}. */
  Agent peer(Desk desk, Agent agent, SplittableRandom r) {
    Agent peer;
    do {
      peer = pick(desk, r);
    } while (peer == agent);
    return peer;
  }
}
