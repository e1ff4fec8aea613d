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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes one case. It first decides the case's shape (customer, product, problem family, channel,
 * status, the turns of the conversation), then plans where personal data goes (how many values of
 * which types, in which texts), then renders each field from the templates of the case's language,
 * recording every planted value's offsets as it is written.
 *
 * <p>One composer per case: it holds the case's state while the templates call back into {@link
 * #fill}.
 */
final class CaseComposer implements Template.Renderer {
  /** Who speaks in a text: its tone, and which templates may carry personal data in it. */
  private enum Voice {
    CUSTOMER,
    AGENT,
    SYSTEM,
    NOTE
  }

  /** The personal data planned for one text, and whether its greeting or sign-off names someone. */
  private static final class Plan {
    final Voice voice;
    final List<PiiType> mentions = new ArrayList<>(2);
    boolean namedGreeting;
    boolean namedSignoff;

    /** A customer's reply, which may greet the agent by name (a first message cannot). */
    final boolean reply;

    Plan(Voice voice, boolean reply) {
      this.voice = voice;
      this.reply = reply;
    }
  }

  private static final int[] YEAR_WEIGHTS = yearWeights();
  private static final int[] HOUR_WEIGHTS = {
    1, 1, 1, 1, 1, 1, 2, 4, 8, 10, 10, 10, 9, 9, 10, 10, 9, 7, 5, 4, 3, 2, 2, 1
  };
  private static final Channel[] CHANNELS = {
    Channel.EMAIL, Channel.WEB, Channel.CHAT, Channel.PHONE
  };
  private static final int[] CHANNEL_WEIGHTS = {38, 27, 20, 15};

  /** Message counts 2 to 12. */
  private static final int[] MESSAGE_WEIGHTS = {12, 14, 16, 14, 12, 9, 7, 5, 4, 3, 3};

  private static final int[] NOTE_WEIGHTS = {36, 36, 19, 9};

  /** How many values of personal data go into a case's free text: 0 to 9. */
  private static final int[] BUDGET_WEIGHTS = {8, 14, 18, 17, 14, 10, 8, 5, 3, 3};

  private static final int[] TAG_COUNT_WEIGHTS = {20, 35, 25, 13, 7};
  private static final String[] GENERAL_TAGS = {
    "vip",
    "escalated",
    "callback",
    "follow-up",
    "duplicate",
    "enterprise",
    "consumer",
    "survey-sent",
    "feature-request",
    "urgent",
    "known-issue",
    "security"
  };
  private static final String[] EMOJI = {
    "\uD83D\uDE42",
    "\uD83D\uDE0A",
    "\uD83D\uDE4F",
    "\uD83D\uDC4D",
    "\uD83D\uDE05",
    "\uD83D\uDE21",
    "\uD83E\uDD1E",
    "\uD83D\uDE1E"
  };

  /** Weights of {@link PiiType} values, in declaration order, before family and country rules. */
  private static final int[] TYPE_WEIGHTS = {22, 13, 13, 7, 6, 6, 6, 7, 6, 9, 6, 4, 8};

  /** Extra weight per problem family, indexed by family then type ordinal. */
  private static final int[][] FAMILY_WEIGHTS = familyWeights();

  private static final String[] EN_TITLES_FEMALE = {"Ms", "Mrs", "Ms."};
  private static final String[] EN_TITLES_MALE = {"Mr", "Mr."};
  private static final long SECONDS_PER_DAY = 86_400;

  private final long seed;
  private final long index;
  private final Agents agents;
  private final SplittableRandom r;
  private final TextBuffer text = new TextBuffer();
  private final List<PlantedValue> planted = new ArrayList<>();

  private Persona customer;
  private Language language;
  private Texts texts;
  private Catalogue.Product product;
  private Catalogue.Family family;
  private Channel channel;
  private Agents.Desk desk;
  private Agents.Agent agent;

  /** The index of the kind's own subject-and-opening pair this case is about, or -1. */
  private int problem;

  private LocalDate createdDay;
  private int year;

  /** Who is speaking in the text being rendered. */
  private Voice voice;

  /** While true, e-mail addresses and phone numbers are the customer's own, written plainly. */
  private boolean plainContact;

  CaseComposer(long seed, long index, Agents agents) {
    this.seed = seed;
    this.index = index;
    this.agents = agents;
    this.r = Seeds.random(seed, Seeds.CASE, index);
  }

