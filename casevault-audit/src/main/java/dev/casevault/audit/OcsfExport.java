package dev.casevault.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Maps audit events to OCSF 1.3.0 "Datastore Activity" events (class 6005 of category 6,
 * Application Activity), one JSON object per event, for a SIEM. What OCSF has no attribute for
 * (cases, customer tokens, query hash, details, the log index) goes to {@code unmapped}; the
 * event's id is {@code metadata.uid} and its index in the log {@code metadata.sequence}, so an
 * exported event can be traced back to the signed log. docs/audit-commands.md has the table.
 */
public final class OcsfExport {
  public static final String OCSF_VERSION = "1.3.0";
  public static final int CATEGORY_UID = 6;
  public static final int CLASS_UID = 6005;
  static final String PRODUCT = "casevault";
  static final String LOG_PROVIDER = "casevault audit log";

  // OCSF severity_id values.
  static final int INFORMATIONAL = 1;
  static final int MEDIUM = 3;
  static final int HIGH = 4;

  // OCSF 1.3.0 user.type_id values.
  static final int USER_UNKNOWN = 0;
  static final int USER = 1;
  static final int ADMIN = 2;
  static final int OTHER = 99;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String origin;
  private final String productVersion;

  /**
   * @param origin the audit log's origin: {@code metadata.log_name} and the datastore's uid
   * @param productVersion casevault's version for {@code metadata.product.version}, or null
   */
  public OcsfExport(String origin, String productVersion) {
    this.origin = Objects.requireNonNull(origin, "origin");
    this.productVersion = productVersion;
  }

