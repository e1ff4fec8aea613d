package dev.casevault.access;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Someone authenticated: a local user, the holder of an API key or the subject of an OIDC token.
 *
 * <p>Roles name grants in the {@link AccessPolicy}; attributes (team, region, product, customer,
 * agent) are the values that the policy's case rules compare with a case's fields. Attribute values
 * are ids and team names, never personal data; they may appear in audit entries.
 *
 * @param id a stable, unique id such as {@code user:alice}, {@code key:3f9a1c2e} or {@code
 *     oidc:https://issuer#subject}
 * @param method how this request proved it
 */
public record Principal(
    String id,
    AuthenticationMethod method,
    Set<String> roles,
    Map<String, List<String>> attributes) {

  /** How a principal proved who it is. */
  public enum AuthenticationMethod {
    PASSWORD,
    API_KEY,
    OIDC
  }

  public Principal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(method, "method");
    roles = Set.copyOf(roles);
    TreeMap<String, List<String>> copy = new TreeMap<>();
    attributes.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    attributes = java.util.Collections.unmodifiableMap(copy);
  }

  /** The values of one attribute; empty when the principal has none. */
  public List<String> attribute(String name) {
    return attributes.getOrDefault(name, List.of());
  }
}