  GeneratedCase compose() {
    customer = Persona.of(seed, customerKey());
    language = customer.language;
    texts = Lexicon.get().texts(language);
    Instant created = created();
    createdDay = LocalDate.ofInstant(created, ZoneOffset.UTC);
    year = createdDay.getYear();
    product = Catalogue.product(r, year, language);
    family = product.kind().family(r);
    Template[][] problems = texts.problems(family, product.kind());
    problem = problems != null && Pick.percent(r, 70) ? r.nextInt(problems[0].length) : -1;
    channel = CHANNELS[Pick.weighted(r, CHANNEL_WEIGHTS)];
    String region =
        customer.country.inAmericas()
            ? "AMER"
            : language == Language.EN && Pick.percent(r, 14) ? "APAC" : "EMEA";
    desk = Agents.Desk.of(region, language);
    agent = agents.pick(desk, r);
    Status status = status();

    List<Voice> turns = turns();
    int resolveAt =
        status == Status.SOLVED || status == Status.CLOSED ? turns.lastIndexOf(Voice.AGENT) : -1;
    NoteVisibility[] visibilities = new NoteVisibility[Pick.weighted(r, NOTE_WEIGHTS)];
    for (int i = 0; i < visibilities.length; i++) {
      visibilities[i] = Pick.percent(r, 75) ? NoteVisibility.INTERNAL : NoteVisibility.CONFIDENTIAL;
    }
    Plan description = new Plan(channel == Channel.PHONE ? Voice.NOTE : Voice.CUSTOMER, false);
    Plan[] messagePlans = new Plan[turns.size()];
    for (int i = 0; i < messagePlans.length; i++) {
      messagePlans[i] = new Plan(turns.get(i), true);
    }
    Plan[] notePlans = new Plan[visibilities.length];
    for (int i = 0; i < notePlans.length; i++) {
      notePlans[i] = new Plan(Voice.NOTE, false);
    }
    planMentions(description, messagePlans, notePlans, visibilities);

    // Fields are written in the order of the JSON line, so the truth lists them in that order too.
    Customer customerField = customerField();
    Agent agentField = status == Status.OPEN && Pick.percent(r, 15) ? null : agentField();
    String subject = subject();
    String descriptionText = description(description);
    List<Message> messages = new ArrayList<>(turns.size());
    Instant at = created;
    for (int i = 0; i < turns.size(); i++) {
      at = at.plusSeconds(gapSeconds(turns.get(i), i == 0));
      message(messagePlans[i], i, turns, resolveAt);
      messages.add(
          new Message(at, author(turns.get(i)), text.finish("messages[" + i + "].text", planted)));
    }
    List<Note> notes = notes(notePlans, visibilities, created, at);
    Instant updated = messages.getLast().at();
    if (!notes.isEmpty() && notes.getLast().at().isAfter(updated)) {
      updated = notes.getLast().at();
    }
    if (status == Status.CLOSED) {
      updated = updated.plusSeconds(Pick.between(r, 1, 14) * SECONDS_PER_DAY);
    }
    List<String> tags = tags();
    boolean escalated =
        tags.contains("escalated") || family == Catalogue.Family.INTEGRATION && Pick.percent(r, 50);
    String team =
        (family.billing() ? "billing-" : escalated ? "tier2-" : "tier1-")
            + region.toLowerCase(java.util.Locale.ROOT);
    SupportCase supportCase =
        new SupportCase(
            new CaseId("CASE-" + year + "-" + caseNumber()),
            created,
            updated,
            status,
            product.key(),
            channel,
            language,
            region,
            team,
            tags,
            customerField,
            agentField,
            subject,
            descriptionText,
            messages,
            notes);
    return new GeneratedCase(supportCase, List.copyOf(planted));
  }

  // ------------------------------------------------------------------ the shape of the case

  /** Three cases in ten come from a pool of repeat customers; the others from a new one each. */
  private long customerKey() {
    return Pick.percent(r, 30) ? (1L << 31) + r.nextInt(25_000) : index;
  }

  /**
   * The digits of the case id: for the first ten million indexes a permutation of 0-9,999,999 (an
   * affine map with a multiplier prime to 10^7), so ids look unordered yet never collide; beyond
   * that the index itself, whose eight or more digits cannot collide with seven.
   */
  private String caseNumber() {
    if (index >= 10_000_000L) {
      return Long.toString(index);
    }
    long offset = Math.floorMod(Seeds.mix(seed), 10_000_000L);
    return Pick.padded((index * 7_919_113L + offset) % 10_000_000L, 7);
  }

  /** A moment in 2006-2019, more of them in later years, mostly in office hours. */
  private Instant created() {
    int year = Catalogue.FIRST_YEAR + Pick.weighted(r, YEAR_WEIGHTS);
    LocalDate first = LocalDate.of(year, 1, 1);
    LocalDate day = first.plusDays(r.nextInt(first.lengthOfYear()));
    long seconds =
        day.toEpochDay() * SECONDS_PER_DAY
            + Pick.weighted(r, HOUR_WEIGHTS) * 3600L
            + r.nextInt(3600);
    return Instant.ofEpochSecond(seconds);
  }

