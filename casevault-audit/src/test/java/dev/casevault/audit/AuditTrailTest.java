package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditTrailTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path temp;

  static AuditEvent read(String... cases) {
    return AuditEvent.of(
            AuditAction.READ,
            AuditEvent.Outcome.SUCCESS,
            new Actor("user:alice", "session", List.of("agent"), "127.0.0.1", "curl/8\nX"),
            "3")
        .withTarget(
            AuditTarget.NONE
                .withCases(List.of(cases), List.of("cust_tok"))
                .withFields(List.of("subject", "description")));
  }

  @Test
  void anEventSurvivesItsEncodingExactly() {
    AuditEvent event =
        read("CASE-1", "CASE-2")
            .withPurpose("ticket 42 asked for it")
            .withReason("r")
            .withTarget(
                AuditTarget.NONE.withQuery("h1", 12L).withDetails(Map.of("b", "2", "a", "1")))
            .at(CLOCK.instant());
    byte[] encoded = AuditEventJson.encode(event);
    assertThat(AuditEventJson.decode(encoded)).isEqualTo(event);
    assertThat(AuditEventJson.encode(AuditEventJson.decode(encoded))).isEqualTo(encoded);
    assertThat(new String(encoded, StandardCharsets.UTF_8))
        .startsWith("{\"v\":1,\"id\":")
        .contains("\"user_agent\":\"curl/8?X\"")
        .contains("\"details\":{\"a\":\"1\",\"b\":\"2\"}");
  }

  @Test
  void entriesThatAreNotEventsAreRefusedByName() {
    assertThatThrownBy(() -> AuditEventJson.decode("[1]".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("not a JSON object");
    assertThatThrownBy(() -> AuditEventJson.decode("{\"v\":9}".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("version");
    assertThatThrownBy(() -> AuditEventJson.decode("{".getBytes(StandardCharsets.UTF_8)))
        .hasMessage("not JSON");
  }

  @Test
  void recordsDurablyAndSignsACheckpointOverEverythingOnClose() throws Exception {
    Path dir = temp.resolve("audit");
    Receipt first;
    try (AuditTrail trail = AuditTrail.open(dir, CLOCK)) {
      first = trail.record(read("CASE-1"));
      assertThat(trail.record(read("CASE-2")).index()).isEqualTo(1);
    }
    assertThat(first.index()).isZero();
    try (var files = java.nio.file.Files.list(dir)) {
      for (Path file : files.toList()) {
        assertThat(
                java.nio.file.attribute.PosixFilePermissions.toString(
                    java.nio.file.Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isIn("rw-------", "rwx------");
      }
    }
    assertThat(first.origin()).matches("casevault/[0-9a-f]{16}");
    assertThat(first.header()).contains("index=0; origin=" + first.origin());
    AuditVerifier.Report report =
        new AuditVerifier(AuditTrail.verifier(dir), AuditTrail.origin(dir)).verify(dir);
    assertThat(report.ok()).isTrue();
    assertThat(report.warnings()).isEmpty();
    try (AuditTrail reopened = AuditTrail.open(dir, CLOCK)) {
      assertThat(reopened.log().origin()).isEqualTo(first.origin());
      assertThat(reopened.log().size()).isEqualTo(2);
      assertThat(reopened.log().latestCheckpoint()).hasValueSatisfying(n -> n.contains("\n2\n"));
    }
  }

  @Test
  void oneWriterAtATime() throws Exception {
    Path dir = temp.resolve("audit");
    try (AuditTrail trail = AuditTrail.open(dir, CLOCK)) {
      assertThatThrownBy(() -> AuditTrail.open(dir, CLOCK))
          .isInstanceOf(CaseVaultException.class)
          .hasMessageContaining("in use by another casevault process");
      trail.record(read("CASE-1"));
    }
  }

  @Test
  void anotherProcessHoldingTheLogIsRefusedUntilItLetsGo() throws Exception {
    Path dir = temp.resolve("audit");
    try (AuditTrail first = AuditTrail.open(dir, CLOCK)) {
      first.record(read("CASE-1"));
    }
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldAuditLog.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      String said =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
              .readLine();
      assertThat(said).isEqualTo("held 1");
      assertThatThrownBy(() -> AuditTrail.open(dir, CLOCK))
          .isInstanceOf(CaseVaultException.class)
          .hasMessageContaining("in use by another casevault process");
    } finally {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
    try (AuditTrail again = AuditTrail.open(dir, CLOCK)) {
      assertThat(again.log().size()).as("the other process wrote its checkpoint only").isEqualTo(1);
    }
  }
}
