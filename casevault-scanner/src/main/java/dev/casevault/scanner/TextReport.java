package dev.casevault.scanner;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The report for a person at a terminal: exposures first, most severe first, each with its reason,
 * personal data, stores and dataset; then the closed and unrecognised endpoints in one line each;
 * then the datasets found on several endpoints and a summary. Names from the scanned hosts are
 * stripped of control characters so that they cannot drive the terminal.
 */
public final class TextReport {
  private static final int MAX_STORES_SHOWN = 10;

  private TextReport() {}

  public static void write(ScanReport report, PrintWriter out) {
    Map<String, List<String>> sharing =
        report.datasets().stream()
            .filter(group -> group.endpoints().size() > 1)
            .collect(Collectors.toMap(DatasetGroup::fingerprint, DatasetGroup::endpoints));
    for (ScanResult result : report.exposures()) {
      out.printf(
          "%-8s  %s  %s  %s%s%n",
          result.severity().name(),
          result.target(),
          describe(result),
          result.verdict(),
          amounts(result.documents(), result.bytes()).isEmpty()
              ? ""
              : "  " + amounts(result.documents(), result.bytes()));
      out.println("          why: " + result.severityReason());
      for (PersonalDataFound found : result.personalData()) {
        out.printf(
            "          %s: %d sampled record%s; fields %s; e.g. %s%n",
            found.type(),
            found.records(),
            found.records() == 1 ? "" : "s",
            clean(String.join(", ", found.fields())),
            clean(found.example()));
      }
      List<StoreReport> stores = result.stores();
      for (StoreReport store : stores.subList(0, Math.min(stores.size(), MAX_STORES_SHOWN))) {
        String amounts = amounts(store.documents(), store.bytes());
        out.printf(
            "          store %s%s%s%n",
            clean(store.name()),
            amounts.isEmpty() ? "" : " (" + amounts + ")",
            store.personalData().isEmpty()
                ? ""
                : ": "
                    + store.personalData().stream()
                        .map(Enum::name)
                        .collect(Collectors.joining(", ")));
      }
      if (stores.size() > MAX_STORES_SHOWN) {
        out.printf("          ... and %d more stores%n", stores.size() - MAX_STORES_SHOWN);
      }
      if (!result.ransomIndicators().isEmpty()) {
        out.println(
            "          ransom or wipe indicators: "
                + clean(String.join(", ", result.ransomIndicators())));
      }
      if (result.dataset() != null) {
        List<String> others = sharing.get(result.dataset());
        out.println(
            "          dataset "
                + result.dataset()
                + (others == null ? "" : " (same dataset on " + String.join(", ", others) + ")"));
      }
      for (String note : result.notes()) {
        out.println("          note: " + clean(note));
      }
    }
    for (ScanResult result : report.results()) {
      if (!result.verdict().exposed()) {
        out.printf(
            "%-8s  %s  %s  %s%s%n",
            "-",
            result.target(),
            describe(result),
            result.verdict(),
            result.notes().isEmpty() ? "" : "  (" + clean(result.notes().getFirst()) + ")");
      }
    }
    for (DatasetGroup group : report.datasets()) {
      if (group.endpoints().size() > 1) {
        out.printf(
            "dataset %s on %d endpoints (%s), %d cluster id%s, %s%s%n",
            group.fingerprint(),
            group.endpoints().size(),
            String.join(", ", group.endpoints()),
            group.clusterIds().size(),
            group.clusterIds().size() == 1 ? "" : "s",
            group.documents() == null
                ? "record count unknown"
                : String.format("%,d records", group.documents()),
            group.personalData().isEmpty()
                ? ""
                : "; personal data: "
                    + group.personalData().stream()
                        .map(Enum::name)
                        .collect(Collectors.joining(", ")));
      }
    }
    out.println(summary(report));
    out.flush();
  }

  /** One line: endpoints, time, and how many of each verdict. */
  public static String summary(ScanReport report) {
    Map<Verdict, Integer> verdicts = report.verdictCounts();
    return String.format(
        "scanned %d endpoint%s in %.1f s: %d open with data, %d open metadata, %d need"
            + " credentials, %d not a known service or closed, %d errors",
        report.results().size(),
        report.results().size() == 1 ? "" : "s",
        report.took().toMillis() / 1000.0,
        verdicts.getOrDefault(Verdict.OPEN_DATA, 0),
        verdicts.getOrDefault(Verdict.OPEN_METADATA, 0),
        verdicts.getOrDefault(Verdict.AUTH_REQUIRED, 0),
        verdicts.getOrDefault(Verdict.NOT_THIS_SERVICE, 0),
        verdicts.getOrDefault(Verdict.ERROR, 0));
  }

  static String describe(ScanResult result) {
    ServiceInfo info = result.info();
    String version = info.version() == null ? "" : " " + clean(info.version());
    return result.service() + version + (result.tls() ? " (TLS)" : "");
  }

  static String amounts(Long documents, Long bytes) {
    StringBuilder text = new StringBuilder();
    if (documents != null) {
      text.append(String.format("%,d records", documents));
    }
    if (bytes != null) {
      text.append(text.isEmpty() ? "" : ", ").append(bytes(bytes));
    }
    return text.toString();
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    if (bytes < 1024L * 1024 * 1024) {
      return String.format("%.1f MiB", bytes / (1024.0 * 1024));
    }
    return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }

  /** Text from a scanned host without control or format characters. */
  static String clean(String text) {
    return text == null ? "" : text.replaceAll("[\\p{Cc}\\p{Cf}]", " ");
  }
}