  /** Old cases are settled; recent ones may still be open or waiting for the customer. */
  private Status status() {
    long age = LocalDate.of(Catalogue.LAST_YEAR + 1, 1, 1).toEpochDay() - createdDay.toEpochDay();
    int[] weights =
        age < 30
            ? new int[] {35, 30, 25, 10}
            : age < 365 ? new int[] {5, 10, 35, 50} : new int[] {1, 1, 18, 80};
    return Status.values()[Pick.weighted(r, weights)];
  }

  /** The authors of the messages: agent and customer alternate, the system now and then. */
  private List<Voice> turns() {
    int count = 2 + Pick.weighted(r, MESSAGE_WEIGHTS);
    List<Voice> turns = new ArrayList<>(count);
    Voice next = Voice.AGENT;
    while (turns.size() < count) {
      if (!turns.isEmpty() && Pick.percent(r, 8)) {
        turns.add(Voice.SYSTEM);
      } else {
        turns.add(next);
        next = next == Voice.AGENT ? Voice.CUSTOMER : Voice.AGENT;
      }
    }
    return turns;
  }

  private long gapSeconds(Voice turn, boolean first) {
    if (turn == Voice.SYSTEM) {
      return logUniform(1, 3600);
    }
    if (channel == Channel.CHAT) {
      return first ? logUniform(30, 900) : logUniform(15, 400);
    }
    return first ? logUniform(900, 2 * SECONDS_PER_DAY) : logUniform(600, 3 * SECONDS_PER_DAY);
  }

  /** Spread over orders of magnitude, as reply times are: as many minutes-long as hours-long. */
  private long logUniform(long low, long high) {
    return Math.round(Math.exp(Math.log(low) + r.nextDouble() * (Math.log(high) - Math.log(low))));
  }

  private static Author author(Voice voice) {
    return switch (voice) {
      case AGENT -> Author.AGENT;
      case CUSTOMER -> Author.CUSTOMER;
      default -> Author.SYSTEM;
    };
  }

