package dev.casevault.corpus;

import dev.casevault.core.Agent;
import dev.casevault.core.Author;
import dev.casevault.core.CaseId;
import dev.casevault.core.Channel;
import dev.casevault.core.Customer;
import dev.casevault.core.Language;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.NoteVisibility;
import dev.casevault.core.Status;
import dev.casevault.core.SupportCase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates realistic support cases with planted personal data. Case number {@code index} depends
 * only on the seed and the index, so a corpus can be generated in any order, in parallel, and
 * streamed without holding it.
 */
public final class CorpusGenerator {
  private static final long START = Instant.parse("2006-01-01T00:00:00Z").getEpochSecond();
  private static final long END = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
  private static final long LATE = Instant.parse("2019-06-01T00:00:00Z").getEpochSecond();
  private static final List<String> REGIONS = List.of("EMEA", "AMER", "APAC");

  private final long seed;

  public CorpusGenerator(long seed) {
    this.seed = seed;
  }

  public GeneratedCase generate(long index) {
    SplittableRandom random = new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + index));
    return new CaseBuilder(random, index).build();
  }

  /** SplitMix64's finaliser: neighbouring (seed, index) pairs give unrelated streams. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static final class CaseBuilder {
    private final SplittableRandom random;
    private final PersonalData data;
    private final long index;
    private final boolean french;
    private final List<PlantedValue> planted = new ArrayList<>();
    private final String first;
    private final String last;
    private final String agentFirst;
    private final String agentLast;
    private final Phrases.Product product;
    private final Phrases.Problem problem;

    CaseBuilder(SplittableRandom random, long index) {
      this.random = random;
      this.data = new PersonalData(random);
      this.index = index;
      this.french = random.nextInt(10) < 3;
      this.first = data.firstName(french);
      this.last = data.lastName(french);
      this.agentFirst = data.firstName(random.nextBoolean());
      this.agentLast = data.lastName(random.nextBoolean());
      this.product = data.pick(Phrases.PRODUCTS);
      this.problem = data.pick(Phrases.PROBLEMS);
    }

    GeneratedCase build() {
      long createdSeconds = START + random.nextLong(END - START);
      Instant created = Instant.ofEpochSecond(createdSeconds);
      int year = created.atZone(ZoneOffset.UTC).getYear();
      String region = data.pick(REGIONS);
      String subject = fill(data.pick(french ? problem.subjectsFr() : problem.subjectsEn()));
      String description = description();
      List<Message> messages = new ArrayList<>();
      Instant at = created;
      int turns = 2 + random.nextInt(11);
      for (int i = 0; i < turns; i++) {
        at = at.plusSeconds(60 + random.nextInt(6 * 3600));
        Author from =
            random.nextInt(12) == 0 ? Author.SYSTEM : (i % 2 == 0 ? Author.CUSTOMER : Author.AGENT);
        messages.add(new Message(at, from, message(i, from)));
      }
      List<Note> notes = new ArrayList<>();
      int noteCount = random.nextInt(4);
      for (int i = 0; i < noteCount; i++) {
        at = at.plusSeconds(60 + random.nextInt(3600));
        NoteVisibility visibility =
            random.nextInt(4) == 0 ? NoteVisibility.CONFIDENTIAL : NoteVisibility.INTERNAL;
        String author = agentFirst + " " + agentLast;
        planted.add(
            new PlantedValue("notes[" + i + "].author", "PERSON", 0, author.length(), author));
        notes.add(new Note(at, author, visibility, note(i)));
      }
      Instant updated = at.plusSeconds(random.nextInt(48 * 3600));
      Customer customer = customer();
      String agentName = agentFirst + " " + agentLast;
      String agentEmail =
          data.plainEmail(agentFirst, agentLast, false).replaceAll("@.*", "@support.contoso.com");
      identity("agent.name", "PERSON", agentName);
      identity("agent.email", "EMAIL", agentEmail);
      List<String> tags = new ArrayList<>();
      tags.add(problem.tag());
      int extraTags = random.nextInt(4);
      for (int i = 0; i < extraTags; i++) {
        String tag = data.pick(Phrases.TAGS);
        if (!tags.contains(tag)) {
          tags.add(tag);
        }
      }
      SupportCase supportCase =
          new SupportCase(
              new CaseId(String.format("CASE-%d-%07d", year, index)),
              created,
              updated,
              status(createdSeconds),
              product.slug(),
              data.pick(List.of(Channel.values())),
              french ? Language.FR : Language.EN,
              region,
              data.pick(List.of("tier1-", "tier2-", "billing-"))
                  + region.toLowerCase(java.util.Locale.ROOT),
              tags,
              customer,
              new Agent("AG-" + (1000 + random.nextInt(9000)), agentName, agentEmail),
              subject,
              description,
              messages,
              notes);
      return new GeneratedCase(supportCase, planted);
    }

    private Status status(long createdSeconds) {
      if (createdSeconds < LATE) {
        return random.nextInt(100) < 88
            ? (random.nextBoolean() ? Status.SOLVED : Status.CLOSED)
            : (random.nextBoolean() ? Status.OPEN : Status.PENDING);
      }
      return data.pick(List.of(Status.values()));
    }

    private Customer customer() {
      String name = first + " " + last;
      String email = data.plainEmail(first, last, french);
      String phone = data.phone(french);
      String ip = data.ip();
      identity("customer.name", "PERSON", name);
      identity("customer.email", "EMAIL", email);
      identity("customer.phone", "PHONE", phone);
      identity("customer.ip", "IP_ADDRESS", ip);
      return new Customer("CUST-" + (100000 + random.nextInt(900000)), name, email, phone, ip);
    }

    private void identity(String field, String type, String value) {
      planted.add(new PlantedValue(field, type, 0, value.length(), value));
    }

    private String description() {
      FieldText text = new FieldText("description", planted);
      List<String> details = french ? problem.detailsFr() : problem.detailsEn();
      int first = random.nextInt(details.size());
      text.add(fill(details.get(first)));
      if (random.nextInt(3) == 0) {
        text.add(" ");
        personalDetail(text);
      }
      text.add(
          " "
              + fill(
                  details.get((first + 1 + random.nextInt(details.size() - 1)) % details.size())));
      return text.toString();
    }

    private String message(int turn, Author from) {
      FieldText text = new FieldText("messages[" + turn + "].text", planted);
      switch (from) {
        case SYSTEM -> text.add(data.pick(french ? Phrases.SYSTEM_FR : Phrases.SYSTEM_EN));
        case AGENT -> {
          text.add(
              data.pick(
                  french
                      ? List.of("Bonjour ", "Bonjour M. ", "Bonjour Mme ")
                      : List.of("Hi ", "Hello ", "Dear ")));
          text.plant("PERSON", random.nextBoolean() ? first : last).add(",\n");
          text.add(data.pick(french ? Phrases.AGENT_FR : Phrases.AGENT_EN));
          if (random.nextInt(4) == 0) {
            text.add(" " + data.pick(french ? Phrases.AGENT_FR : Phrases.AGENT_EN));
          }
          text.add("\n" + (french ? "Cordialement,\n" : "Kind regards,\n"))
              .plant("PERSON", agentFirst);
          text.add(french ? ", support technique" : ", Support team");
        }
        case CUSTOMER -> {
          text.add(data.pick(french ? Phrases.GREETINGS_FR : Phrases.GREETINGS_EN));
          text.add(random.nextBoolean() ? ",\n" : " ");
          if (turn == 0) {
            if (random.nextInt(3) == 0) {
              text.add(french ? "je m'appelle " : "my name is ")
                  .plant("PERSON", first + " " + last)
                  .add(". ");
            }
            text.add(fill(data.pick(french ? problem.detailsFr() : problem.detailsEn())));
          } else {
            text.add(data.pick(french ? Phrases.CUSTOMER_FR : Phrases.CUSTOMER_EN));
          }
          if (random.nextInt(2) == 0) {
            text.add(" ");
            personalDetail(text);
          }
          text.add("\n" + data.pick(french ? Phrases.SIGNOFFS_FR : Phrases.SIGNOFFS_EN) + " ");
          text.plant("PERSON", random.nextInt(3) == 0 ? first : first + " " + last);
        }
      }
      return text.toString();
    }

    private String note(int i) {
      FieldText text = new FieldText("notes[" + i + "].text", planted);
      text.add(fill(data.pick(french ? Phrases.NOTES_FR : Phrases.NOTES_EN)));
      if (random.nextInt(3) == 0) {
        if (french) {
          text.add(" Identité vérifiée, date de naissance : ")
              .plant("DATE_OF_BIRTH", data.dateOfBirth());
          text.add(", rappel au ").plant("PHONE", data.phone(true)).add(".");
        } else {
          text.add(" Identity verified with DOB ").plant("DATE_OF_BIRTH", data.dateOfBirth());
          text.add(", callback on ").plant("PHONE", data.phone(false)).add(".");
        }
      }
      return text.toString();
    }

    /** One sentence carrying one personal value, introduced the way customers write it. */
    private void personalDetail(FieldText text) {
      int kind = random.nextInt(13);
      if (french) {
        switch (kind) {
          case 0, 1 ->
              text.add("Vous pouvez m'écrire à ")
                  .plant("EMAIL", data.email(first, last, true))
                  .add(".");
          case 2, 3 -> text.add("Rappelez-moi au ").plant("PHONE", data.phone(true)).add(" svp.");
          case 4 ->
              text.add("Merci d'envoyer le matériel au ")
                  .plant("STREET_ADDRESS", data.streetAddress(true))
                  .add(".");
          case 5 ->
              text.add("La carte utilisée est la ")
                  .plant("CREDIT_CARD", data.creditCard())
                  .add(".");
          case 6 ->
              text.add("Remboursez sur mon IBAN ").plant("IBAN", data.iban(true)).add(" merci.");
          case 7 ->
              text.add("Mon numéro de sécurité sociale : ").plant("FR_NIR", data.frNir()).add(".");
          case 8 ->
              text.add("Je suis née le ")
                  .plant("DATE_OF_BIRTH", data.dateOfBirth())
                  .add(" si besoin.");
          case 9 ->
              text.add("L'export tourne depuis ")
                  .plant("URL_CREDENTIALS", data.urlCredentials())
                  .add(" chaque nuit.");
          case 10 ->
              text.add("Mon mot de passe : ")
                  .plant("SECRET", data.password())
                  .add(" (je le changerai).");
          case 11 -> text.add("Mon IP publique est ").plant("IP_ADDRESS", data.ip()).add(".");
          default -> text.add("La clé API est ").plant("SECRET", data.secret()).add(".");
        }
      } else {
        switch (kind) {
          case 0, 1 ->
              text.add("You can reach me at ")
                  .plant("EMAIL", data.email(first, last, false))
                  .add(".");
          case 2, 3 ->
              text.add("Please call me back on ").plant("PHONE", data.phone(false)).add(".");
          case 4 ->
              text.add("Please ship the replacement to ")
                  .plant("STREET_ADDRESS", data.streetAddress(false))
                  .add(".");
          case 5 ->
              text.add("The card I used is ").plant("CREDIT_CARD", data.creditCard()).add(".");
          case 6 -> text.add("Please refund to IBAN ").plant("IBAN", data.iban(false)).add(".");
          case 7 -> {
            if (random.nextBoolean()) {
              text.add("My SSN is ").plant("US_SSN", data.usSsn()).add(" if you need it.");
            } else {
              text.add("My NI number is ").plant("UK_NINO", data.ukNino()).add(".");
            }
          }
          case 8 -> text.add("I was born on ").plant("DATE_OF_BIRTH", data.dateOfBirth()).add(".");
          case 9 ->
              text.add("The export job uses ")
                  .plant("URL_CREDENTIALS", data.urlCredentials())
                  .add(" every night.");
          case 10 ->
              text.add("My password is: ")
                  .plant("SECRET", data.password())
                  .add(" (I will change it).");
          case 11 -> text.add("My public IP is ").plant("IP_ADDRESS", data.ip()).add(".");
          default ->
              text.add("The API key in the config is ").plant("SECRET", data.secret()).add(".");
        }
      }
    }

    private String fill(String template) {
      return template.replace("{p}", product.name()).replace("{b}", data.pick(Phrases.BAIT));
    }
  }
}
