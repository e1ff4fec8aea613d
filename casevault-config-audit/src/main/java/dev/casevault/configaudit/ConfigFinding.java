package dev.casevault.configaudit;

import java.util.Objects;

/**
 * One problem found, and where.
 *
 * @param rule what is wrong, its severity and fix
 * @param location where: {@code FILE:LINE}, or the API call and setting for a live cluster
 * @param evidence the setting and value that show it (never a password or key)
 */
public record ConfigFinding(ConfigRule rule, String location, String evidence) {
  public ConfigFinding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(evidence, "evidence");
  }

  public Severity severity() {
    return rule.severity();
  }

  @Override
  public String toString() {
    return severity()
        + " "
        + rule.id()
        + " at "
        + location
        + ": "
        + rule.title()
        + " ("
        + evidence
        + "); fix: "
        + rule.fix();
  }
}