  private List<String> tags() {
    int count = Pick.weighted(r, TAG_COUNT_WEIGHTS);
    List<String> tags = new ArrayList<>(count);
    while (tags.size() < count) {
      String tag =
          tags.isEmpty() && Pick.percent(r, 70)
              ? Pick.one(r, family.tags)
              : Pick.percent(r, 30) ? Pick.one(r, family.tags) : Pick.one(r, GENERAL_TAGS);
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  // ------------------------------------------------------------------ where personal data goes

  private void planMentions(
      Plan description, Plan[] messages, Plan[] notes, NoteVisibility[] visibilities) {
    int[] typeWeights = typeWeights();
    int budget = Pick.weighted(r, BUDGET_WEIGHTS);
    Plan[] plans = new Plan[1 + messages.length + notes.length];
    int[] weights = new int[plans.length];
    plans[0] = description;
    System.arraycopy(messages, 0, plans, 1, messages.length);
    System.arraycopy(notes, 0, plans, 1 + messages.length, notes.length);
    for (int n = 0; n < budget; n++) {
      PiiType type = PiiType.values()[Pick.weighted(r, typeWeights)];
      boolean agentMayRepeat = Texts.AGENT_PII.contains(type);
      for (int i = 0; i < plans.length; i++) {
        weights[i] =
            switch (plans[i].voice) {
              case CUSTOMER -> i == 0 ? 8 : 4;
              case AGENT -> agentMayRepeat ? 2 : 0;
              case SYSTEM -> 0;
              case NOTE ->
                  i == 0
                      ? 8
                      : visibilities[i - 1 - messages.length] == NoteVisibility.CONFIDENTIAL
                          ? 6
                          : 4;
            };
      }
      plans[Pick.weighted(r, weights)].mentions.add(type);
    }
  }

  /** Type weights for this case: more card numbers in billing cases, no IBAN in the Americas... */
  private int[] typeWeights() {
    int[] w = TYPE_WEIGHTS.clone();
    int[] extra = FAMILY_WEIGHTS[family.ordinal()];
    for (int i = 0; i < w.length; i++) {
      w[i] += extra[i];
    }
    Country country = customer.country;
    boolean payroll = product.kind() == Catalogue.Kind.ACCOUNTING;
    if (product.kind().hardware) {
      // Credentials in URLs come from scripts and integrations, rarely from a broken device.
      w[PiiType.URL_CREDENTIALS.ordinal()] = 1;
    }
    // National numbers belong to the customer's country, except in payroll software, where
    // employers enter their staff's numbers whatever the country.
    nationalNumber(w, PiiType.US_SSN, country == Country.US, payroll);
    nationalNumber(w, PiiType.FR_NIR, country == Country.FR, payroll);
    nationalNumber(w, PiiType.UK_NINO, country == Country.UK, payroll);
    if (country.inAmericas()) {
      w[PiiType.IBAN.ordinal()] = 0;
    }
    return w;
  }

  private static void nationalNumber(int[] weights, PiiType type, boolean own, boolean payroll) {
    int i = type.ordinal();
    weights[i] = own ? weights[i] + (payroll ? 8 : 0) : payroll ? 4 : 0;
  }

  private static int[][] familyWeights() {
    int[][] w = new int[Catalogue.Family.values().length][PiiType.values().length];
    boost(
        w,
        Catalogue.Family.SIGNIN,
        PiiType.EMAIL,
        10,
        PiiType.SECRET,
        14,
        PiiType.IP_ADDRESS,
        8,
        PiiType.PHONE,
        5);
    boost(
        w,
        Catalogue.Family.BILLING,
        PiiType.CREDIT_CARD,
        16,
        PiiType.IBAN,
        10,
        PiiType.STREET_ADDRESS,
        4);
    boost(
        w,
        Catalogue.Family.SYNC,
        PiiType.URL_CREDENTIALS,
        8,
        PiiType.SECRET,
        6,
        PiiType.EMAIL,
        6,
        PiiType.IP_ADDRESS,
        4);
    boost(w, Catalogue.Family.HARDWARE, PiiType.STREET_ADDRESS, 8, PiiType.PHONE, 6);
    boost(w, Catalogue.Family.DATALOSS, PiiType.EMAIL, 8, PiiType.PERSON, 6);
    boost(
        w,
        Catalogue.Family.REFUND,
        PiiType.IBAN,
        16,
        PiiType.CREDIT_CARD,
        10,
        PiiType.STREET_ADDRESS,
        6);
    boost(w, Catalogue.Family.OUTAGE, PiiType.IP_ADDRESS, 16, PiiType.PHONE, 6);
    boost(
        w,
        Catalogue.Family.ACCOUNT,
        PiiType.STREET_ADDRESS,
        14,
        PiiType.DATE_OF_BIRTH,
        14,
        PiiType.PHONE,
        6,
        PiiType.EMAIL,
        6,
        PiiType.US_SSN,
        10,
        PiiType.FR_NIR,
        10,
        PiiType.UK_NINO,
        10);
    boost(
        w,
        Catalogue.Family.INTEGRATION,
        PiiType.SECRET,
        20,
        PiiType.URL_CREDENTIALS,
        18,
        PiiType.IP_ADDRESS,
        8);
    boost(w, Catalogue.Family.DELIVERY, PiiType.STREET_ADDRESS, 20, PiiType.PHONE, 8);
    return w;
  }

  /** Adds weight to types in one family: {@code pairs} alternates a type and an amount. */
  private static void boost(int[][] weights, Catalogue.Family family, Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      weights[family.ordinal()][((PiiType) pairs[i]).ordinal()] += (Integer) pairs[i + 1];
    }
  }

  // ------------------------------------------------------------------ identity fields

  private Customer customerField() {
    String name = identity("customer.name", PiiType.PERSON, customer.person.full(), 95);
    String email = identity("customer.email", PiiType.EMAIL, customer.email(), 97);
    String phone = null;
    if (Pick.percent(r, 60)) {
      Phones.Phone own = customer.phone();
      phone =
          identity(
              "customer.phone",
              PiiType.PHONE,
              Pick.percent(r, 50) ? Phones.e164(own) : Phones.format(own, r),
              100);
    }
    boolean online = channel == Channel.WEB || channel == Channel.CHAT;
    String ip = null;
    if (Pick.percent(r, online ? 85 : 10)) {
      ip =
          identity(
              "customer.ip",
              PiiType.IP_ADDRESS,
              Pick.percent(r, 75) ? Network.ipv4(r) : Network.ipv6(r),
              100);
    }
    return new Customer(customer.id, name, email, phone, ip);
  }

  private Agent agentField() {
    String name = identity("agent.name", PiiType.PERSON, agent.person().full(), 100);
    String email = identity("agent.email", PiiType.EMAIL, agent.email(), 90);
    return new Agent(agent.id(), name, email);
  }

  /** {@code value} in {@code percent} of cases, planted as the whole field; otherwise null. */
  private String identity(String field, PiiType type, String value, int percent) {
    if (!Pick.percent(r, percent)) {
      return null;
    }
    text.plant(type, value);
    return text.finish(field, planted);
  }

  // ------------------------------------------------------------------ free text

  private String subject() {
    voice = Voice.CUSTOMER;
    plainContact = true;
    int prefix = r.nextInt(100);
    if (prefix < 3) {
      text.append(language == Language.FR ? "URGENT : " : "URGENT: ");
    } else if (prefix < 6) {
      text.append(language == Language.FR ? "TR: " : "Fwd: ");
    }
    if (Pick.percent(r, 4)) {
      Pick.one(r, texts.get("subject.pii")).render(this, text);
    } else if (problem >= 0) {
      texts.problems(family, product.kind())[0][problem].render(this, text);
    } else {
      familyLine(Texts.Part.SUBJECT).render(this, text);
    }
    plainContact = false;
    return text.finish("subject", planted);
  }

  private String description(Plan plan) {
    voice = plan.voice;
    List<Template> body = new ArrayList<>(6);
    if (channel == Channel.PHONE) {
      body.add(familyLine(Texts.Part.CALL));
      if (Pick.percent(r, 40)) {
        body.add(familyLine(Texts.Part.DETAIL));
      }
      insertMentions(plan, body, false);
      renderSentences(body, false);
      return text.finish("description", planted);
    }
    body.add(
        problem >= 0
            ? texts.problems(family, product.kind())[1][problem]
            : familyLine(Texts.Part.OPEN));
    if (channel != Channel.CHAT) {
      int details = Pick.between(r, 1, 3);
      for (int i = 0; i < details; i++) {
        addDistinct(body, texts.family(family, product.kind(), Texts.Part.DETAIL));
      }
      if (Pick.percent(r, 45)) {
        body.add(Pick.one(r, texts.get("bait")));
      }
      body.add(familyLine(Texts.Part.ASK));
    }
    boolean form = channel == Channel.WEB && Pick.percent(r, 55);
    if (form) {
      webForm(plan);
    }
    boolean letter = channel == Channel.EMAIL;
    insertMentions(plan, body, letter);
    if (letter && (plan.namedGreeting || Pick.percent(r, 80))) {
      greeting("greet.customer", plan.namedGreeting);
    }
    renderSentences(body, letter);
    if (letter && (plan.namedSignoff || Pick.percent(r, 85))
        || channel == Channel.WEB && (plan.namedSignoff || Pick.percent(r, 40))) {
      signoff("sign.customer", plan.namedSignoff);
    }
    return text.finish("description", planted);
  }

  /**
   * The header of a web contact form ("Name: ...", "Email: ..."), which takes the name, e-mail and
   * phone number planned for the description, followed by the label of the message.
   */
  private void webForm(Plan plan) {
    plainContact = true;
    formLine(plan, PiiType.PERSON, "form.name");
    formLine(plan, PiiType.EMAIL, "form.email");
    formLine(plan, PiiType.PHONE, "form.phone");
    int others = Pick.between(r, 1, 2);
    for (int i = 0; i < others; i++) {
      Pick.one(r, texts.get("form.other")).render(this, text);
      text.append('\n');
    }
    Pick.one(r, texts.get("form.message")).render(this, text);
    text.append('\n');
    plainContact = false;
  }

  private void formLine(Plan plan, PiiType type, String key) {
    if (plan.mentions.remove(type)) {
      Pick.one(r, texts.get(key)).render(this, text);
      text.append('\n');
    }
  }

  private void message(Plan plan, int position, List<Voice> turns, int resolveAt) {
    voice = plan.voice;
    boolean letter = channel != Channel.CHAT;
    List<Template> body = new ArrayList<>(4);
    switch (plan.voice) {
      case SYSTEM -> {
        Pick.one(r, texts.get(resolveAt >= 0 && position > resolveAt ? "system.closed" : "system"))
            .render(this, text);
      }
      case AGENT -> {
        boolean firstAgent = turns.indexOf(Voice.AGENT) == position;
        if (position == resolveAt) {
          // "Closing since we haven't heard back" only makes sense outside a live chat.
          body.add(
              letter && Pick.percent(r, 25)
                  ? Pick.one(r, texts.get("agent.close"))
                  : familyLine(Texts.Part.RESOLVE));
        } else if (firstAgent) {
          if (letter && Pick.percent(r, 70)) {
            body.add(Pick.one(r, texts.get("agent.ack")));
          }
          body.add(
              Pick.percent(r, 65)
                  ? familyLine(Texts.Part.AGENT)
                  : Pick.one(r, texts.get("agent.ask")));
        } else {
          int kind = r.nextInt(100);
          Voice previous = turns.get(position - 1);
          body.add(
              kind < 60
                  ? familyLine(Texts.Part.AGENT)
                  : kind < 85 || previous == Voice.CUSTOMER
                      ? Pick.one(r, texts.get("agent.ask"))
                      : Pick.one(r, texts.get("agent.followup")));
          if (Pick.percent(r, 40)) {
            addDistinct(body, texts.get("agent.ask"));
          }
        }
        if (channel == Channel.CHAT && firstAgent) {
          boolean named = plan.mentions.remove(PiiType.PERSON);
          Pick.one(r, texts.get(named ? "chat.intro.named" : "chat.intro")).render(this, text);
          text.append(' ');
        }
        insertMentions(plan, body, letter);
        if (letter && (plan.namedGreeting || Pick.percent(r, 90))) {
          greeting("greet.agent", plan.namedGreeting);
        }
        renderSentences(body, letter);
        if (letter && (plan.namedSignoff || Pick.percent(r, 95))) {
          signoff("sign.agent", plan.namedSignoff);
        }
      }
      default -> {
        if (resolveAt >= 0 && position > resolveAt) {
          body.add(Pick.one(r, texts.get("customer.thanks")));
        } else if (channel == Channel.CHAT) {
          body.add(
              Pick.percent(r, 50)
                  ? Pick.one(r, texts.get("chat.customer"))
                  : familyLine(Texts.Part.CUSTOMER));
        } else {
          body.add(
              Pick.percent(r, 60)
                  ? familyLine(Texts.Part.CUSTOMER)
                  : Pick.one(r, texts.get("customer.still")));
          int extra = r.nextInt(100);
          if (extra < 20) {
            body.add(familyLine(Texts.Part.DETAIL));
          } else if (extra < 32) {
            body.add(Pick.one(r, texts.get("bait")));
          }
        }
        insertMentions(plan, body, letter);
        if (letter && (plan.namedGreeting || Pick.percent(r, 55))) {
          greeting("greet.customer", plan.namedGreeting);
        }
        renderSentences(body, letter);
        if (letter && (plan.namedSignoff || Pick.percent(r, 65))) {
          signoff("sign.customer", plan.namedSignoff);
        }
      }
    }
  }

  private List<Note> notes(
      Plan[] plans, NoteVisibility[] visibilities, Instant created, Instant last) {
    long span = Math.max(60, last.getEpochSecond() - created.getEpochSecond());
    long[] offsets = new long[plans.length];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = 1 + r.nextLong(span);
    }
    Arrays.sort(offsets);
    List<Note> notes = new ArrayList<>(plans.length);
    for (int i = 0; i < plans.length; i++) {
      String author = noteAuthor(i);
      voice = Voice.NOTE;
      List<Template> body = new ArrayList<>(3);
      body.add(
          Pick.percent(r, 60)
              ? familyLine(Texts.Part.NOTE)
              : Pick.one(r, texts.get("note.generic")));
      if (Pick.percent(r, 25)) {
        body.add(Pick.one(r, texts.get("note.generic")));
      }
      insertMentions(plans[i], body, false);
      renderSentences(body, false);
      String noteText = text.finish("notes[" + i + "].text", planted);
      notes.add(new Note(created.plusSeconds(offsets[i]), author, visibilities[i], noteText));
    }
    return notes;
  }

