package dev.casevault.cli;

import dev.casevault.access.AccessPolicy;
import dev.casevault.access.LocalUsers;
import dev.casevault.core.CaseVaultException;
import dev.casevault.server.BootstrapChecks;
import dev.casevault.server.ServerSettings;
import dev.casevault.server.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the checks that casevault serve runs before starting, plus certificate expiry",
      "and key age, without starting anything; with the OpenSearch store, also the",
      "cluster's (https, verified certificates, no anonymous reads).",
      "Exit code 1 when a check fails."
    })
final class DoctorCommand implements Callable<Integer> {
  @Mixin DataOptions data;

  @Override
  public Integer call() throws Exception {
    Path folder = data.folder();
    if (!Files.isDirectory(folder)) {
      throw new CaseVaultException("no data directory " + folder);
    }
    List<BootstrapChecks.Finding> findings = findings(folder, data.store());
    for (BootstrapChecks.Finding finding : findings) {
      System.out.println(finding);
    }
    long errors =
        findings.stream().filter(f -> f.severity() == BootstrapChecks.Severity.ERROR).count();
    System.out.println(
        errors == 0 ? "no problem that would stop casevault serve" : errors + " error(s)");
    return errors == 0 ? 0 : 1;
  }

  /**
   * What the checks find in the data directory {@code folder} on {@code store} (also for
   * audit-config).
   */
  static List<BootstrapChecks.Finding> findings(Path folder, DataOptions.Store store)
      throws java.io.IOException {
    List<BootstrapChecks.Finding> findings = new ArrayList<>();
    ServerSettings settings = ServerSettings.defaults();
    try {
      settings = ServerSettings.of(folder);
    } catch (CaseVaultException e) {
      findings.add(finding(ServerSettings.FILE, e.getMessage(), "correct the file"));
    }
    try {
      Path policy =
          settings.accessPolicy() != null
              ? settings.accessPolicy()
              : folder.resolve("access-policy.json");
      if (Files.exists(policy)) {
        AccessPolicy.read(policy);
      }
    } catch (CaseVaultException e) {
      findings.add(finding("access policy", e.getMessage(), "correct the policy file"));
    }
    TlsMaterial tls = null;
    if (Files.exists(folder.resolve(TlsMaterial.FOLDER))
        || settings.tlsCertificate() != null
        || settings.tlsPkcs12() != null) {
      try {
        tls = tlsOf(folder, settings);
      } catch (CaseVaultException e) {
        findings.add(finding("TLS", e.getMessage(), "fix the certificate files"));
      }
    }
    LocalUsers users =
        LocalUsers.open(folder.resolve("auth").resolve("users.json"), Clock.systemUTC());
    findings.addAll(
        BootstrapChecks.doctor(
            folder, settings, users, BootstrapChecks.runningAsRoot(), tls, Clock.systemUTC()));
    if (store == DataOptions.Store.OPENSEARCH) {
      findings.addAll(OpenSearchStores.doctorFindings(folder));
    }
    return findings;
  }

  private static TlsMaterial tlsOf(Path folder, ServerSettings settings)
      throws java.io.IOException {
    if (settings.tlsCertificate() != null) {
      return TlsMaterial.fromPem(settings.tlsCertificate(), settings.tlsPrivateKey(), null);
    }
    if (settings.tlsPkcs12() != null) {
      return TlsMaterial.fromPkcs12(settings.tlsPkcs12(), settings.tlsPkcs12PasswordFile());
    }
    return TlsMaterial.existingIn(folder);
  }

  private static BootstrapChecks.Finding finding(String subject, String problem, String fix) {
    return new BootstrapChecks.Finding(BootstrapChecks.Severity.ERROR, subject, problem, fix);
  }
}
