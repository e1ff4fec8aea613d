package dev.casevault.audit;

import static dev.casevault.audit.AuditFixtures.T0;
import static dev.casevault.audit.AuditFixtures.event;
import static dev.casevault.audit.AuditFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.casevault.core.CaseVaultException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditEventsTest {
  @TempDir Path temp;

  static List<AuditEvents.Entry> readAll(Path dir) throws IOException {
    List<AuditEvents.Entry> entries = new ArrayList<>();
    try (AuditEvents events = AuditEvents.open(dir)) {
      for (AuditEvents.Entry entry = events.next(); entry != null; entry = events.next()) {
        entries.add(entry);
      }
    }
    return entries;
  }

  private Path logOf(int events) throws IOException {
    return logOf("audit", events);
  }

  private Path logOf(String name, int events) throws IOException {
    Path dir = temp.resolve(name);
    AuditFixtures.MutableClock clock = new AuditFixtures.MutableClock(T0);
    try (AuditTrail trail = AuditTrail.open(dir, clock)) {
      for (int i = 0; i < events; i++) {
        trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-" + i), List.of("c")));
        clock.advance(Duration.ofMinutes(1));
      }
    }
    return dir;
  }

  @Test
  void readsEveryEventInOrderWithItsIndexAndExactBytes() throws IOException {
    Path dir = logOf(5);
    List<AuditEvents.Entry> entries = readAll(dir);
    assertThat(entries).hasSize(5);
    for (int i = 0; i < 5; i++) {
      AuditEvents.Entry entry = entries.get(i);
      assertThat(entry.index()).isEqualTo(i);
      assertThat(entry.isEvent()).isTrue();
      assertThat(entry.problem()).isNull();
      assertThat(entry.event().target().cases()).containsExactly("CASE-" + i);
      assertThat(entry.event().time()).isEqualTo(T0.plus(Duration.ofMinutes(i)));
      assertThat(entry.bytes()).isEqualTo(AuditEventJson.encode(entry.event()));
    }
  }

  @Test
  void readsBesideAWriterUpToTheLastCompleteRecord() throws IOException {
    Path dir = temp.resolve("audit");
    try (AuditTrail trail = AuditTrail.open(dir, new AuditFixtures.MutableClock(T0))) {
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-0"), List.of()));
      try (AuditEvents events = AuditEvents.open(dir)) {
        // Appended after the reader opened: not seen, and no error.
        trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-1"), List.of()));
        assertThat(events.next().index()).isZero();
        assertThat(events.next()).isNull();
      }
      assertThat(readAll(dir)).hasSize(2);
    }
  }

  @Test
  void readersBesideABusyWriterSeeOnlyCompleteEvents() throws Exception {
    Path dir = temp.resolve("audit");
    try (AuditTrail trail = AuditTrail.open(dir, new AuditFixtures.MutableClock(T0))) {
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 1500; i++) {
                      trail.record(
                          event(AuditAction.READ, user("alice"), List.of("CASE-" + i), List.of()));
                    }
                  });
      long seen = 0;
      while (writer.isAlive() || seen < 1500) {
        List<AuditEvents.Entry> entries = readAll(dir);
        for (int i = 0; i < entries.size(); i++) {
          assertThat(entries.get(i).index()).isEqualTo(i);
          assertThat(entries.get(i).problem()).isNull();
          assertThat(entries.get(i).event().target().cases()).containsExactly("CASE-" + i);
        }
        assertThat(entries.size()).isGreaterThanOrEqualTo((int) seen);
        seen = entries.size();
      }
      writer.join();
    }
  }

  @Test
  void aRecordBeingAppendedEndsTheReadingQuietly() throws IOException {
    Path dir = logOf(3);
    Path entries = dir.resolve(AuditLog.ENTRIES);
    byte[] next = AuditEventJson.encode(event(AuditAction.READ, user("bob"), List.of(), List.of()));
    // The length and half of the record: what a reader can see while a write is in progress.
    Files.write(
        entries,
        ByteBuffer.allocate(4 + next.length / 2)
            .putInt(next.length)
            .put(next, 0, next.length / 2)
            .array(),
        StandardOpenOption.APPEND);
    assertThat(readAll(dir)).hasSize(3).allMatch(AuditEvents.Entry::isEvent);

    // A tail of zeros, as some file systems leave after a crash, likewise.
    Path zeros = logOf("empty", 0);
    Files.write(zeros.resolve(AuditLog.ENTRIES), new byte[64], StandardOpenOption.APPEND);
    assertThat(readAll(zeros)).isEmpty();
  }

  @Test
  void anEntryThatIsNotAnEventIsReportedWithItsIndex() throws IOException {
    Path dir = temp.resolve("audit");
    try (AuditTrail trail = AuditTrail.open(dir, new AuditFixtures.MutableClock(T0))) {
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-0"), List.of()));
      trail.log().append("not json".getBytes(StandardCharsets.UTF_8));
      trail.log().append("{\"v\":1,\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8));
      trail.record(event(AuditAction.READ, user("alice"), List.of("CASE-3"), List.of()));
    }
    List<AuditEvents.Entry> entries = readAll(dir);
    assertThat(entries).extracting(AuditEvents.Entry::index).containsExactly(0L, 1L, 2L, 3L);
    assertThat(entries.get(1).isEvent()).isFalse();
    assertThat(entries.get(1).describeProblem())
        .isEqualTo("audit log entry 1: not an audit event: not JSON");
    assertThat(entries.get(2).describeProblem())
        .startsWith("audit log entry 2: not an audit event");
    assertThat(entries.get(3).event().target().cases()).containsExactly("CASE-3");
  }

  @Test
  void aDamagedRecordIsReportedAndEndsTheReading() throws IOException {
    Path dir = logOf(4);
    Path entries = dir.resolve(AuditLog.ENTRIES);
    byte[] bytes = Files.readAllBytes(entries);
    int second = 4 + ByteBuffer.wrap(bytes).getInt(0);
    ByteBuffer.wrap(bytes).putInt(second, 0x7fff_ffff);
    Files.write(entries, bytes);
    List<AuditEvents.Entry> read = readAll(dir);
    assertThat(read).hasSize(2);
    assertThat(read.get(0).isEvent()).isTrue();
    assertThat(read.get(1).bytes()).isNull();
    assertThat(read.get(1).describeProblem())
        .startsWith("audit log entry 1: cannot be read (record 1 at byte " + second)
        .contains("invalid length")
        .endsWith("run casevault audit verify");
  }

  @Test
  void aFolderWithoutALogIsRefusedAndNothingIsCreated() {
    Path missing = temp.resolve("nothing");
    assertThatThrownBy(() -> AuditEvents.open(missing))
        .isInstanceOf(CaseVaultException.class)
        .hasMessageContaining("no audit log in " + missing);
    assertThatThrownBy(() -> AuditEvents.origin(missing)).isInstanceOf(CaseVaultException.class);
    assertThat(missing).doesNotExist();
  }
}