  /** The case's agent or a colleague by name (personal data), an agent id, or nobody. */
  private String noteAuthor(int note) {
    int kind = r.nextInt(100);
    String field = "notes[" + note + "].author";
    if (kind < 40) {
      text.plant(PiiType.PERSON, agent.person().full());
      return text.finish(field, planted);
    }
    if (kind < 50) {
      text.plant(PiiType.PERSON, agents.peer(desk, agent, r).person().full());
      return text.finish(field, planted);
    }
    return kind < 95 ? agent.id() : null;
  }

  /** Adds one of {@code templates} that is not in {@code body} yet, if the first pick is not. */
  private void addDistinct(List<Template> body, Template[] templates) {
    Template template = Pick.one(r, templates);
    if (!body.contains(template)) {
      body.add(template);
    }
  }

  private Template familyLine(Texts.Part part) {
    return Pick.one(r, texts.family(family, product.kind(), part));
  }

  /**
   * Turns the plan's mentions into sentences placed among the body's (never before the first, which
   * states the problem), except names that go into a greeting or a sign-off instead.
   */
  private void insertMentions(Plan plan, List<Template> body, boolean letter) {
    for (PiiType type : plan.mentions) {
      if (type == PiiType.PERSON && letter && nameInGreetingOrSignoff(plan)) {
        continue;
      }
      Template[] carriers =
          switch (plan.voice) {
            case AGENT -> texts.agentPii(type);
            case NOTE -> texts.notePii(type);
            default -> texts.customerPii(type);
          };
      body.add(body.isEmpty() ? 0 : 1 + r.nextInt(body.size()), Pick.one(r, carriers));
    }
    plan.mentions.clear();
  }

