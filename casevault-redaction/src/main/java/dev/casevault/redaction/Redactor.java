package dev.casevault.redaction;

import dev.casevault.core.Agent;
import dev.casevault.core.Customer;
import dev.casevault.core.Message;
import dev.casevault.core.Note;
import dev.casevault.core.SupportCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a case into a {@link RedactedCase}: detects personal data in every free-text field and
 * applies the policy's operator to each finding, replaces every identity field (customer name,
 * e-mail, phone, IP; agent name and e-mail; note authors that are names) by a keyed identity token,
 * and seals originals into the vault where the policy says so.
 *
 * <p>Thread-safe: one instance serves every ingest thread.
 */
public final class Redactor {
  private final PiiDetector detector;
  private final RedactionPolicy policy;
  private final KeyedTokens tokens;
  private final Vault vault;

  public Redactor(PiiDetector detector, RedactionPolicy policy, RedactionKeys keys, Vault vault) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.tokens = new KeyedTokens(keys.tokenKey());
    this.vault = Objects.requireNonNull(vault, "vault");
  }

  public RedactionPolicy policy() {
    return policy;
  }

  /**
   * The redacted case.
   *
   * @throws CaseQuarantinedException if any field could not be examined completely
   */
  public RedactedCase redact(SupportCase c) throws CaseQuarantinedException, IOException {
    Run run = new Run(c);
    String subject = run.text("subject", c.subject());
    String description = run.text("description", c.description());
    List<Message> messages = new ArrayList<>(c.messages().size());
    for (int i = 0; i < c.messages().size(); i++) {
      Message m = c.messages().get(i);
      messages.add(new Message(m.at(), m.from(), run.text("messages[" + i + "].text", m.text())));
    }
    List<Note> notes = new ArrayList<>(c.notes().size());
    for (int i = 0; i < c.notes().size(); i++) {
      Note n = c.notes().get(i);
      String author = run.author("notes[" + i + "].author", n.author());
      notes.add(
          new Note(n.at(), author, n.visibility(), run.text("notes[" + i + "].text", n.text())));
    }
    Customer customer = c.customer();
    if (customer != null) {
      customer =
          new Customer(
              run.identifier("customer.id", customer.id()),
              run.identity("customer.name", PiiType.PERSON, customer.name()),
              run.identity("customer.email", PiiType.EMAIL, customer.email()),
              run.identity("customer.phone", PiiType.PHONE, customer.phone()),
              run.identity("customer.ip", PiiType.IP_ADDRESS, customer.ip()));
    }
    Agent agent = c.agent();
    if (agent != null) {
      agent =
          new Agent(
              run.identifier("agent.id", agent.id()),
              run.identity("agent.name", PiiType.PERSON, agent.name()),
              run.identity("agent.email", PiiType.EMAIL, agent.email()));
    }
    SupportCase content =
        new SupportCase(
            c.id(),
            c.created(),
            c.updated(),
            c.status(),
            c.product(),
            c.channel(),
            c.language(),
            c.region(),
            c.team(),
            c.tags(),
            customer,
            agent,
            subject,
            description,
            messages,
            notes);
    return new RedactedCase(content, run.sealed, run.counts);
  }

  /**
   * {@code text} with every finding replaced by its placeholder, mask or nothing, but nothing
   * sealed: for texts that are not stored as cases (rejected input lines).
   *
   * @throws DetectionTimeoutException or {@link DetectionFailedException} as {@link PiiDetector}
   */
  public String redactUnsealed(String text) {
    return redactUnsealedLike(text, text);
  }

  /**
   * Like {@link #redactUnsealed}, but detects in {@code detectIn}, a view of {@code text} of the
   * same length with some characters blanked (JSON escapes in a raw input line).
   */
  public String redactUnsealedLike(String text, String detectIn) {
    if (detectIn.length() != text.length()) {
      throw new IllegalArgumentException("the detection view must have the text's length");
    }
    StringBuilder out = new StringBuilder(text.length());
    int copied = 0;
    for (Finding finding : detector.detect(detectIn)) {
      if (finding.score() < policy.minScore()) {
        continue;
      }
      out.append(text, copied, finding.start());
      out.append(replacement(finding.type(), text.substring(finding.start(), finding.end())));
      copied = finding.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  /**
   * What {@code value}, known to be of {@code type}, becomes in text under the policy (placeholder,
   * mask or drop), without sealing: for identity values of rejected input lines.
   */
  public String replaceUnsealed(PiiType type, String value) {
    return replacement(type, value);
  }

  /**
   * The identity token that {@code value} becomes in an identity field of type {@code type}, so
   * that a query for the clear value can match it: {@code EMAIL#9c1d...}.
   */
  public String identityToken(PiiType type, String value) {
    return type.name() + '#' + tokens.token(type, value);
  }

  /**
   * A keyed hash of a text the audit log must identify but not hold (a query may name a person):
   * equal texts get equal hashes under one installation's key.
   */
  public String auditHash(String text) {
    return tokens.auditHash(text);
  }

  /**
   * The form a customer or agent id takes in the store: the id itself, or its identity token when
   * the id is personal data (an e-mail used as an id), exactly as {@link #redact} stores it. Access
   * rules compare a principal's ids in this form.
   *
   * @throws DetectionTimeoutException or {@link DetectionFailedException} as {@link PiiDetector}
   */
  public String storedIdentifier(String value) {
    for (Finding finding : detector.detect(value)) {
      if (finding.score() >= policy.minScore()) {
        return identityToken(finding.type(), value);
      }
    }
    return value;
  }

  private String replacement(PiiType type, String value) {
    TypeRule rule = policy.rule(type);
    return switch (rule.operator()) {
      case REPLACE ->
          "["
              + type.name()
              + '#'
              + tokens.token(type, value).substring(0, KeyedTokens.PLACEHOLDER_HEX)
              + "]";
      case MASK -> mask(value, rule.keepLast());
      case DROP -> "[" + type.name() + "]";
    };
  }

  /** Every letter and digit but the last {@code keepLast} becomes {@code *}; separators stay. */
  static String mask(String value, int keepLast) {
    char[] chars = value.toCharArray();
    int kept = 0;
    for (int i = chars.length - 1; i >= 0; i--) {
      if (Character.isLetterOrDigit(chars[i])) {
        if (kept < keepLast) {
          kept++;
        } else {
          chars[i] = '*';
        }
      }
    }
    return new String(chars);
  }

  /** The state of redacting one case. */
  private final class Run {
    private final SupportCase original;
    private final List<SealedValue> sealed = new ArrayList<>();
    private final Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
    private Vault.SealKey key;

    Run(SupportCase original) {
      this.original = original;
    }

    String text(String field, String text) throws CaseQuarantinedException, IOException {
      if (text.isEmpty()) {
        return text;
      }
      List<Finding> findings;
      try {
        findings = detector.detect(text);
      } catch (DetectionTimeoutException | DetectionFailedException e) {
        throw new CaseQuarantinedException(field, e);
      }
      if (findings.isEmpty()) {
        return text;
      }
      StringBuilder out = new StringBuilder(text.length() + 16 * findings.size());
      int copied = 0;
      for (Finding finding : findings) {
        if (finding.score() < policy.minScore()) {
          continue;
        }
        out.append(text, copied, finding.start());
        String value = text.substring(finding.start(), finding.end());
        int at = out.length();
        out.append(replacement(finding.type(), value));
        seal(field, at, finding.type(), value);
        counts.merge(finding.type(), 1, Integer::sum);
        copied = finding.end();
      }
      return out.append(text, copied, text.length()).toString();
    }

    String identity(String field, PiiType type, String value)
        throws CaseQuarantinedException, IOException {
      if (value == null || value.isBlank()) {
        return value;
      }
      seal(field, 0, type, value);
      counts.merge(type, 1, Integer::sum);
      return identityToken(type, value);
    }

    /** Ids are kept for grouping unless they carry personal data (an e-mail used as an id). */
    String identifier(String field, String value) throws CaseQuarantinedException, IOException {
      if (value == null || value.isBlank()) {
        return value;
      }
      List<Finding> findings;
      try {
        findings = detector.detect(value);
      } catch (DetectionTimeoutException | DetectionFailedException e) {
        throw new CaseQuarantinedException(field, e);
      }
      for (Finding finding : findings) {
        if (finding.score() >= policy.minScore()) {
          return identity(field, finding.type(), value);
        }
      }
      return value;
    }

    /** A note's author is an agent id ({@code A-1159}) or a name; names become tokens. */
    String author(String field, String value) throws CaseQuarantinedException, IOException {
      if (value == null || value.isBlank()) {
        return value;
      }
      for (int i = 0; i < value.length(); i++) {
        if (Character.isWhitespace(value.charAt(i))) {
          return identity(field, PiiType.PERSON, value);
        }
      }
      return identifier(field, value);
    }

    private void seal(String field, int start, PiiType type, String value)
        throws CaseQuarantinedException, IOException {
      if (!policy.rule(type).seal()) {
        return;
      }
      if (key == null) {
        try {
          key = vault.keyFor(subject());
        } catch (Vault.ForgottenSubjectException e) {
          throw new CaseQuarantinedException(field, e);
        }
      }
      byte[] ad = SealedValue.associatedData(original.id().value(), field, start, type);
      try {
        byte[] ciphertext = key.aead().encrypt(value.getBytes(StandardCharsets.UTF_8), ad);
        sealed.add(new SealedValue(field, start, type, key.id(), ciphertext));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("AES-256-GCM failed", e);
      }
    }

    /** Whose key seals this case's values: its customer's, or the case's own without one. */
    private String subject() {
      Customer customer = original.customer();
      if (customer != null && customer.id() != null && !customer.id().isBlank()) {
        return "customer:" + customer.id();
      }
      return "case:" + original.id().value();
    }
  }
}
