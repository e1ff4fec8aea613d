package dev.casevault.cli;

import dev.casevault.core.CaseVaultException;
import dev.casevault.server.BootstrapChecks;
import dev.casevault.server.BootstrapChecks.Finding;
import dev.casevault.server.BootstrapChecks.Severity;
import dev.casevault.store.opensearch.AnonymousAccessProbe;
import dev.casevault.store.opensearch.OpenSearchCaseStore;
import dev.casevault.store.opensearch.OpenSearchConfiguration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the command line reaches the OpenSearch store: its configuration (the data directory's file
 * and this process's environment, never the command line), the bootstrap checks every command runs
 * before it uses the cluster, and errors a user can act on.
 */
final class OpenSearchStores {
  private OpenSearchStores() {}

  /** The configuration of {@code dataDir}, or the one-line error saying where one goes. */
  static OpenSearchConfiguration configuration(Path dataDir) throws IOException {
    return OpenSearchConfiguration.read(dataDir, System.getenv())
        .orElseThrow(() -> new CaseVaultException(OpenSearchConfiguration.missingMessage(dataDir)));
  }

  /**
   * Opens the store once the bootstrap checks pass: https and verified certificates are already
   * guaranteed by the configuration, and no anonymous request may read casevault's indices. The
   * checks run before the store is opened, so a refused cluster is left as it was (no index is
   * created on it).
   */
  static OpenSearchCaseStore open(OpenSearchConfiguration configuration) throws IOException {
    List<Finding> errors =
        findings(configuration).stream().filter(f -> f.severity() == Severity.ERROR).toList();
    if (!errors.isEmpty()) {
      StringBuilder message = new StringBuilder("refusing to use the OpenSearch cluster:");
      errors.forEach(f -> message.append("\n  ").append(f));
      throw new CaseVaultException(message.toString());
    }
    // Its failures are StoreFailureExceptions, whose messages Main prints: no case data in them.
    return OpenSearchCaseStore.open(configuration.settings(), configuration.index());
  }

  /**
   * The OpenSearch bootstrap checks as findings, for {@code doctor} and before every use: whether
   * anonymous requests are refused on every node that answers.
   */
  static List<Finding> findings(OpenSearchConfiguration configuration) {
    List<Finding> findings = new ArrayList<>();
    AnonymousAccessProbe.Result probe =
        AnonymousAccessProbe.probe(configuration.settings(), configuration.index());
    for (AnonymousAccessProbe.Answer answer : probe.failures()) {
      findings.add(
          new Finding(
              Severity.ERROR,
              "OpenSearch " + answer.node(),
              "an anonymous request (no credentials) "
                  + answer.request()
                  + " answered HTTP "
                  + answer.status()
                  + (answer.readable()
                      ? ": anyone who can reach the cluster can read casevault's cases."
                      : ", not 401 or 403: the cluster did not refuse a request without"
                          + " credentials."),
              AnonymousAccessProbe.FIX));
    }
    boolean reachedAny = probe.answers().stream().anyMatch(AnonymousAccessProbe.Answer::reached);
    for (AnonymousAccessProbe.Answer answer : probe.unreachable()) {
      findings.add(
          new Finding(
              reachedAny ? Severity.WARNING : Severity.ERROR,
              "OpenSearch " + answer.node(),
              "could not be asked whether it refuses anonymous requests ("
                  + answer.failure()
                  + ").",
              reachedAny
                  ? "check that the node runs; the other nodes refused anonymous requests"
                  : "check the urls, the trust store and that the cluster runs"));
    }
    if (probe.refused()) {
      findings.add(
          new Finding(
              Severity.INFO,
              "OpenSearch " + configuration.index().alias(),
              "https only, certificates checked against "
                  + configuration.settings().trustStore()
                  + "; anonymous requests refused (HTTP 401/403) on every node that answered.",
              null));
    }
    return findings;
  }

  /** For {@code doctor}: a configuration that cannot be read is a finding, not a crash. */
  static List<Finding> doctorFindings(Path dataDir) {
    try {
      return findings(configuration(dataDir));
    } catch (CaseVaultException | IOException e) {
      return List.of(
          new Finding(
              BootstrapChecks.Severity.ERROR,
              "OpenSearch configuration",
              e instanceof CaseVaultException ? e.getMessage() : Main.describe(e),
              "correct it (docs/opensearch.md)"));
    }
  }
}
