package dev.casevault.scanner;

import java.util.List;
import java.util.Objects;

/**
 * The classified result for one host and port: one JSON line of the report.
 *
 * @param host the host as the operator named it (or as its range expanded)
 * @param port the port
 * @param url the URL the operator gave as the target, or null (two buckets on one host are two
 *     targets)
 * @param service the service found, or the one looked for last when none was
 * @param verdict what an anonymous client can do there
 * @param severity how urgent the fix is
 * @param severityReason one line saying why
 * @param tls whether the service was reached over TLS
 * @param info what the service said about itself
 * @param documents records in all open stores, null when unknown
 * @param bytes bytes in all open stores, null when unknown
 * @param stores the open indices, collections or buckets
 * @param personalData the types of personal data found in the samples, with redacted examples
 * @param dataset the dataset fingerprint (names, counts, structure, sampled ids); null when nothing
 *     was readable
 * @param ransomIndicators names that look like a ransom note or a wiped store
 * @param notes other facts (a security warning the service gave, what could not be read)
 */
public record ScanResult(
    String host,
    int port,
    String url,
    String service,
    Verdict verdict,
    Severity severity,
    String severityReason,
    boolean tls,
    ServiceInfo info,
    Long documents,
    Long bytes,
    List<StoreReport> stores,
    List<PersonalDataFound> personalData,
    String dataset,
    List<String> ransomIndicators,
    List<String> notes) {
  public ScanResult {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(severity, "severity");
    stores = List.copyOf(stores);
    personalData = List.copyOf(personalData);
    ransomIndicators = List.copyOf(ransomIndicators);
    notes = List.copyOf(notes);
  }

  public String authority() {
    return new Endpoint(host, port).authority();
  }

  /** What was scanned, for people: the URL target, or {@code host:port}. */
  public String target() {
    return url != null ? url : authority();
  }
}