  /**
   * Whether a planned name goes into the greeting or sign-off of a letter: agents greet the
   * customer by name and sign with their own; customers sign with theirs and, in a reply, may greet
   * the agent by name.
   */
  private boolean nameInGreetingOrSignoff(Plan plan) {
    boolean agentVoice = plan.voice == Voice.AGENT;
    if (!plan.namedSignoff && (agentVoice ? plan.namedGreeting : Pick.percent(r, 55))) {
      plan.namedSignoff = true;
      return true;
    }
    if (!plan.namedGreeting && (agentVoice || plan.reply && Pick.percent(r, 50))) {
      plan.namedGreeting = true;
      return true;
    }
    return false;
  }

  private void greeting(String key, boolean named) {
    Pick.one(r, texts.get(named ? key + ".named" : key)).render(this, text);
    text.append(Pick.percent(r, 80) ? "\n\n" : "\n");
  }

  private void signoff(String key, boolean named) {
    text.append(Pick.percent(r, 85) ? "\n\n" : "\n");
    Pick.one(r, texts.get(named ? key + ".named" : key)).render(this, text);
  }

  /**
   * Sentences joined by spaces, in letters sometimes by a paragraph break; a label line ("Card:
   * 4970...") stands on a line of its own.
   */
  private void renderSentences(List<Template> sentences, boolean letter) {
    for (int i = 0; i < sentences.size(); i++) {
      if (i > 0) {
        boolean label = !sentences.get(i - 1).endsSentence() || !sentences.get(i).endsSentence();
        text.append(label ? "\n" : letter && Pick.percent(r, 30) ? "\n\n" : " ");
      }
      sentences.get(i).render(this, text);
    }
  }

