package dev.casevault.audit;

import static dev.casevault.audit.AuditFixtures.T0;
import static dev.casevault.audit.AuditFixtures.apiKey;
import static dev.casevault.audit.AuditFixtures.denied;
import static dev.casevault.audit.AuditFixtures.event;
import static dev.casevault.audit.AuditFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OcsfExportTest {
  static final String ORIGIN = "casevault/0123456789abcdef";
  final OcsfExport export = new OcsfExport(ORIGIN, "1.2.3");

  private JsonNode ocsf(long index, AuditEvent event) throws Exception {
    String line = export.toJsonLine(index, event.at(T0));
    assertThat(line).doesNotContain("\n");
    return new ObjectMapper().readTree(line);
  }

  @Test
  void aReadIsADatastoreActivityReadWithItsActorSourceAndTargets() throws Exception {
    AuditEvent read =
        event(AuditAction.READ, user("alice"), List.of("CASE-1", "CASE-2"), List.of("tok-a"))
            .withTarget(
                AuditTarget.NONE
                    .withCases(List.of("CASE-1", "CASE-2"), List.of("tok-a"))
                    .withFields(List.of("subject"))
                    .withDetails(Map.of("ref", "r1")))
            .withPurpose("ticket 42");
    JsonNode json = ocsf(17, read);
    assertThat(json.path("class_uid").asInt()).isEqualTo(6005);
    assertThat(json.path("class_name").asText()).isEqualTo("Datastore Activity");
    assertThat(json.path("category_uid").asInt()).isEqualTo(6);
    assertThat(json.path("category_name").asText()).isEqualTo("Application Activity");
    assertThat(json.path("activity_id").asInt()).isEqualTo(1);
    assertThat(json.path("activity_name").asText()).isEqualTo("Read");
    assertThat(json.path("type_uid").asLong()).isEqualTo(600501);
    assertThat(json.path("type_name").asText()).isEqualTo("Datastore Activity: Read");
    assertThat(json.path("time").asLong()).isEqualTo(T0.toEpochMilli());
    assertThat(json.path("time").isIntegralNumber()).isTrue();
    assertThat(json.path("severity_id").asInt()).isEqualTo(1);
    assertThat(json.path("severity").asText()).isEqualTo("Informational");
    assertThat(json.path("status_id").asInt()).isEqualTo(1);
    assertThat(json.path("status").asText()).isEqualTo("Success");
    assertThat(json.has("status_detail")).isFalse();
    assertThat(json.path("message").asText()).isEqualTo("case.read success by user:alice, 2 cases");

    JsonNode metadata = json.path("metadata");
    assertThat(metadata.path("version").asText()).isEqualTo("1.3.0");
    assertThat(metadata.path("uid").asText()).isEqualTo(read.id());
    assertThat(metadata.path("product").path("name").asText()).isEqualTo("casevault");
    assertThat(metadata.path("product").path("vendor_name").asText()).isEqualTo("casevault");
    assertThat(metadata.path("product").path("version").asText()).isEqualTo("1.2.3");
    assertThat(metadata.path("log_provider").asText()).isEqualTo("casevault audit log");
    assertThat(metadata.path("log_name").asText()).isEqualTo(ORIGIN);
    assertThat(metadata.path("sequence").asLong()).isEqualTo(17);
    assertThat(metadata.path("original_time").asText()).isEqualTo("2026-11-29T10:00:00Z");

    JsonNode user = json.path("actor").path("user");
    assertThat(user.path("uid").asText()).isEqualTo("user:alice");
    assertThat(user.path("name").asText()).isEqualTo("alice");
    assertThat(user.path("type_id").asInt()).isEqualTo(1);
    assertThat(user.path("type").asText()).isEqualTo("User");
    assertThat(json.path("src_endpoint").path("ip").asText()).isEqualTo("192.0.2.7");
    assertThat(json.path("http_request").path("user_agent").asText()).isEqualTo("Mozilla/5.0");
    assertThat(json.path("database").path("name").asText()).isEqualTo("casevault");
    assertThat(json.path("database").path("uid").asText()).isEqualTo(ORIGIN);
    assertThat(json.path("database").path("type_id").asInt()).isEqualTo(99);

    JsonNode unmapped = json.path("unmapped");
    assertThat(unmapped.path("audit_log_index").asLong()).isEqualTo(17);
    assertThat(unmapped.path("action").asText()).isEqualTo("case.read");
    assertThat(unmapped.path("cases").toString()).isEqualTo("[\"CASE-1\",\"CASE-2\"]");
    assertThat(unmapped.path("customers").toString()).isEqualTo("[\"tok-a\"]");
    assertThat(unmapped.path("fields").toString()).isEqualTo("[\"subject\"]");
    assertThat(unmapped.path("details").path("ref").asText()).isEqualTo("r1");
    assertThat(unmapped.path("policy_version").asText()).isEqualTo("7");
    assertThat(unmapped.path("purpose").asText()).isEqualTo("ticket 42");
    assertThat(unmapped.path("roles").toString()).isEqualTo("[\"agent\"]");
  }

  @Test
  void activitiesFollowTheActionAndTypeUidTheActivity() throws Exception {
    AuditEvent search =
        event(AuditAction.SEARCH, user("a"), List.of(), List.of())
            .withTarget(AuditTarget.NONE.withQuery("qh-1", 12L));
    JsonNode json = ocsf(0, search);
    assertThat(json.path("activity_id").asInt()).isEqualTo(4);
    assertThat(json.path("type_uid").asLong()).isEqualTo(600504);
    assertThat(json.path("unmapped").path("query_hash").asText()).isEqualTo("qh-1");
    assertThat(json.path("unmapped").path("total").asLong()).isEqualTo(12);
    assertThat(
            ocsf(0, event(AuditAction.REVEAL, user("a"), List.of(), List.of()))
                .path("type_uid")
                .asLong())
        .isEqualTo(600510);
    assertThat(
            ocsf(0, event(AuditAction.LOGIN, user("a"), List.of(), List.of()))
                .path("activity_name")
                .asText())
        .isEqualTo("Connect");
    for (AuditAction action : AuditAction.values()) {
      JsonNode node = ocsf(0, event(action, user("a"), List.of(), List.of()));
      assertThat(node.path("type_uid").asLong())
          .isEqualTo(600500 + node.path("activity_id").asLong());
      assertThat(node.path("activity_id").asInt()).isEqualTo(action.ocsf().id());
    }
  }

  @Test
  void denialsAndFailuresAreFailuresWithADetail() throws Exception {
    JsonNode refused = ocsf(3, denied(AuditAction.ACCESS_DENIED, user("bob"), "CASE-9", "no role"));
    assertThat(refused.path("status_id").asInt()).isEqualTo(2);
    assertThat(refused.path("status").asText()).isEqualTo("Failure");
    assertThat(refused.path("status_detail").asText()).isEqualTo("no role");
    assertThat(refused.path("status_code").asText()).isEqualTo("denied");
    assertThat(refused.path("severity_id").asInt()).isEqualTo(3);
    assertThat(refused.path("severity").asText()).isEqualTo("Medium");
    assertThat(refused.path("activity_id").asInt()).isEqualTo(99);
    assertThat(refused.path("type_uid").asLong()).isEqualTo(600599);

    AuditEvent failed =
        AuditEvent.of(
            AuditAction.AUTHENTICATION_FAILED,
            AuditEvent.Outcome.FAILED,
            new Actor("user:mallory", "none", List.of(), "203.0.113.9", "curl/8"),
            null);
    JsonNode login = ocsf(4, failed);
    assertThat(login.path("status_id").asInt()).isEqualTo(2);
    assertThat(login.path("status_detail").asText()).isEqualTo("failed");
    assertThat(login.path("severity_id").asInt()).isEqualTo(3);
    assertThat(login.path("actor").path("user").path("type_id").asInt()).isZero();

    JsonNode alert = ocsf(5, AuditFixtures.alert(apiKey("guard"), "user:alice", "too many"));
    assertThat(alert.path("severity_id").asInt()).isEqualTo(4);
    assertThat(alert.path("severity").asText()).isEqualTo("High");
    assertThat(alert.path("status_id").asInt()).isEqualTo(1);
  }

  @Test
  void localCommandsAndKeysAreNamedForWhatTheyAre() throws Exception {
    JsonNode local =
        ocsf(
            0,
            AuditEvent.of(
                AuditAction.AUDIT_READ, AuditEvent.Outcome.SUCCESS, Actor.localOwner(), null));
    assertThat(local.path("src_endpoint").path("name").asText()).isEqualTo("local");
    assertThat(local.path("src_endpoint").has("ip")).isFalse();
    assertThat(local.has("http_request")).isFalse();
    assertThat(local.path("actor").path("user").path("type").asText()).isEqualTo("Admin");
    assertThat(local.path("unmapped").has("policy_version")).isFalse();

    JsonNode key = ocsf(0, event(AuditAction.EXPORT, apiKey("k1"), List.of(), List.of()));
    assertThat(key.path("actor").path("user").path("name").asText()).isEqualTo("k1");
    assertThat(key.path("actor").path("user").path("type_id").asInt()).isEqualTo(99);
    assertThat(OcsfExport.userName("oidc:https://idp.example#sub-1")).isEqualTo("sub-1");
  }
}
