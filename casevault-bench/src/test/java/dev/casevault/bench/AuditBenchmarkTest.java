package dev.casevault.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditEventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditBenchmarkTest {
  @TempDir Path temp;

  @Test
  void eventsAreSearchesOfTenCasesThatSurviveTheirEncoding() {
    AuditEvent event = new AuditBenchmark.Events(5).next(Instant.parse("2026-11-29T10:00:00Z"));
    assertThat(event.action()).isEqualTo(AuditAction.SEARCH);
    assertThat(event.target().cases()).hasSize(10);
    assertThat(event.target().customers()).hasSize(10);
    assertThat(event.target().queryHash()).hasSize(64);
    assertThat(event.actor().roles()).hasSize(2);
    assertThat(event.actor().sourceIp()).isNotNull();
    assertThat(event.actor().userAgent()).isNotNull();
    assertThat(AuditEventJson.decode(AuditEventJson.encode(event))).isEqualTo(event);
    assertThat(new AuditBenchmark.Events(5).next().id()).isNotEqualTo(event.id());
  }

  @Test
  void aSmokeRunWritesEveryWriterCountAndDeletesItsLogs() throws Exception {
    Path work = temp.resolve("work");
    Path out = temp.resolve("results/audit.json");
    AuditBenchmark.run(
        new AuditBenchmark.Settings(0.3, 0.1, 1, List.of(1, 4), 0.1, true, work, out));

    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("benchmark").asText()).isEqualTo("audit append");
    assertThat(json.get("loadAverageAtStart").asText()).isNotEmpty();
    assertThat(json.at("/rounds/0/fsyncReference/fsyncsPerSecond").asDouble()).isPositive();
    assertThat(json.at("/rounds/0/fsyncReferenceTwoFiles/stepsPerSecond").asDouble()).isPositive();
    JsonNode writers = json.at("/medians/writers");
    assertThat(writers).hasSize(2);
    assertThat(writers.get(0).get("writers").asInt()).isEqualTo(1);
    assertThat(writers.get(1).get("writers").asInt()).isEqualTo(4);
    for (JsonNode measured : json.at("/rounds/0/writers")) {
      assertThat(measured.get("events").asLong()).isPositive();
      assertThat(measured.get("meanEntryBytes").asDouble()).isBetween(700.0, 1200.0);
      assertThat(measured.get("p50Millis").asDouble())
          .isLessThanOrEqualTo(measured.get("p99Millis").asDouble());
      assertThat(measured.get("checkpointsInLog").asLong()).isPositive();
      if (json.at("/setup/fsyncCountsFromJfr").asBoolean()) {
        assertThat(measured.get("groupCommits").asLong()).isPositive();
        assertThat(measured.get("meanEntriesPerGroupCommit").asDouble()).isGreaterThan(0.5);
      }
    }
    try (var left = Files.list(work)) {
      assertThat(left).isEmpty();
    }
  }
}
