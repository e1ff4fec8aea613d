package dev.casevault.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.casevault.core.CaseVaultException;
import dev.casevault.json.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The bulk-read guard's caps: per role, how many distinct cases, distinct customers and revealed
 * values a principal may read in a sliding window. Immutable; {@link #read} validates a rules file
 * strictly.
 *
 * <p>Deny by default: there is no "unlimited" cap and no switch that turns the guard off. A cap is
 * a whole number from 0 to {@value #MAX_CAP}; 0 means the role reads none of that counter, so the
 * first one read locks the principal. A principal with several roles gets, per counter, the largest
 * cap among its roles; a role the rules do not name gets the {@code default} entry.
 *
 * <p>File format ({@code version} required, every other key optional, unknown keys refused):
 *
 * <pre>{@code
 * {"version": 1, "window_minutes": 10,
 *  "roles": {"agent": {"cases": 500, "customers": 100, "reveals": 20}},
 *  "default": {"cases": 300, "customers": 100, "reveals": 10}}
 * }</pre>
 *
 * A role entry gives all three caps. Roles in the file replace the built-in caps of that role;
 * built-in roles the file does not name keep theirs.
 */
public final class GuardRules {
  /** The largest cap a rule may set. */
  public static final int MAX_CAP = 1_000_000;

  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);

  /** The longest window a rule may set, in minutes (a day). */
  public static final int MAX_WINDOW_MINUTES = 24 * 60;

  public static final String DEFAULT_ENTRY = "default";

  private static final Set<String> TOP_LEVEL_KEYS =
      Set.of("version", "window_minutes", "roles", DEFAULT_ENTRY);
  private static final Set<String> CAP_KEYS = Set.of("cases", "customers", "reveals");

  /**
   * What one role may read in a window.
   *
   * @param cases distinct cases
   * @param customers distinct customers (their keyed tokens)
   * @param reveals revealed (unsealed) values, each one counted
   */
  public record Caps(int cases, int customers, int reveals) {
    public Caps {
      check(cases, "cases");
      check(customers, "customers");
      check(reveals, "reveals");
    }

    private static void check(int cap, String name) {
      if (cap < 0 || cap > MAX_CAP) {
        throw new IllegalArgumentException(name + " cap must be from 0 to " + MAX_CAP);
      }
    }

    /** Per counter, the larger of the two. */
    public Caps max(Caps other) {
      return new Caps(
          Math.max(cases, other.cases),
          Math.max(customers, other.customers),
          Math.max(reveals, other.reveals));
    }
  }

  private static final Map<String, Caps> BUILT_IN_ROLES = builtInRoles();
  private static final Caps BUILT_IN_DEFAULT = new Caps(300, 100, 10);

  private final Duration window;
  private final Map<String, Caps> roles;
  private final Caps defaultCaps;

  private GuardRules(Duration window, Map<String, Caps> roles, Caps defaultCaps) {
    this.window = window;
    this.roles = java.util.Collections.unmodifiableMap(new TreeMap<>(roles));
    this.defaultCaps = defaultCaps;
  }

  private static Map<String, Caps> builtInRoles() {
    Map<String, Caps> roles = new LinkedHashMap<>();
    roles.put("agent", new Caps(500, 100, 20));
    // Supervisors export (permission export): a 1,000-hit page or a 500-case export page of
    // distinct customers must stay well under the cap.
    roles.put("supervisor", new Caps(5000, 5000, 50));
    roles.put("privacy-officer", new Caps(2000, 2000, 200));
    roles.put("auditor", new Caps(200, 200, 0));
    roles.put("admin", new Caps(500, 100, 20));
    roles.put("ingester", new Caps(0, 0, 0));
    return java.util.Collections.unmodifiableMap(roles);
  }

  /** The built-in rules: a 10-minute window and the caps docs/guard.md lists. */
  public static GuardRules defaults() {
    return new GuardRules(DEFAULT_WINDOW, BUILT_IN_ROLES, BUILT_IN_DEFAULT);
  }

  /**
   * The rules in {@code file}, or the built-in rules when there is no such file.
   *
   * @throws CaseVaultException naming the file and the JSON path of the first problem
   */
  public static GuardRules read(Path file) throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return defaults();
    }
    return parse(text, file.toString());
  }

  /** Parses and validates rules JSON; {@code source} names it in errors. */
  public static GuardRules parse(String json, String source) {
    JsonNode root = JsonDocuments.parseObject(json, source);
    knownKeys(root, "", TOP_LEVEL_KEYS, source);
    JsonNode version = root.get("version");
    if (version == null || !version.isIntegralNumber() || version.longValue() != 1) {
      throw new CaseVaultException(source + ": version: required, and must be 1");
    }
    Duration window = DEFAULT_WINDOW;
    if (root.has("window_minutes")) {
      long minutes = wholeNumber(root.get("window_minutes"), "window_minutes", source);
      if (minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
        throw new CaseVaultException(
            source
                + ": window_minutes: must be from 1 to "
                + MAX_WINDOW_MINUTES
                + " (a window of 0 would count nothing)");
      }
      window = Duration.ofMinutes(minutes);
    }
    Map<String, Caps> roles = new LinkedHashMap<>(BUILT_IN_ROLES);
    JsonNode rolesNode = root.get("roles");
    if (rolesNode != null) {
      if (!rolesNode.isObject()) {
        throw new CaseVaultException(source + ": roles: must be an object of role name to caps");
      }
      for (Map.Entry<String, JsonNode> entry : rolesNode.properties()) {
        String name = entry.getKey();
        if (!name.matches("[a-z][a-z0-9_-]{0,63}")) {
          throw new CaseVaultException(
              source
                  + ": roles."
                  + name
                  + ": a role name is 1 to 64 of a-z, 0-9, '_' and '-', from a letter");
        }
        roles.put(name, caps(entry.getValue(), "roles." + name, source));
      }
    }
    Caps defaultCaps =
        root.has(DEFAULT_ENTRY)
            ? caps(root.get(DEFAULT_ENTRY), DEFAULT_ENTRY, source)
            : BUILT_IN_DEFAULT;
    return new GuardRules(window, roles, defaultCaps);
  }

  private static Caps caps(JsonNode node, String path, String source) {
    if (!node.isObject()) {
      throw new CaseVaultException(
          source + ": " + path + ": must be an object with cases, customers and reveals");
    }
    knownKeys(node, path + ".", CAP_KEYS, source);
    for (String key : CAP_KEYS.stream().sorted().toList()) {
      if (!node.has(key)) {
        throw new CaseVaultException(
            source + ": " + path + "." + key + ": required (a whole number >= 0)");
      }
    }
    return new Caps(
        cap(node.get("cases"), path + ".cases", source),
        cap(node.get("customers"), path + ".customers", source),
        cap(node.get("reveals"), path + ".reveals", source));
  }

  private static int cap(JsonNode node, String path, String source) {
    long value = wholeNumber(node, path, source);
    if (value > MAX_CAP) {
      throw new CaseVaultException(
          source + ": " + path + ": must be at most " + MAX_CAP + " (a cap cannot be unlimited)");
    }
    return (int) value;
  }

  private static long wholeNumber(JsonNode node, String path, String source) {
    if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 0) {
      throw new CaseVaultException(source + ": " + path + ": must be a whole number >= 0");
    }
    return node.longValue();
  }

  private static void knownKeys(JsonNode node, String prefix, Set<String> known, String source) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new CaseVaultException(
            source
                + ": "
                + prefix
                + name
                + ": unknown key; known here: "
                + known.stream().sorted().collect(Collectors.joining(", ")));
      }
    }
  }

  /** The length of the sliding window the caps apply to. */
  public Duration window() {
    return window;
  }

  /** The caps of each named role, by name. */
  public Map<String, Caps> roles() {
    return roles;
  }

  /** The caps of a role the rules do not name. */
  public Caps defaultCaps() {
    return defaultCaps;
  }

  /**
   * The caps of a principal with {@code roles}: per counter, the largest among its roles; a role
   * the rules do not name counts as the {@code default} entry, and so does having no role.
   */
  public Caps capsFor(Collection<String> principalRoles) {
    Caps caps = null;
    for (String role : principalRoles) {
      Caps own = roles.getOrDefault(role, defaultCaps);
      caps = caps == null ? own : caps.max(own);
    }
    return caps == null ? defaultCaps : caps;
  }
}