  // ------------------------------------------------------------------ slots

  @Override
  public int choose(int options) {
    return r.nextInt(options);
  }

  @Override
  public void fill(Slot slot, TextBuffer out) {
    Country country = customer.country;
    switch (slot) {
      case AGENT -> out.plant(PiiType.PERSON, agent.person().first());
      case AGENT_FULL -> out.plant(PiiType.PERSON, agent.person().full());
      case FIRST -> out.plant(PiiType.PERSON, customer.person.first());
      case FULL -> out.plant(PiiType.PERSON, customer.person.full());
      case FORMAL -> {
        // The title is not personal data on its own; only the name is planted.
        out.append(title(customer.person.female())).append(' ');
        out.plant(PiiType.PERSON, customer.person.last());
      }
      case PERSON ->
          out.plant(
              PiiType.PERSON,
              Lexicon.get()
                  .names(Pick.percent(r, 80) ? localeOf(country) : Pick.one(r, NameLocale.values()))
                  .random(r)
                  .full());
      case PEER -> out.plant(PiiType.PERSON, agents.peer(desk, agent, r).person().full());
      case EMAIL -> email(out);
      case PHONE ->
          out.plant(
              PiiType.PHONE,
              Phones.format(
                  plainContact || Pick.percent(r, 60)
                      ? customer.phone()
                      : Phones.random(country, Pick.percent(r, 50), r),
                  r));
      case ADDRESS ->
          out.plant(
              PiiType.STREET_ADDRESS,
              Pick.percent(r, 75) ? customer.address() : Addresses.random(country, language, r));
      case DOB ->
          out.plant(PiiType.DATE_OF_BIRTH, Dates.format(customer.birthDate, language, country, r));
      case CARD ->
          out.plant(PiiType.CREDIT_CARD, Pick.percent(r, 70) ? customer.card() : Payments.card(r));
      case IBAN -> out.plant(PiiType.IBAN, customer.iban());
      case SSN -> out.plant(PiiType.US_SSN, NationalIds.ssn(r));
      case NIR -> {
        // Customers in France give their own number; employers give an employee's.
        boolean own = country == Country.FR;
        boolean female = own ? customer.person.female() : r.nextBoolean();
        LocalDate birth = own ? customer.birthDate : LocalDate.ofEpochDay(r.nextLong(-7000, 11000));
        out.plant(PiiType.FR_NIR, NationalIds.nir(female, birth, r));
      }
      case NINO -> out.plant(PiiType.UK_NINO, NationalIds.nino(r));
      case IP ->
          out.plant(PiiType.IP_ADDRESS, Pick.percent(r, 75) ? Network.ipv4(r) : Network.ipv6(r));
      case URL -> {
        Lexicon.Company company =
            customer.company != null
                ? customer.company
                : Pick.one(r, Lexicon.get().companies(language));
        String user = customer.person.firstAscii().charAt(0) + customer.person.lastAscii();
        out.plant(PiiType.URL_CREDENTIALS, Secrets.url(user, company.domain(), language, r));
      }
      case PASSWORD -> out.plant(PiiType.SECRET, Secrets.password(language, r));
      case TOKEN -> out.plant(PiiType.SECRET, Secrets.token(r));
      case AWS_ID -> out.plant(PiiType.SECRET, Secrets.awsKeyId(r));
      case AWS_SECRET -> out.plant(PiiType.SECRET, Secrets.awsSecret(r));
      case JWT -> out.plant(PiiType.SECRET, Secrets.jwt(r));
      case PRODUCT -> out.append(product.name());
      case OS -> out.append(dated(Lexicon.get().operatingSystems()));
      case BROWSER -> out.append(dated(Lexicon.get().browsers()));
      case COMPANY ->
          out.append(
              (customer.company != null
                      ? customer.company
                      : Pick.one(r, Lexicon.get().companies(language)))
                  .name());
      case ORDER -> out.append(Bait.order(year, r));
      case INVOICE -> out.append(Bait.invoice(year, language, r));
      case VERSION -> out.append(Bait.version(product.kind(), r));
      case ERROR -> out.append(Bait.error(product.kind(), r));
      case KB -> out.append(Bait.kb(r));
      case SERIAL -> out.append(Bait.serial(product.kind(), r));
      case DATE -> out.append(Dates.format(Bait.dayBefore(createdDay, r), language, country, r));
      case AMOUNT -> out.append(Bait.amount(country, language, r));
      case CASE_REF -> out.append(Bait.caseRef(year, r));
      case UUID -> out.append(Bait.uuid(r));
      case CHECKSUM -> out.append(Bait.checksum(r));
      case TIME -> out.append(Bait.time(language, r));
      case TRACKING -> out.append(Bait.tracking(country, r));
      case LAST4 -> out.append(Pick.digits(r, 4));
      case EXPIRY -> out.append(Bait.expiry(year, r));
      case NUMBER -> out.append(Integer.toString(Pick.between(r, 2, 9)));
      case EMOJI -> out.append(Pick.one(r, EMOJI));
      case FEMININE -> out.append(customer.person.female() ? "e" : "");
      case AGENT_FEMININE -> out.append(agent.person().female() ? "e" : "");
      case FRENCH_SPACE -> {
        int kind = r.nextInt(100);
        if (kind < 70) {
          out.append(' ');
        } else if (kind < 90) {
          out.append('\u00a0');
        } else if (kind < 95) {
          out.append('\u202f');
        }
      }
    }
  }

