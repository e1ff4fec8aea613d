package dev.casevault.configaudit;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Audits configuration files: a node's {@code elasticsearch.yml} or {@code opensearch.yml}, a
 * config folder holding one, and the security plugin's {@code config.yml}, {@code roles.yml} and
 * {@code roles_mapping.yml} (in {@code opensearch-security/} beside the node's file, or given
 * alone).
 */
public final class FileAudit {
  private static final List<String> NODE_FILES = List.of("opensearch.yml", "elasticsearch.yml");
  private static final List<String> SECURITY_FOLDERS =
      List.of("opensearch-security", "securityconfig");

  private FileAudit() {}

  /** The findings of {@code path}, a file or a config folder, worst first. */
  public static List<ConfigFinding> audit(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new CaseVaultException(path + ": no such file or folder");
    }
    List<ConfigFinding> findings = new ArrayList<>();
    if (Files.isDirectory(path)) {
      boolean found = false;
      for (String name : NODE_FILES) {
        if (Files.isRegularFile(path.resolve(name))) {
          findings.addAll(auditFile(path.resolve(name)));
          found = true;
        }
      }
      if (!found) {
        throw new CaseVaultException(path + ": holds neither opensearch.yml nor elasticsearch.yml");
      }
    } else {
      findings.addAll(auditFile(path));
    }
    findings.sort(Comparator.comparing(ConfigFinding::severity));
    return findings;
  }

  private static List<ConfigFinding> auditFile(Path file) throws IOException {
    String name = String.valueOf(file.getFileName());
    List<ConfigFinding> findings = new ArrayList<>();
    switch (name) {
      case "config.yml" -> findings.addAll(NodeRules.securityConfig(FlatSettings.fromYaml(file)));
      case "roles_mapping.yml" ->
          findings.addAll(
              NodeRules.rolesMapping(FlatSettings.fromYaml(file), rolesBeside(file.getParent())));
      default -> {
        boolean openSearch = !name.contains("elasticsearch");
        findings.addAll(
            NodeRules.node(FlatSettings.fromYaml(file), true, openSearch, file.getParent(), false));
        Path folder = file.getParent() == null ? Path.of(".") : file.getParent();
        for (String securityFolder : SECURITY_FOLDERS) {
          Path security = folder.resolve(securityFolder);
          if (Files.isDirectory(security)) {
            findings.addAll(securityFolder(security));
          }
        }
      }
    }
    return findings;
  }

  private static List<ConfigFinding> securityFolder(Path folder) throws IOException {
    List<ConfigFinding> findings = new ArrayList<>();
    Path config = folder.resolve("config.yml");
    if (Files.isRegularFile(config)) {
      findings.addAll(NodeRules.securityConfig(FlatSettings.fromYaml(config)));
    }
    Path mapping = folder.resolve("roles_mapping.yml");
    if (Files.isRegularFile(mapping)) {
      findings.addAll(NodeRules.rolesMapping(FlatSettings.fromYaml(mapping), rolesBeside(folder)));
    }
    return findings;
  }

  private static Set<String> rolesBeside(Path folder) throws IOException {
    Path roles = folder == null ? Path.of("roles.yml") : folder.resolve("roles.yml");
    return Files.isRegularFile(roles)
        ? NodeRules.allPowerfulRoles(FlatSettings.fromYaml(roles))
        : Set.of();
  }
}
