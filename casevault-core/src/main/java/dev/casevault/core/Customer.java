package dev.casevault.core;

/**
 * The customer of a case. Every component is optional (null when absent).
 *
 * <p>These are personal data: they must never appear in logs, errors, metrics or audit entries.
 */
public record Customer(String id, String name, String email, String phone, String ip) {}