  /**
   * The customer's address or another one of theirs; in their own free text, one time in four
   * written so as to fool address harvesters.
   */
  private void email(TextBuffer out) {
    String address =
        plainContact || Pick.percent(r, 55) ? customer.email() : customer.otherEmail(r);
    if (!plainContact && voice == Voice.CUSTOMER && Pick.percent(r, 25)) {
      address = Emails.obfuscate(address, language, r);
    }
    out.plant(PiiType.EMAIL, address);
  }

  private String title(boolean female) {
    if (language == Language.FR) {
      return female
          ? (Pick.percent(r, 70) ? "Mme" : "Madame")
          : (Pick.percent(r, 70) ? "M." : "Monsieur");
    }
    return Pick.one(r, female ? EN_TITLES_FEMALE : EN_TITLES_MALE);
  }

  private NameLocale localeOf(Country country) {
    return language == Language.FR ? NameLocale.FR : country.names;
  }

  /** A name current in the case's year, such as the operating system of the time. */
  private String dated(Lexicon.Dated[] names) {
    int count = 0;
    for (Lexicon.Dated name : names) {
      if (name.fromYear() <= year && year <= name.toYear()) {
        count++;
      }
    }
    int pick = r.nextInt(count);
    for (Lexicon.Dated name : names) {
      if (name.fromYear() <= year && year <= name.toYear() && pick-- == 0) {
        return name.name();
      }
    }
    throw new IllegalStateException("no name current in " + year);
  }

  private static int[] yearWeights() {
    int[] weights = new int[Catalogue.LAST_YEAR - Catalogue.FIRST_YEAR + 1];
    for (int i = 0; i < weights.length; i++) {
      // Volume grows with the customer base: the last year has about three times the first.
      weights[i] = 40 + 6 * i;
    }
    return weights;
  }
}
