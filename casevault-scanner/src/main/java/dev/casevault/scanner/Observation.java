package dev.casevault.scanner;

import java.util.List;
import java.util.Objects;

/**
 * What one probe saw on one endpoint, before classification.
 *
 * @param service the service it found (or looked for, when it found nothing)
 * @param verdict what an anonymous client can do there
 * @param tls whether the conversation was over TLS
 * @param info what the service said about itself
 * @param stores the indices, collections or buckets found open, with their samples
 * @param notes facts worth a line in the report (a security warning the service gave, a store that
 *     could not be sampled); never record content
 */
public record Observation(
    String service,
    Verdict verdict,
    boolean tls,
    ServiceInfo info,
    List<StoreSample> stores,
    List<String> notes) {
  public Observation {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(verdict, "verdict");
    info = info == null ? ServiceInfo.UNKNOWN : info;
    stores = List.copyOf(stores);
    notes = List.copyOf(notes);
  }

  public static Observation notThisService(String service) {
    return new Observation(
        service, Verdict.NOT_THIS_SERVICE, false, ServiceInfo.UNKNOWN, List.of(), List.of());
  }

  public static Observation authRequired(
      String service, boolean tls, ServiceInfo info, String note) {
    return new Observation(service, Verdict.AUTH_REQUIRED, tls, info, List.of(), List.of(note));
  }

  public static Observation error(String service, boolean tls, String note) {
    return new Observation(
        service, Verdict.ERROR, tls, ServiceInfo.UNKNOWN, List.of(), List.of(note));
  }
}
