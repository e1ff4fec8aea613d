package dev.casevault.configaudit;

/** How bad a finding is, worst first. */
public enum Severity {
  /** Data is readable, or will be, by anyone who can reach the node. */
  CRITICAL,
  /** One step from open: a stolen or guessed credential, or a sniffed connection, is enough. */
  HIGH,
  /** Weakens a protection that is still there. */
  MEDIUM,
  /** Worth fixing; not a way in by itself. */
  LOW
}
