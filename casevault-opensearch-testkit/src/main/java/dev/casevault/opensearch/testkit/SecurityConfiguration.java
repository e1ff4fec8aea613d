package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The security plugin's configuration files ({@code config/opensearch-security/*.yml}), which the
 * plugin loads into its index at the cluster's first start ({@code
 * plugins.security.allow_default_init_securityindex}). None of the plugin's demo content is used:
 * two users, each with a password made for this run and stored as a BCrypt hash.
 *
 * <ul>
 *   <li>{@code admin}: mapped to {@code all_access}, for test setup;
 *   <li>{@code casevault}: casevault's service identity, with the production role {@value
 *       #SERVICE_ROLE} exactly as docs/opensearch.md documents it ({@link #SERVICE_ROLE_YAML},
 *       which a test compares with the document), and role {@value #TEST_HOUSEKEEPING_ROLE}:
 *       deleting indices and changing their settings, on {@value #TEST_INDICES} only. So a test
 *       passes on the documented role or fails with a 403.
 * </ul>
 *
 * No anonymous access: every request authenticates with HTTP Basic against the internal users.
 * Except when asked for a misconfigured cluster ({@code anonymousReads}): then anonymous
 * authentication is on and the anonymous backend role reads {@value #SERVICE_INDICES} (role {@value
 * #ANONYMOUS_ROLE}), as a careless installation would have it, for the tests of casevault's
 * bootstrap checks that refuse such a cluster.
 */
final class SecurityConfiguration {
  static final String ADMIN_USER = "admin";
  static final String SERVICE_USER = "casevault";
  static final String SERVICE_ROLE = "casevault_service";
  static final String SERVICE_INDICES = "casevault-*";
  static final String TEST_HOUSEKEEPING_ROLE = "casevault_test_housekeeping";
  static final String TEST_INDICES = "casevault-test-*";
  static final String INDEX_TEMPLATES_ROLE = "casevault_test_index_templates";
  static final String ANONYMOUS_ROLE = "careless_anonymous_reader";
  private static final int BCRYPT_COST = 12;

  /**
   * The role casevault's service user needs in production, as docs/opensearch.md quotes it (section
   * "The service user's role"), comments and all: {@code DocumentedServiceRoleTest} fails when the
   * two differ.
   */
  static final String SERVICE_ROLE_YAML =
      """
      casevault_service:
        cluster_permissions:
          - "indices:data/write/bulk"
          - "cluster:monitor/health"            # the first start counts data nodes before creating the index
        index_permissions:
          - index_patterns: ["casevault-*"]
            allowed_actions:
              - "crud"                          # index, search, count
              - "create_index"                  # the first start creates the index
              - "manage_aliases"                # the alias is read through itself: GET /<alias>/_alias
              - "indices:admin/refresh*"        # commit()
              - "indices:admin/analyze"         # query words through the index's own chains
              - "indices:admin/mappings/get"    # the mapping version check at open
              - "indices:monitor/settings/get"  # the refresh-interval check at open
              - "indices:monitor/stats"         # stats()
      """;

  private SecurityConfiguration() {}

  static String newPassword(SecureRandom random) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** BCrypt as the plugin stores it ({@code $2y$12$...}). */
  static String bcrypt(String password, SecureRandom random) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, BCRYPT_COST);
  }

  static void write(
      Path folder,
      String adminHash,
      String serviceHash,
      boolean serviceIndexTemplates,
      boolean anonymousReads)
      throws IOException {
    Files.createDirectories(folder);
    write(
        folder.resolve("config.yml"),
        """
        _meta:
          type: "config"
          config_version: 2
        config:
          dynamic:
            http:
              anonymous_auth_enabled: %s
              xff:
                enabled: false
            authc:
              basic_internal_auth_domain:
                description: "HTTP Basic against the internal users of this test cluster"
                http_enabled: true
                transport_enabled: true
                order: 0
                http_authenticator:
                  type: "basic"
                  challenge: true
                authentication_backend:
                  type: "intern"
        """
            .formatted(anonymousReads));
    write(
        folder.resolve("internal_users.yml"),
        """
        _meta:
          type: "internalusers"
          config_version: 2
        %s:
          hash: "%s"
          reserved: true
          description: "Test setup: all_access"
        %s:
          hash: "%s"
          reserved: true
          description: "casevault's service identity"
        """
            .formatted(ADMIN_USER, adminHash, SERVICE_USER, serviceHash));
    write(
        folder.resolve("roles.yml"),
        """
        _meta:
          type: "roles"
          config_version: 2
        %s\
        %s:
          reserved: true
          description: "Tests only: the tests' own housekeeping, on their own indices"
          index_permissions:
            - index_patterns: ["%s"]
              allowed_actions: ["indices:admin/delete", "indices:admin/settings/update"]
        %s%s"""
            .formatted(
                SERVICE_ROLE_YAML,
                TEST_HOUSEKEEPING_ROLE,
                TEST_INDICES,
                serviceIndexTemplates ? indexTemplatesRole() : "",
                anonymousReads ? anonymousRole() : ""));
    write(
        folder.resolve("roles_mapping.yml"),
        """
        _meta:
          type: "rolesmapping"
          config_version: 2
        all_access:
          reserved: true
          users:
            - "%s"
        %s:
          reserved: true
          users:
            - "%s"
        %s:
          reserved: true
          users:
            - "%s"
        %s%s"""
            .formatted(
                ADMIN_USER,
                SERVICE_ROLE,
                SERVICE_USER,
                TEST_HOUSEKEEPING_ROLE,
                SERVICE_USER,
                serviceIndexTemplates
                    ? """
                    %s:
                      reserved: true
                      users:
                        - "%s"
                    """
                        .formatted(INDEX_TEMPLATES_ROLE, SERVICE_USER)
                    : "",
                anonymousReads
                    ? """
                    %s:
                      reserved: true
                      backend_roles:
                        - "opendistro_security_anonymous_backendrole"
                    """
                        .formatted(ANONYMOUS_ROLE)
                    : ""));
    write(folder.resolve("action_groups.yml"), meta("actiongroups"));
    write(folder.resolve("tenants.yml"), meta("tenants"));
    write(folder.resolve("nodes_dn.yml"), meta("nodesdn"));
    write(folder.resolve("allowlist.yml"), meta("allowlist") + "config:\n  enabled: false\n");
    write(folder.resolve("audit.yml"), meta("audit") + "config:\n  enabled: false\n");
  }

  /**
   * Index templates, for a backend that needs them: cluster-wide actions the plugin cannot limit to
   * {@value #SERVICE_INDICES}, hence a role of their own that widens the service user's rights.
   */
  private static String indexTemplatesRole() {
    return """
        %s:
          reserved: true
          description: "Index templates: cluster-wide"
          cluster_permissions:
            - "cluster_manage_index_templates"
        """
        .formatted(INDEX_TEMPLATES_ROLE);
  }

  /** Read access to casevault's indices for anyone: what casevault's bootstrap checks refuse. */
  private static String anonymousRole() {
    return """
        %s:
          reserved: true
          description: "A careless installation: anyone may read casevault's indices"
          cluster_permissions:
            - "cluster_composite_ops_ro"
          index_permissions:
            - index_patterns:
                - "%s"
              allowed_actions:
                - "read"
                - "indices_monitor"
        """
        .formatted(ANONYMOUS_ROLE, SERVICE_INDICES);
  }

  private static String meta(String type) {
    return "_meta:\n  type: \"" + type + "\"\n  config_version: 2\n";
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