  /** The OCSF event of the entry at {@code index}, as one line of JSON (no newline). */
  public String toJsonLine(long index, AuditEvent event) {
    try {
      return MAPPER.writeValueAsString(toOcsf(index, event));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OCSF event of the entry at {@code index}. */
  public ObjectNode toOcsf(long index, AuditEvent event) {
    AuditAction.OcsfActivity activity = event.action().ocsf();
    boolean success = event.outcome() == AuditEvent.Outcome.SUCCESS;
    int severity = severity(event.action());

    ObjectNode out = MAPPER.createObjectNode();
    out.put("activity_id", activity.id());
    out.put("activity_name", activity.label());
    out.put("category_uid", CATEGORY_UID);
    out.put("category_name", "Application Activity");
    out.put("class_uid", CLASS_UID);
    out.put("class_name", "Datastore Activity");
    out.put("type_uid", CLASS_UID * 100L + activity.id());
    out.put("type_name", "Datastore Activity: " + activity.label());
    out.put("time", event.time().toEpochMilli());
    out.put("severity_id", severity);
    out.put("severity", severityName(severity));
    out.put("status_id", success ? 1 : 2);
    out.put("status", success ? "Success" : "Failure");
    out.put("status_code", event.outcome().wireName());
    if (!success) {
      out.put(
          "status_detail", event.reason() != null ? event.reason() : event.outcome().wireName());
    }
    out.put("message", message(event));

    ObjectNode metadata = out.putObject("metadata");
    metadata.put("version", OCSF_VERSION);
    metadata.put("uid", event.id());
    ObjectNode product = metadata.putObject("product");
    product.put("name", PRODUCT);
    product.put("vendor_name", PRODUCT);
    if (productVersion != null) {
      product.put("version", productVersion);
    }
    metadata.put("log_provider", LOG_PROVIDER);
    metadata.put("log_name", origin);
    metadata.put("sequence", index);
    metadata.put("original_time", event.time().toString());

    Actor actor = event.actor();
    ObjectNode user = out.putObject("actor").putObject("user");
    user.put("uid", actor.id());
    user.put("name", userName(actor.id()));
    int type = userType(actor);
    user.put("type_id", type);
    user.put("type", userTypeName(type));

    ObjectNode source = out.putObject("src_endpoint");
    if (actor.sourceIp() != null) {
      source.put("ip", actor.sourceIp());
    } else {
      // A command run on the machine itself: there is no client address.
      source.put("name", "local");
    }
    if (actor.userAgent() != null) {
      out.putObject("http_request").put("user_agent", actor.userAgent());
    }

    ObjectNode database = out.putObject("database");
    database.put("name", PRODUCT);
    database.put("uid", origin);
    database.put("type_id", OTHER);
    database.put("type", "Case archive");

    ObjectNode unmapped = out.putObject("unmapped");
    unmapped.put("audit_log_index", index);
    unmapped.put("action", event.action().wireName());
    unmapped.put("outcome", event.outcome().wireName());
    unmapped.put("auth_method", actor.method());
    strings(unmapped.putArray("roles"), actor.roles());
    if (event.policyVersion() != null) {
      unmapped.put("policy_version", event.policyVersion());
    }
    AuditTarget target = event.target();
    if (!target.cases().isEmpty()) {
      strings(unmapped.putArray("cases"), target.cases());
    }
    if (!target.customers().isEmpty()) {
      strings(unmapped.putArray("customers"), target.customers());
    }
    if (!target.fields().isEmpty()) {
      strings(unmapped.putArray("fields"), target.fields());
    }
    if (target.total() != null) {
      unmapped.put("total", target.total());
    }
    if (target.queryHash() != null) {
      unmapped.put("query_hash", target.queryHash());
    }
    if (!target.details().isEmpty()) {
      ObjectNode details = unmapped.putObject("details");
      for (Map.Entry<String, String> detail : target.details().entrySet()) {
        details.put(detail.getKey(), detail.getValue());
      }
    }
    if (event.purpose() != null) {
      unmapped.put("purpose", event.purpose());
    }
    if (event.reason() != null) {
      unmapped.put("reason", event.reason());
    }
    return out;
  }

  /** 4 (High) for a bulk-read alert, 3 (Medium) for a denial or failed login, else 1. */
  static int severity(AuditAction action) {
    return switch (action) {
      case BULK_READ_ALERT -> HIGH;
      case ACCESS_DENIED, AUTHENTICATION_FAILED -> MEDIUM;
      default -> INFORMATIONAL;
    };
  }

  private static String severityName(int severity) {
    return switch (severity) {
      case HIGH -> "High";
      case MEDIUM -> "Medium";
      default -> "Informational";
    };
  }

  /**
   * The name part of a principal id: {@code user:alice} gives {@code alice}, {@code key:k1} gives
   * {@code k1}, {@code oidc:<issuer>#<subject>} gives the subject.
   */
  static String userName(String principalId) {
    int colon = principalId.indexOf(':');
    String name = colon < 0 ? principalId : principalId.substring(colon + 1);
    if (principalId.startsWith("oidc:")) {
      name = name.substring(name.lastIndexOf('#') + 1);
    }
    return name.isEmpty() ? principalId : name;
  }

  /**
   * Admin for a principal with the admin role or the data directory's owner, Other for an API key
   * (a program), Unknown for a failed login, else User.
   */
  static int userType(Actor actor) {
    if (actor.method().equals("none")) {
      return USER_UNKNOWN;
    }
    if (actor.roles().contains("admin") || actor.roles().contains("owner")) {
      return ADMIN;
    }
    if (actor.id().startsWith("key:")) {
      return OTHER;
    }
    return USER;
  }

  private static String userTypeName(int type) {
    return switch (type) {
      case USER_UNKNOWN -> "Unknown";
      case ADMIN -> "Admin";
      case OTHER -> "API key";
      default -> "User";
    };
  }

  /** One line for people: action, outcome, who, how many cases; ids only. */
  static String message(AuditEvent event) {
    StringBuilder message =
        new StringBuilder(event.action().wireName())
            .append(' ')
            .append(event.outcome().wireName())
            .append(" by ")
            .append(event.actor().id());
    int cases = event.target().cases().size();
    if (cases > 0) {
      message.append(", ").append(cases).append(cases == 1 ? " case" : " cases");
    }
    if (event.reason() != null) {
      message.append(": ").append(event.reason());
    }
    return message.toString();
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
