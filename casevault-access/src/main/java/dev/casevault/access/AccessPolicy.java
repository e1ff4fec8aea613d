package dev.casevault.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.core.CaseField;
import dev.casevault.core.CaseQuery;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.JsonDocuments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Who may do what with which cases and fields: a versioned, validated policy file compiled into an
 * immutable snapshot. {@link #scope} turns a principal's roles into the {@link AccessScope} a read
 * runs under.
 *
 * <p>Deny by default: a principal sees nothing unless one of its roles (or the policy's default
 * roles) grants the permission, and a case rule that compares a case field with an attribute the
 * principal lacks matches no case. Rules are compiled into a {@link CaseQuery} tree, never into
 * query text, so no attribute value can change the shape of a filter.
 *
 * <p>Roles add up: the scope of a permission covers the cases of every role that grants it, and
 * shows the fields of every such role in all of them. Give one principal roles whose field grants
 * agree (see docs/security.md).
 */
public final class AccessPolicy {
  /** Principal attributes a case rule may compare with. */
  public static final Set<String> ATTRIBUTES =
      Set.of("team", "region", "product", "customer", "agent");

  /** Case fields a case rule may test. */
  private static final Map<String, CaseField> RULE_FIELDS =
      fieldsByName(
          CaseField.ID,
          CaseField.TEAM,
          CaseField.REGION,
          CaseField.PRODUCT,
          CaseField.CHANNEL,
          CaseField.LANGUAGE,
          CaseField.STATUS,
          CaseField.TAGS,
          CaseField.CUSTOMER_ID,
          CaseField.AGENT_ID);

  /**
   * Fields a role may show beyond the {@link AccessScope#HEADER_FIELDS}; identity fields come with
   * {@code "identities": true} instead.
   */
  private static final Map<String, CaseField> GRANTABLE_FIELDS =
      fieldsByName(
          CaseField.REGION,
          CaseField.TEAM,
          CaseField.TAGS,
          CaseField.CUSTOMER_ID,
          CaseField.AGENT_ID,
          CaseField.SUBJECT,
          CaseField.DESCRIPTION,
          CaseField.MESSAGES,
          CaseField.INTERNAL_NOTES,
          CaseField.CONFIDENTIAL_NOTES);

  /** Permissions that read case data, and so take a scope. */
  private static final Set<Permission> CASE_READS =
      EnumSet.of(Permission.SEARCH, Permission.READ, Permission.EXPORT, Permission.REVEAL);

  private static final Set<String> TOP_LEVEL_KEYS = Set.of("version", "default_roles", "roles");
  private static final Set<String> ROLE_KEYS =
      Set.of("description", "permissions", "cases", "fields", "identities");

  /**
   * Turns a clear id into the form the store holds it in (ids that were personal data are tokens).
   */
  @FunctionalInterface
  public interface StoredForm {
    String of(CaseField field, String value);

    /** For stores whose ids are kept as given. */
    StoredForm AS_GIVEN = (field, value) -> value;
  }

  /** Where a rule's values come from. */
  sealed interface Values {}

  /** Values written in the policy. */
  record Literal(List<String> values) implements Values {}

  /** The values of one of the principal's attributes. */
  record FromAttribute(String attribute) implements Values {}

  /** Every case, or the cases whose fields all match their values. */
  record CaseRule(boolean all, Map<CaseField, Values> conditions) {}

  /** One named grant. */
  public record Role(
      String name,
      String description,
      Set<Permission> permissions,
      List<CaseRule> cases,
      Set<CaseField> fields,
      boolean identities) {}

  private final int version;
  private final List<String> defaultRoles;
  private final Map<String, Role> roles;

  private AccessPolicy(int version, List<String> defaultRoles, Map<String, Role> roles) {
    this.version = version;
    this.defaultRoles = List.copyOf(defaultRoles);
    this.roles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
  }

  /** The policy a new installation starts with (docs/security.md describes its roles). */
  public static AccessPolicy defaults() {
    try (InputStream in = AccessPolicy.class.getResourceAsStream("default-access-policy.json")) {
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "default policy");
    } catch (IOException e) {
      throw new IllegalStateException("the built-in policy cannot be read", e);
    }
  }

  /** Reads and validates a policy file; a bad file is refused with what and where. */
  public static AccessPolicy read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PolicyException(file + ": no such file");
    }
    return parse(text, file.toString());
  }

  /** Parses and validates policy JSON; {@code source} names it in errors. */
  public static AccessPolicy parse(String json, String source) {
    JsonNode root;
    try {
      root = JsonDocuments.parse(json, source);
    } catch (CaseVaultException e) {
      throw new PolicyException(e.getMessage());
    }
    return new Reader(source).policy(root);
  }

  public int version() {
    return version;
  }

  public Map<String, Role> roles() {
    return roles;
  }

  /** The roles that apply to {@code principal}: its own that the policy knows, and the defaults. */
  public List<Role> rolesOf(Principal principal) {
    Set<String> names = new LinkedHashSet<>(defaultRoles);
    principal.roles().stream().sorted().forEach(names::add);
    return names.stream().map(roles::get).filter(java.util.Objects::nonNull).toList();
  }

  public Set<Permission> permissions(Principal principal) {
    EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
    for (Role role : rolesOf(principal)) {
      granted.addAll(role.permissions());
    }
    return granted;
  }

  public boolean allows(Principal principal, Permission permission) {
    return permissions(principal).contains(permission);
  }

  /**
   * The scope a case read under {@code permission} runs in for {@code principal}.
   *
   * @throws AccessDeniedException when no role of the principal grants the permission
   */
  public AccessScope scope(Principal principal, Permission permission, StoredForm storedForm) {
    if (!CASE_READS.contains(permission)) {
      throw new IllegalArgumentException(permission.wireName() + " does not read cases");
    }
    List<Role> granting =
        rolesOf(principal).stream().filter(r -> r.permissions().contains(permission)).toList();
    if (granting.isEmpty()) {
      throw new AccessDeniedException(permission);
    }
    List<CaseQuery> visible = new ArrayList<>();
    Set<CaseField> fields = EnumSet.noneOf(CaseField.class);
    boolean identities = false;
    for (Role role : granting) {
      for (CaseRule rule : role.cases()) {
        visible.add(compile(rule, principal, storedForm));
      }
      fields.addAll(role.fields());
      identities |= role.identities();
    }
    return AccessScope.compiled(anyOf(visible), fields, identities);
  }

  private static CaseQuery compile(CaseRule rule, Principal principal, StoredForm storedForm) {
    if (rule.all()) {
      return CaseQuery.matchAll();
    }
    List<CaseQuery> conditions = new ArrayList<>();
    for (Map.Entry<CaseField, Values> condition : rule.conditions().entrySet()) {
      CaseField field = condition.getKey();
      List<String> values =
          switch (condition.getValue()) {
            case Literal literal -> literal.values();
            case FromAttribute from -> principal.attribute(from.attribute());
          };
      List<CaseQuery> alternatives =
          values.stream()
              .filter(v -> !v.isBlank())
              .map(v -> (CaseQuery) new CaseQuery.Term(field, storedForm.of(field, v)))
              .toList();
      CaseQuery matching = anyOf(alternatives);
      if (matching.equals(NOTHING)) {
        return NOTHING;
      }
      conditions.add(matching);
    }
    return conditions.size() == 1 ? conditions.getFirst() : new CaseQuery.And(conditions);
  }

  /** No case at all: what a rule on an attribute the principal lacks matches. */
  private static final CaseQuery NOTHING = new CaseQuery.Not(CaseQuery.matchAll());

  /** Cases matching any of {@code queries}; no case at all for an empty list. */
  private static CaseQuery anyOf(List<CaseQuery> all) {
    List<CaseQuery> queries = all.stream().filter(q -> !q.equals(NOTHING)).toList();
    if (queries.isEmpty()) {
      return NOTHING;
    }
    if (queries.stream().anyMatch(q -> q instanceof CaseQuery.MatchAll)) {
      return CaseQuery.matchAll();
    }
    return queries.size() == 1 ? queries.getFirst() : new CaseQuery.Or(queries);
  }

  /** What each role may do and see, in words, for {@code casevault policy check}. */
  public String explain() {
    StringBuilder out = new StringBuilder();
    out.append("policy version ").append(version).append('\n');
    out.append("default roles (every authenticated principal): ")
        .append(defaultRoles.isEmpty() ? "none" : String.join(", ", defaultRoles))
        .append('\n');
    for (Role role : roles.values()) {
      out.append('\n').append(role.name());
      if (!role.description().isEmpty()) {
        out.append(" — ").append(role.description());
      }
      out.append('\n');
      out.append("  may: ")
          .append(
              role.permissions().isEmpty()
                  ? "nothing"
                  : role.permissions().stream()
                      .map(Permission::wireName)
                      .collect(Collectors.joining(", ")))
          .append('\n');
      if (role.permissions().stream().anyMatch(CASE_READS::contains)) {
        out.append("  cases: ").append(describeCases(role.cases())).append('\n');
        List<String> shown = new ArrayList<>();
        AccessScope.HEADER_FIELDS.stream().sorted().map(CaseField::queryName).forEach(shown::add);
        role.fields().stream().sorted().map(CaseField::queryName).forEach(shown::add);
        out.append("  fields: ").append(String.join(", ", shown)).append('\n');
        out.append("  customer and agent identities: ")
            .append(role.identities() ? "shown as keyed tokens" : "hidden")
            .append('\n');
      }
    }
    return out.toString();
  }

  private static String describeCases(List<CaseRule> rules) {
    if (rules.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    for (CaseRule rule : rules) {
      if (rule.all()) {
        return "every case";
      }
      List<String> conditions = new ArrayList<>();
      rule.conditions()
          .forEach(
              (field, values) ->
                  conditions.add(
                      field.queryName()
                          + switch (values) {
                            case Literal literal -> " in " + literal.values();
                            case FromAttribute from ->
                                " = the principal's " + from.attribute() + " attribute";
                          }));
      parts.add(String.join(" and ", conditions));
    }
    return String.join("; or ", parts);
  }

  private static Map<String, CaseField> fieldsByName(CaseField... fields) {
    Map<String, CaseField> byName = new TreeMap<>();
    for (CaseField field : fields) {
      byName.put(field.queryName(), field);
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /** Reads the JSON tree strictly: every unknown key, type or name is an error naming its path. */
  private static final class Reader {
    private final String source;

    Reader(String source) {
      this.source = source;
    }

    AccessPolicy policy(JsonNode root) {
      requireObject(root, "the policy");
      knownKeys(root, "", TOP_LEVEL_KEYS);
      JsonNode versionNode = root.get("version");
      if (versionNode == null || !versionNode.isInt() || versionNode.intValue() < 1) {
        throw error("version", "required, a whole number from 1 (raise it with every change)");
      }
      JsonNode rolesNode = root.get("roles");
      if (rolesNode == null) {
        throw error("roles", "required, an object of role name to grant");
      }
      requireObject(rolesNode, "roles");
      Map<String, Role> roles = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : rolesNode.properties()) {
        String name = entry.getKey();
        if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
          throw error(
              "roles." + name, "a role name is 1 to 64 of a-z, 0-9, '_' and '-', from a letter");
        }
        roles.put(name, role(name, entry.getValue()));
      }
      List<String> defaultRoles = strings(root.get("default_roles"), "default_roles");
      for (int i = 0; i < defaultRoles.size(); i++) {
        String name = defaultRoles.get(i);
        Role role = roles.get(name);
        if (role == null) {
          throw error("default_roles[" + i + "]", "unknown role '" + name + "'");
        }
        if (role.cases().stream().anyMatch(CaseRule::all)
            && role.permissions().stream().anyMatch(CASE_READS::contains)) {
          throw error(
              "default_roles[" + i + "]",
              "role '"
                  + name
                  + "' grants every case, and default roles apply to every authenticated"
                  + " principal: that is a wildcard grant of case data. Grant it to named users"
                  + " or narrow its cases");
        }
      }
      return new AccessPolicy(versionNode.intValue(), defaultRoles, roles);
    }

    private Role role(String name, JsonNode node) {
      String path = "roles." + name;
      requireObject(node, path);
      knownKeys(node, path + ".", ROLE_KEYS);
      JsonNode description = node.get("description");
      if (description != null && !description.isTextual()) {
        throw error(path + ".description", "must be a string");
      }
      EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
      List<String> permissionNames = strings(node.get("permissions"), path + ".permissions");
      for (int i = 0; i < permissionNames.size(); i++) {
        String permission = permissionNames.get(i);
        permissions.add(
            Permission.byWireName(permission)
                .orElseThrow(
                    () ->
                        error(
                            path + ".permissions",
                            "unknown permission '"
                                + permission
                                + "'; known: "
                                + java.util.Arrays.stream(Permission.values())
                                    .map(Permission::wireName)
                                    .collect(Collectors.joining(", ")))));
      }
      List<CaseRule> cases = new ArrayList<>();
      JsonNode casesNode = node.get("cases");
      if (casesNode != null) {
        if (!casesNode.isArray()) {
          throw error(path + ".cases", "must be a list of case rules");
        }
        for (int i = 0; i < casesNode.size(); i++) {
          cases.add(caseRule(casesNode.get(i), path + ".cases[" + i + "]"));
        }
      }
      EnumSet<CaseField> fields = EnumSet.noneOf(CaseField.class);
      List<String> fieldNames = strings(node.get("fields"), path + ".fields");
      for (String fieldName : fieldNames) {
        CaseField field = GRANTABLE_FIELDS.get(fieldName);
        if (field == null) {
          throw error(
              path + ".fields",
              "'"
                  + fieldName
                  + "' cannot be granted; grantable fields: "
                  + String.join(", ", GRANTABLE_FIELDS.keySet())
                  + " (header fields are always shown; identities come with \"identities\": true)");
        }
        fields.add(field);
      }
      if (fields.contains(CaseField.CONFIDENTIAL_NOTES)
          && !permissions.contains(Permission.READ_CONFIDENTIAL)) {
        throw error(
            path + ".fields",
            "confidential_notes needs the read_confidential permission in the same role");
      }
      boolean readsCases = permissions.stream().anyMatch(CASE_READS::contains);
      if (readsCases && cases.isEmpty()) {
        throw error(
            path + ".cases",
            "a role that searches or reads cases must say which: add case rules, or"
                + " [{\"all\": true}] for every case");
      }
      if (!readsCases && (!cases.isEmpty() || !fields.isEmpty())) {
        throw error(
            path, "case rules and fields need a permission that reads cases (search, read, ...)");
      }
      JsonNode identities = node.get("identities");
      if (identities != null && !identities.isBoolean()) {
        throw error(path + ".identities", "must be true or false");
      }
      return new Role(
          name,
          description == null ? "" : description.textValue(),
          permissions,
          cases,
          fields,
          identities != null && identities.booleanValue());
    }

    private CaseRule caseRule(JsonNode node, String path) {
      requireObject(node, path);
      if (node.has("all")) {
        if (node.size() != 1 || !node.get("all").isBoolean() || !node.get("all").booleanValue()) {
          throw error(path, "{\"all\": true} stands alone");
        }
        return new CaseRule(true, Map.of());
      }
      if (node.isEmpty()) {
        throw error(path, "an empty rule; write {\"all\": true} to grant every case");
      }
      Map<CaseField, Values> conditions = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        String fieldPath = path + "." + entry.getKey();
        CaseField field = RULE_FIELDS.get(entry.getKey());
        if (field == null) {
          throw error(
              fieldPath,
              "unknown case field; rules may test: " + String.join(", ", RULE_FIELDS.keySet()));
        }
        conditions.put(field, values(entry.getValue(), fieldPath));
      }
      return new CaseRule(false, conditions);
    }

    private Values values(JsonNode node, String path) {
      if (node.isTextual()) {
        return new Literal(List.of(nonBlank(node.textValue(), path)));
      }
      if (node.isArray()) {
        List<String> values = strings(node, path);
        if (values.isEmpty()) {
          throw error(path, "an empty list matches no case; remove the rule instead");
        }
        values.forEach(v -> nonBlank(v, path));
        return new Literal(values);
      }
      if (node.isObject() && node.size() == 1 && node.has("attribute")) {
        JsonNode attribute = node.get("attribute");
        if (!attribute.isTextual() || !ATTRIBUTES.contains(attribute.textValue())) {
          throw error(
              path + ".attribute",
              "unknown principal attribute; known: "
                  + ATTRIBUTES.stream().sorted().collect(Collectors.joining(", ")));
        }
        return new FromAttribute(attribute.textValue());
      }
      throw error(
          path, "a value, a list of values or {\"attribute\": NAME} naming a principal attribute");
    }

    private String nonBlank(String value, String path) {
      if (value.isBlank()) {
        throw error(path, "a blank value");
      }
      return value;
    }

    private List<String> strings(JsonNode node, String path) {
      if (node == null) {
        return List.of();
      }
      if (!node.isArray()) {
        throw error(path, "must be a list of strings");
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        if (!node.get(i).isTextual()) {
          throw error(path + "[" + i + "]", "must be a string");
        }
        values.add(node.get(i).textValue());
      }
      return values;
    }

    private void requireObject(JsonNode node, String path) {
      if (!node.isObject()) {
        throw error(path, "must be a JSON object");
      }
    }

    private void knownKeys(JsonNode node, String prefix, Set<String> known) {
      Iterator<String> names = node.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name)) {
          throw error(
              prefix + name,
              "unknown key; known here: "
                  + known.stream().sorted().collect(Collectors.joining(", ")));
        }
      }
    }

    private PolicyException error(String path, String message) {
      return new PolicyException(source + ": " + path + ": " + message);
    }
  }

  /** A policy file that cannot be used; the message names the file, the path and the fix. */
  public static final class PolicyException extends CaseVaultException {
    PolicyException(String message) {
      super(message);
    }
  }
}
