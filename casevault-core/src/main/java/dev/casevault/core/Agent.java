package dev.casevault.core;

/**
 * The support agent who owns a case. Every component is optional (null when absent).
 *
 * <p>These are personal data: they must never appear in logs, errors, metrics or audit entries.
 */
public record Agent(String id, String name, String email) {}
