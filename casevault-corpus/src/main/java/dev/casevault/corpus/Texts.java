package dev.casevault.corpus;

import dev.casevault.core.Language;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sentence templates of one language, from {@code text-en.txt} or {@code text-fr.txt}. Every
 * list the generator uses is checked when the file loads, so a missing list fails at start-up
 * rather than in the middle of a corpus.
 */
final class Texts {
  /** The parts of a problem family's conversation; see the resource files. */
  enum Part {
    SUBJECT,
    OPEN,
    DETAIL,
    ASK,
    CALL,
    AGENT,
    CUSTOMER,
    RESOLVE,
    NOTE;

    String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static final String[] GENERIC = {
    "greet.customer",
    "greet.customer.named",
    "greet.agent",
    "greet.agent.named",
    "sign.customer",
    "sign.customer.named",
    "sign.agent",
    "sign.agent.named",
    "chat.intro",
    "chat.intro.named",
    "chat.customer",
    "agent.ack",
    "agent.ask",
    "agent.followup",
    "agent.close",
    "customer.thanks",
    "customer.still",
    "bait",
    "system",
    "system.closed",
    "note.generic",
    "subject.pii",
    "form.name",
    "form.email",
    "form.phone",
    "form.other",
    "form.message"
  };

  /** Personal data an agent may repeat back in a reply; other types only customers and notes. */
  static final List<PiiType> AGENT_PII =
      List.of(PiiType.PERSON, PiiType.EMAIL, PiiType.PHONE, PiiType.STREET_ADDRESS);

  private final Map<String, Template[]> generic = new HashMap<>();

  /** Indexed by family ordinal, kind ordinal, part ordinal. */
  private final Template[][][][] families;

  /** Per family and kind: aligned subjects and openings, or null; see {@link #problems}. */
  private final Template[][][][] problems;

  private final Template[][] customerPii;
  private final Template[][] agentPii;
  private final Template[][] notePii;

  Texts(Language language) {
    Map<String, List<String>> sections = Sections.load("text-" + language.wireName() + ".txt");
    for (String key : GENERIC) {
      generic.put(key, parse(sections, key));
    }
    PiiType[] types = PiiType.values();
    customerPii = new Template[types.length][];
    agentPii = new Template[types.length][];
    notePii = new Template[types.length][];
    for (PiiType type : types) {
      customerPii[type.ordinal()] = parse(sections, "customer.pii." + type.name());
      notePii[type.ordinal()] = parse(sections, "note.pii." + type.name());
      if (AGENT_PII.contains(type)) {
        agentPii[type.ordinal()] = parse(sections, "agent.pii." + type.name());
      }
    }
    Catalogue.Family[] familyValues = Catalogue.Family.values();
    Catalogue.Kind[] kinds = Catalogue.Kind.values();
    Part[] parts = Part.values();
    families = new Template[familyValues.length][kinds.length][parts.length][];
    problems = new Template[familyValues.length][kinds.length][][];
    for (Catalogue.Family family : familyValues) {
      for (Part part : parts) {
        String key = family.key + "." + part.key();
        Template[] base = parse(sections, key);
        for (Catalogue.Kind kind : kinds) {
          List<String> special = sections.get(key + "." + kind.key());
          families[family.ordinal()][kind.ordinal()][part.ordinal()] =
              special == null ? base : concat(base, parseAll(special));
        }
      }
      for (Catalogue.Kind kind : kinds) {
        List<String> subjects = sections.get(family.key + ".subject." + kind.key());
        List<String> openings = sections.get(family.key + ".open." + kind.key());
        if (subjects != null && openings != null && subjects.size() == openings.size()) {
          problems[family.ordinal()][kind.ordinal()] =
              new Template[][] {parseAll(subjects), parseAll(openings)};
        }
      }
    }
  }

  Template[] get(String key) {
    Template[] templates = generic.get(key);
    if (templates == null) {
      throw new IllegalArgumentException("not a generic template list: " + key);
    }
    return templates;
  }

  Template[] family(Catalogue.Family family, Catalogue.Kind kind, Part part) {
    return families[family.ordinal()][kind.ordinal()][part.ordinal()];
  }

  /**
   * A kind's own subjects and openings when they are written as pairs (lists of the same length,
   * subject i announcing opening i, like "Printer offline" and "The printer shows offline..."), so
   * that a case's subject and first sentence agree; null if the kind has none.
   */
  Template[][] problems(Catalogue.Family family, Catalogue.Kind kind) {
    return problems[family.ordinal()][kind.ordinal()];
  }

  Template[] customerPii(PiiType type) {
    return customerPii[type.ordinal()];
  }

  /** The templates an agent uses to repeat {@code type}, or null if agents never do. */
  Template[] agentPii(PiiType type) {
    return agentPii[type.ordinal()];
  }

  Template[] notePii(PiiType type) {
    return notePii[type.ordinal()];
  }

  private static Template[] parse(Map<String, List<String>> sections, String key) {
    return parseAll(Sections.require(sections, key));
  }

  private static Template[] parseAll(List<String> lines) {
    Template[] templates = new Template[lines.size()];
    for (int i = 0; i < templates.length; i++) {
      templates[i] = Template.parse(lines.get(i));
    }
    return templates;
  }

  private static Template[] concat(Template[] a, Template[] b) {
    Template[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
