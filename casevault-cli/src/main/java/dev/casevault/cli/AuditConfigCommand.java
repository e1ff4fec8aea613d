package dev.casevault.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.casevault.configaudit.ClusterAudit;
import dev.casevault.configaudit.ConfigFinding;
import dev.casevault.configaudit.FileAudit;
import dev.casevault.configaudit.Severity;
import dev.casevault.core.CaseVaultException;
import dev.casevault.server.BootstrapChecks;
import dev.casevault.server.ServerSettings;
import dev.casevault.store.opensearch.OpenSearchConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "audit-config",
    mixinStandardHelpOptions = true,
    description = {
      "Checks configuration for the settings that leave data open: security disabled,",
      "anonymous access, plain HTTP beyond loopback, demo certificates, wildcard all-access",
      "roles, CORS *, the default compliance salt (docs/scanner.md).",
      "",
      "TARGET is an elasticsearch.yml or opensearch.yml (the security plugin's files beside it",
      "are read too), a node's config folder, the security plugin's config.yml or",
      "roles_mapping.yml, a casevault data directory (the checks of casevault doctor), or a",
      "live cluster's https:// URL. A live cluster is first asked as a stranger; with --user",
      "(password from $CASEVAULT_AUDIT_PASSWORD, never the command line) its nodes' settings",
      "and security configuration are read too. Only GET requests are sent.",
      "",
      "Exit status: 0 nothing critical or high, 5 a critical or high finding, 1 error,",
      "2 bad command line."
    })
final class AuditConfigCommand implements Callable<Integer> {
  static final String PASSWORD_VARIABLE = "CASEVAULT_AUDIT_PASSWORD";

  enum Format {
    text,
    json
  }

  @Parameters(arity = "1..*", paramLabel = "TARGET", description = "Files, folders or URLs.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (one object per finding) (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(
      names = "--cacert",
      paramLabel = "PEM",
      description = "The CA certificate(s) a live cluster's TLS certificate is checked against.")
  Path caCertificates;

  @Option(
      names = "--user",
      paramLabel = "USER",
      description = "Read the cluster's settings as this user (an admin sees the security API).")
  String user;

  @Option(names = "--debug", description = "Print stack traces of errors.")
  boolean debug;

  /** One finding, whichever auditor made it. */
  record Item(
      Severity severity,
      String rule,
      String target,
      String location,
      String problem,
      String evidence,
      String fix) {}

  @Override
  public Integer call() throws Exception {
    List<Item> items = new ArrayList<>();
    for (String target : targets) {
      items.addAll(audit(target));
    }
    items.sort(Comparator.comparing(Item::severity));
    if (format == Format.json) {
      ObjectMapper json = new ObjectMapper();
      for (Item item : items) {
        ObjectNode line = json.valueToTree(item);
        System.out.println(json.writeValueAsString(line));
      }
    } else {
      for (Item item : items) {
        System.out.println(
            item.severity()
                + " "
                + item.rule()
                + " at "
                + item.location()
                + ": "
                + item.problem()
                + (item.evidence().isEmpty() ? "" : " (" + item.evidence() + ")"));
        System.out.println("    fix: " + item.fix());
      }
      System.out.println(summary(items));
    }
    boolean serious =
        items.stream()
            .anyMatch(i -> i.severity() == Severity.CRITICAL || i.severity() == Severity.HIGH);
    return serious ? ScanCommand.EXPOSED : 0;
  }

  private static String summary(List<Item> items) {
    if (items.isEmpty()) {
      return "no finding";
    }
    StringBuilder counts = new StringBuilder();
    for (Severity severity : Severity.values()) {
      long n = items.stream().filter(i -> i.severity() == severity).count();
      if (n > 0) {
        counts.append(counts.isEmpty() ? "" : ", ").append(n).append(' ').append(severity);
      }
    }
    return items.size() + " finding(s): " + counts;
  }

  private List<Item> audit(String target) throws IOException {
    if (target.startsWith("https://") || target.startsWith("http://")) {
      return fromConfig(target, ClusterAudit.audit(URI.create(target), tls(), credentials()));
    }
    Path path = Path.of(target);
    if (Files.isDirectory(path) && isCasevaultData(path)) {
      DataOptions.Store store =
          OpenSearchConfiguration.fileExists(path)
              ? DataOptions.Store.OPENSEARCH
              : DataOptions.Store.LUCENE;
      return fromDoctor(path, DoctorCommand.findings(path, store));
    }
    return fromConfig(target, FileAudit.audit(path));
  }

  /** A casevault data directory: it has casevault's own settings, keys or audit log. */
  private static boolean isCasevaultData(Path folder) {
    return Files.exists(folder.resolve(ServerSettings.FILE))
        || Files.isDirectory(folder.resolve("audit"))
        || Files.isDirectory(folder.resolve("keys"));
  }

  private static List<Item> fromConfig(String target, List<ConfigFinding> findings) {
    return findings.stream()
        .map(
            f ->
                new Item(
                    f.severity(),
                    f.rule().id(),
                    target,
                    f.location(),
                    f.rule().title(),
                    f.evidence(),
                    f.rule().fix()))
        .toList();
  }

  /** casevault's own checks: an error would stop serve (high), a warning is medium. */
  private static List<Item> fromDoctor(Path folder, List<BootstrapChecks.Finding> findings) {
    return findings.stream()
        .map(
            f ->
                new Item(
                    f.severity() == BootstrapChecks.Severity.ERROR
                        ? Severity.HIGH
                        : Severity.MEDIUM,
                    "casevault-" + f.severity().name().toLowerCase(java.util.Locale.ROOT),
                    folder.toString(),
                    folder + ": " + f.subject(),
                    f.problem(),
                    "",
                    f.fix() == null ? "" : f.fix()))
        .toList();
  }

  private ClusterAudit.Credentials credentials() {
    if (user == null) {
      return null;
    }
    String password = System.getenv(PASSWORD_VARIABLE);
    if (password == null || password.isEmpty()) {
      throw new CaseVaultException(
          "--user needs the password in $" + PASSWORD_VARIABLE + " (never on the command line)");
    }
    return new ClusterAudit.Credentials(user, password.toCharArray());
  }

  private SSLContext tls() {
    try {
      if (caCertificates == null) {
        return SSLContext.getDefault();
      }
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      try (InputStream in = Files.newInputStream(caCertificates)) {
        int i = 0;
        for (Certificate certificate :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trusted.setCertificateEntry("ca-" + i++, certificate);
        }
        if (i == 0) {
          throw new CaseVaultException(caCertificates + ": no certificate in it");
        }
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new CaseVaultException(
          "cannot read the CA certificates " + caCertificates + ": " + e.getMessage());
    }
  }
}
