package dev.casevault.service;

import dev.casevault.audit.Receipt;

/** An answer and the receipt of its audit event, durable before the answer was handed out. */
public record Audited<T>(T value, Receipt receipt) {}
