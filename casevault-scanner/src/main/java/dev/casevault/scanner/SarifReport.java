package dev.casevault.scanner;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report as SARIF 2.1.0 for code-scanning tools: one result per exposed endpoint. Rules are per
 * exposure and severity ({@code open-data/critical}, {@code open-metadata/medium}...) because
 * code-scanning tools read the severity from the rule's {@code security-severity}; each result
 * carries its own too. {@code partialFingerprints} identify the endpoint (service, host, port) and
 * the dataset, so the same exposure is one alert across runs. Written by Jackson from records.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
          .configure(SerializationFeature.INDENT_OUTPUT, true)
          .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

  private static final Set<Severity> REPORTED =
      Set.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW);

  private SarifReport() {}

  record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

  record Run(Tool tool, List<Invocation> invocations, List<Result> results) {}

  record Tool(Driver driver) {}

  record Driver(String name, String version, String informationUri, List<Rule> rules) {}

  record Rule(
      String id,
      String name,
      Message shortDescription,
      Message fullDescription,
      Message help,
      Configuration defaultConfiguration,
      Map<String, Object> properties) {}

  record Configuration(String level) {}

  record Message(String text) {}

  record Invocation(boolean executionSuccessful, String startTimeUtc, String endTimeUtc) {}

  record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      Map<String, String> partialFingerprints,
      Map<String, Object> properties) {}

  record Location(PhysicalLocation physicalLocation) {}

  record PhysicalLocation(ArtifactLocation artifactLocation) {}

  record ArtifactLocation(String uri) {}

  public static void write(ScanReport report, OutputStream out) throws IOException {
    JSON.writeValue(out, log(report));
    out.write('\n');
    out.flush();
  }

  static Log log(ScanReport report) {
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    for (Verdict verdict : List.of(Verdict.OPEN_DATA, Verdict.OPEN_METADATA)) {
      for (Severity severity : Severity.values()) {
        if (REPORTED.contains(severity)) {
          ruleIndex.put(ruleId(verdict, severity), rules.size());
          rules.add(rule(verdict, severity));
        }
      }
    }
    List<Result> results = new ArrayList<>();
    for (ScanResult scanned : report.exposures()) {
      if (!REPORTED.contains(scanned.severity())) {
        continue;
      }
      String id = ruleId(scanned.verdict(), scanned.severity());
      Map<String, String> fingerprints = new LinkedHashMap<>();
      fingerprints.put(
          "endpoint/v1",
          Classifier.sha256(
              scanned.service()
                  + "\n"
                  + scanned.host()
                  + "\n"
                  + scanned.port()
                  + "\n"
                  + scanned.url()));
      if (scanned.dataset() != null) {
        fingerprints.put("dataset/v1", scanned.dataset());
      }
      Map<String, Object> properties = new LinkedHashMap<>();
      properties.put("security-severity", score(scanned.severity()));
      properties.put("service", scanned.service());
      properties.put("verdict", scanned.verdict().name());
      if (scanned.documents() != null) {
        properties.put("documents", scanned.documents());
      }
      properties.put(
          "personalDataTypes",
          scanned.personalData().stream().map(found -> found.type().name()).toList());
      properties.put(
          "stores", scanned.stores().stream().map(StoreReport::name).limit(100).toList());
      if (!scanned.ransomIndicators().isEmpty()) {
        properties.put("ransomIndicators", scanned.ransomIndicators());
      }
      results.add(
          new Result(
              id,
              ruleIndex.get(id),
              level(scanned.severity()),
              new Message(message(scanned)),
              List.of(new Location(new PhysicalLocation(new ArtifactLocation(uri(scanned))))),
              fingerprints,
              properties));
    }
    Run run =
        new Run(
            new Tool(new Driver("casevault-scanner", "0.1.0", null, rules)),
            List.of(
                new Invocation(
                    true,
                    report.started().toString(),
                    report.started().plus(report.took()).toString())),
            results);
    return new Log(SCHEMA, "2.1.0", List.of(run));
  }

  static String ruleId(Verdict verdict, Severity severity) {
    String exposure = verdict == Verdict.OPEN_DATA ? "open-data" : "open-metadata";
    return exposure + "/" + severity.label();
  }

  private static Rule rule(Verdict verdict, Severity severity) {
    boolean data = verdict == Verdict.OPEN_DATA;
    String title =
        data
            ? "Data store readable without credentials"
            : "Data store metadata readable without credentials";
    String full =
        data
            ? "An anonymous client read stored records (severity "
                + severity.label()
                + ": see the result's message for exposure × sensitivity × size)."
            : "An anonymous client read the store's names, counts or version, but no records"
                + " (severity "
                + severity.label()
                + ").";
    String help =
        "Require authentication on the service, bind it to a private address or loopback,"
            + " and put TLS in front of it. Then check who read the data while it was open.";
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("security-severity", score(severity));
    properties.put("tags", List.of("security", "exposure", data ? "data" : "metadata"));
    return new Rule(
        ruleId(verdict, severity),
        (data ? "OpenDataStore" : "OpenMetadataStore") + capitalised(severity.label()),
        new Message(title),
        new Message(full),
        new Message(help),
        new Configuration(level(severity)),
        properties);
  }

  private static String capitalised(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static String score(Severity severity) {
    return String.format(java.util.Locale.ROOT, "%.1f", severity.score());
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, NONE -> "note";
    };
  }

  private static String message(ScanResult scanned) {
    StringBuilder text =
        new StringBuilder()
            .append(TextReport.describe(scanned))
            .append(" at ")
            .append(scanned.target())
            .append(": ")
            .append(scanned.severityReason());
    if (!scanned.personalData().isEmpty()) {
      text.append(". Personal data in samples: ")
          .append(
              String.join(
                  ", ",
                  scanned.personalData().stream()
                      .map(PersonalDataFound::type)
                      .map(PiiType::name)
                      .toList()));
    }
    if (scanned.dataset() != null) {
      text.append(". Dataset ").append(scanned.dataset());
    }
    return text.append('.').toString();
  }

  /** Where the exposure is: the service's address as a URI. */
  static String uri(ScanResult scanned) {
    if (scanned.url() != null) {
      return scanned.url();
    }
    String scheme =
        switch (scanned.service()) {
          case "elasticsearch", "opensearch", "kibana", "solr", "couchdb", "s3" ->
              scanned.tls() ? "https" : "http";
          default -> scanned.service();
        };
    return scheme + "://" + scanned.authority() + "/";
  }
}
