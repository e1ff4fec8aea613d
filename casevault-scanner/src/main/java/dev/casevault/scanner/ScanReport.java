package dev.casevault.scanner;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every result of a scan, the datasets they share and the counts a summary needs.
 *
 * @param started when the scan started
 * @param took how long it took
 * @param results one per probed endpoint, in the order the targets were given
 */
public record ScanReport(Instant started, Duration took, List<ScanResult> results) {
  public ScanReport {
    results = List.copyOf(results);
  }

  /** Datasets by fingerprint, most endpoints first. */
  public List<DatasetGroup> datasets() {
    Map<String, List<ScanResult>> byFingerprint = new LinkedHashMap<>();
    for (ScanResult result : results) {
      if (result.dataset() != null) {
        byFingerprint.computeIfAbsent(result.dataset(), key -> new ArrayList<>()).add(result);
      }
    }
    List<DatasetGroup> groups = new ArrayList<>();
    byFingerprint.forEach(
        (fingerprint, holders) -> {
          TreeSet<String> clusters = new TreeSet<>();
          TreeSet<dev.casevault.redaction.PiiType> types = new TreeSet<>();
          List<String> endpoints = new ArrayList<>();
          for (ScanResult holder : holders) {
            endpoints.add(holder.target());
            if (holder.info().clusterId() != null) {
              clusters.add(holder.info().clusterId());
            }
            holder.personalData().forEach(found -> types.add(found.type()));
          }
          groups.add(
              new DatasetGroup(
                  fingerprint,
                  endpoints,
                  List.copyOf(clusters),
                  holders.getFirst().documents(),
                  List.copyOf(types)));
        });
    groups.sort((a, b) -> Integer.compare(b.endpoints().size(), a.endpoints().size()));
    return groups;
  }

  public Map<Verdict, Integer> verdictCounts() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (ScanResult result : results) {
      counts.merge(result.verdict(), 1, Integer::sum);
    }
    return counts;
  }

  public Map<Severity, Integer> severityCounts() {
    Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
    for (ScanResult result : results) {
      counts.merge(result.severity(), 1, Integer::sum);
    }
    return counts;
  }

  /** The exposed results, most severe first. */
  public List<ScanResult> exposures() {
    List<ScanResult> exposed = new ArrayList<>();
    for (ScanResult result : results) {
      if (result.verdict().exposed()) {
        exposed.add(result);
      }
    }
    exposed.sort((a, b) -> a.severity().compareTo(b.severity()));
    return exposed;
  }
}
