package dev.casevault.scanner;

import dev.casevault.redaction.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Severity from exposure × sensitivity × size, with the one line that explains it.
 *
 * <ul>
 *   <li>Not exposed (credentials required, nothing there, probe failed): none.
 *   <li>Metadata only: medium when the store holds records (an attacker knows what to come back
 *       for), low when it is empty.
 *   <li>Records readable by anyone: high at least. Critical when the samples hold financial data,
 *       national ids or secrets; or any personal data in a store of 1,000 records or more; or the
 *       store shows ransom-note or wiped-store names (someone has already been in).
 * </ul>
 *
 * Unlike scanners that rate an open Elasticsearch "low" because it answered, an open store of
 * personal data is never below high here: the 2019 support-records leak was five such servers.
 */
final class SeverityRules {
  /** Types whose exposure alone makes a store critical: money, identity numbers, credentials. */
  static final Set<PiiType> HIGH_RISK =
      EnumSet.of(
          PiiType.CREDIT_CARD,
          PiiType.IBAN,
          PiiType.US_SSN,
          PiiType.FR_NIR,
          PiiType.UK_NINO,
          PiiType.SECRET,
          PiiType.URL_CREDENTIALS);

  static final long MANY_RECORDS = 1_000;

  record Assessment(Severity severity, String reason) {}

  private SeverityRules() {}

  static Assessment assess(
      Verdict verdict, List<PiiType> found, Long documents, List<String> ransomIndicators) {
    String size =
        documents == null ? "record count unknown" : String.format("%,d records", documents);
    return switch (verdict) {
      case AUTH_REQUIRED ->
          new Assessment(Severity.NONE, "anonymous clients are refused: not exposed");
      case NOT_THIS_SERVICE -> new Assessment(Severity.NONE, "no known data store answered");
      case ERROR -> new Assessment(Severity.NONE, "the probe failed: exposure unknown");
      case OPEN_METADATA -> {
        boolean holdsRecords = documents != null && documents > 0;
        Severity severity = holdsRecords ? Severity.MEDIUM : Severity.LOW;
        yield new Assessment(
            severity,
            "names and counts open to anyone, records not readable × "
                + size
                + " → "
                + severity.label());
      }
      case OPEN_DATA -> {
        boolean highRisk = found.stream().anyMatch(HIGH_RISK::contains);
        boolean many = documents != null && documents >= MANY_RECORDS;
        String sensitivity =
            found.isEmpty()
                ? "no personal data in the samples"
                : (highRisk ? "high-risk personal data (" : "personal data (")
                    + found.stream().map(PiiType::name).collect(Collectors.joining(", "))
                    + ")";
        Severity severity =
            !ransomIndicators.isEmpty() || highRisk || (!found.isEmpty() && many)
                ? Severity.CRITICAL
                : Severity.HIGH;
        String ransom = ransomIndicators.isEmpty() ? "" : " × ransom or wipe indicators present";
        yield new Assessment(
            severity,
            "records open to anyone × "
                + sensitivity
                + " × "
                + size
                + ransom
                + " → "
                + severity.label());
      }
    };
  }
}
