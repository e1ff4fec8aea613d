package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import dev.casevault.redaction.PiiDetector;
import dev.casevault.scanner.Endpoint;
import dev.casevault.scanner.HtmlReport;
import dev.casevault.scanner.JsonLinesReport;
import dev.casevault.scanner.Probe;
import dev.casevault.scanner.Probes;
import dev.casevault.scanner.SarifReport;
import dev.casevault.scanner.ScanReport;
import dev.casevault.scanner.ScanSettings;
import dev.casevault.scanner.Scanner;
import dev.casevault.scanner.Targets;
import dev.casevault.scanner.TextReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Checks your own hosts for data stores that anyone can read: Elasticsearch and",
      "OpenSearch, Kibana, Solr, CouchDB, S3-style buckets, Redis, memcached, MongoDB and",
      "Cassandra. Each endpoint gets a verdict",
      "(OPEN_DATA, OPEN_METADATA, AUTH_REQUIRED, NOT_THIS_SERVICE, ERROR); open stores are",
      "listed with their counts, the personal-data types found in at most 3 sampled records",
      "per store (types and shapes only, never values), a dataset fingerprint and a severity.",
      "",
      "TARGETS are hosts, IP addresses, host:port, CIDR ranges (at most 65,536 addresses",
      "each) or http(s) URLs; nothing else is scanned. Requests are read-only, anonymous,",
      "paced and bounded (docs/scanner.md). Scan only hosts you are responsible for.",
      "",
      "Exit status: 0 nothing exposed, 5 something exposed, 1 error, 2 bad command line."
    })
final class ScanCommand implements Callable<Integer> {
  static final int EXPOSED = 5;

  enum Format {
    text,
    json,
    sarif,
    html
  }

  @Parameters(
      arity = "0..*",
      paramLabel = "TARGETS",
      description = "Hosts, addresses, ranges, URLs.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--targets-file",
      paramLabel = "FILE",
      description = "More targets, one per line (blank lines and # comments ignored).")
  Path targetsFile;

  @Option(
      names = "--ports",
      paramLabel = "LIST",
      description =
          "Ports of targets given without one, e.g. 9200,6379,9000-9010 (default: every probe's"
              + " usual ports).")
  String ports;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "text, json (one line per endpoint), sarif or html (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report here (owner-only).")
  Path out;

  @Option(names = "--dry-run", description = "List what would be probed, and send nothing.")
  boolean dryRun;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "4",
      description = "Endpoints probed at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "N",
      defaultValue = "20",
      description = "Most requests per second over the whole scan (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "10",
      description = "Wait for each reply at most this long (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  @Override
  public Integer call() throws Exception {
    List<Probe> probes = Probes.standard();
    List<Endpoint> endpoints = endpoints(probes);
    if (dryRun) {
      PrintWriter stdout = stdout();
      for (Endpoint endpoint : endpoints) {
        stdout.println(endpoint);
      }
      stdout.printf(
          "dry run: %,d endpoints would be probed (probes: %s); nothing was sent%n",
          endpoints.size(), String.join(", ", probes.stream().map(Probe::service).toList()));
      stdout.flush();
      return 0;
    }
    ScanSettings settings;
    try {
      Duration read = Duration.ofMillis((long) (timeoutSeconds * 1000));
      settings =
          ScanSettings.defaults()
              .withConcurrency(concurrency)
              .withRequestsPerSecond(rate)
              .withTimeouts(ScanSettings.defaults().connectTimeout(), read);
    } catch (IllegalArgumentException e) {
      throw new CaseVaultException(e.getMessage());
    }
    Progress progress = new Progress("scan", Duration.ofSeconds(2));
    AtomicInteger exposed = new AtomicInteger();
    ScanReport report;
    try (Scanner scanner = new Scanner(probes, settings, PiiDetector.standard())) {
      report =
          scanner.scanAll(
              endpoints,
              (result, done, total) -> {
                if (result.verdict().exposed()) {
                  exposed.incrementAndGet();
                }
                progress.update(
                    String.format("%,d of %,d endpoints, %,d exposed", done, total, exposed.get()));
              });
    }
    progress.done();
    try (OutputStream sink = open()) {
      switch (format) {
        case text -> {
          PrintWriter writer = writer(sink);
          TextReport.write(report, writer);
        }
        case json -> JsonLinesReport.write(report, sink);
        case sarif -> SarifReport.write(report, sink);
        case html -> HtmlReport.write(report, writer(sink));
      }
      sink.flush();
    }
    if (format != Format.text || out != null) {
      System.err.println(TextReport.summary(report));
      if (out != null) {
        System.err.println("report: " + out);
      }
    }
    boolean anyExposed = report.results().stream().anyMatch(result -> result.verdict().exposed());
    return anyExposed ? EXPOSED : 0;
  }

  private List<Endpoint> endpoints(List<Probe> probes) throws IOException {
    List<String> all = new ArrayList<>(targets);
    if (targetsFile != null) {
      for (String line : Files.readAllLines(targetsFile, StandardCharsets.UTF_8)) {
        String target = line.strip();
        if (!target.isEmpty() && !target.startsWith("#")) {
          all.add(target);
        }
      }
    }
    if (all.isEmpty()) {
      throw new CaseVaultException("no targets: name hosts, ranges or URLs, or --targets-file");
    }
    try {
      List<Integer> portList = ports == null ? Probes.defaultPorts(probes) : Targets.ports(ports);
      return Targets.parse(all, portList);
    } catch (IllegalArgumentException e) {
      // The messages name the operator's own target, never anything a host sent.
      throw new CaseVaultException(e.getMessage());
    }
  }

  private PrintWriter stdout() {
    return new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
  }

  private static PrintWriter writer(OutputStream sink) {
    return new PrintWriter(new OutputStreamWriter(sink, StandardCharsets.UTF_8), false);
  }

  /** The report's destination: --out (created owner-only, replaced), or stdout left open. */
  private OutputStream open() throws IOException {
    if (out == null) {
      return new BufferedOutputStream(System.out) {
        @Override
        public void close() throws IOException {
          flush();
        }
      };
    }
    Files.deleteIfExists(out);
    Files.createFile(
        out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    return new BufferedOutputStream(
        Files.newOutputStream(out, StandardOpenOption.TRUNCATE_EXISTING));
  }
}
