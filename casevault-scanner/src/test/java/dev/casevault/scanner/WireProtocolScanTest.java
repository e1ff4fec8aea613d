package dev.casevault.scanner;

import static dev.casevault.scanner.SpecBytes.array;
import static dev.casevault.scanner.SpecBytes.bool;
import static dev.casevault.scanner.SpecBytes.dbl;
import static dev.casevault.scanner.SpecBytes.document;
import static dev.casevault.scanner.SpecBytes.embedded;
import static dev.casevault.scanner.SpecBytes.int32;
import static dev.casevault.scanner.SpecBytes.int64;
import static dev.casevault.scanner.SpecBytes.objectId;
import static dev.casevault.scanner.SpecBytes.opMsg;
import static dev.casevault.scanner.SpecBytes.string;
import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.PiiDetector;
import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MongoDB and Cassandra, which have no server packaged here: the frames the probes must send are
 * written by hand from the protocols' specifications, and a scripted server on 127.0.0.1 checks
 * each request against them and answers with replies written the same way.
 */
class WireProtocolScanTest {
  static final String EMAIL = "marie.curie@example.fr";

  // ---------------------------------------------------------------- MongoDB (OP_MSG)

  /** The command each request must carry, written from the spec, keyed by its first field. */
  static final Map<String, byte[]> MONGO_REQUESTS = new LinkedHashMap<>();

  static {
    MONGO_REQUESTS.put("hello", document(int32("hello", 1), string("$db", "admin")));
    MONGO_REQUESTS.put("buildInfo", document(int32("buildInfo", 1), string("$db", "admin")));
    MONGO_REQUESTS.put(
        "listDatabases",
        document(int32("listDatabases", 1), string("$db", "admin"), bool("nameOnly", false)));
    MONGO_REQUESTS.put(
        "listCollections",
        document(int32("listCollections", 1), string("$db", "crm"), bool("nameOnly", true)));
    MONGO_REQUESTS.put("count", document(string("count", "customers"), string("$db", "crm")));
    MONGO_REQUESTS.put(
        "find",
        document(
            string("find", "customers"),
            string("$db", "crm"),
            int32("limit", 3),
            bool("singleBatch", true)));
  }

  static byte[] mongoReply(String command, boolean authenticationOn) {
    return switch (command) {
      case "hello" ->
          document(bool("isWritablePrimary", true), int32("maxWireVersion", 21), dbl("ok", 1.0));
      case "buildInfo" -> document(string("version", "7.0.14"), dbl("ok", 1.0));
      case "listDatabases" ->
          authenticationOn
              ? document(
                  dbl("ok", 0.0),
                  string("errmsg", "command listDatabases requires authentication"),
                  int32("code", 13),
                  string("codeName", "Unauthorized"))
              : document(
                  array(
                      "databases",
                      document(
                          string("name", "admin"),
                          int64("sizeOnDisk", 40960),
                          bool("empty", false)),
                      document(
                          string("name", "crm"), int64("sizeOnDisk", 81920), bool("empty", false))),
                  int64("totalSize", 122880),
                  dbl("ok", 1.0));
      case "listCollections" ->
          document(
              embedded(
                  "cursor",
                  document(
                      int64("id", 0),
                      string("ns", "crm.$cmd.listCollections"),
                      array(
                          "firstBatch",
                          document(string("name", "customers"), string("type", "collection"))))),
              dbl("ok", 1.0));
      case "count" -> document(int32("n", 2), dbl("ok", 1.0));
      case "find" ->
          document(
              embedded(
                  "cursor",
                  document(
                      array(
                          "firstBatch",
                          document(
                              objectId("_id", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}),
                              string("name", "Marie Curie"),
                              string("email", EMAIL)),
                          document(
                              objectId("_id", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13}),
                              string("note", "no contact details"))),
                      int64("id", 0),
                      string("ns", "crm.customers"))),
              dbl("ok", 1.0));
      default -> null;
    };
  }

  /** OP_MSG framing: the first four bytes (little-endian) are the whole message's length. */
  static byte[] nextOpMsg(InputStream in) throws IOException {
    byte[] prefix = in.readNBytes(4);
    if (prefix.length < 4) {
      return null;
    }
    int length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] frame = Arrays.copyOf(prefix, length);
    if (in.readNBytes(frame, 4, length - 4) != length - 4) {
      return null;
    }
    return frame;
  }

  /** Checks a request against the spec's frame and answers it; null (hang up) on a mismatch. */
  static byte[] answerMongo(byte[] frame, boolean authenticationOn, List<String> problems) {
    int requestId = ByteBuffer.wrap(frame, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    for (Map.Entry<String, byte[]> expected : MONGO_REQUESTS.entrySet()) {
      byte[] spec = opMsg(requestId, 0, expected.getValue());
      if (Arrays.equals(frame, spec)) {
        byte[] reply = mongoReply(expected.getKey(), authenticationOn);
        return opMsg(900 + requestId, requestId, reply);
      }
    }
    problems.add(
        "a request that matches no frame of the spec: "
            + java.util.HexFormat.of().formatHex(frame));
    return null;
  }

  private static Scanner only(Probe probe) {
    return new Scanner(
        List.of(probe),
        ScanSettings.defaults().withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)),
        PiiDetector.standard());
  }

  @Test
  void anOpenMongoDbIsOpenDataFromFramesBuiltByTheSpec() throws Exception {
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (WireFake mongo =
            new WireFake(
                WireProtocolScanTest::nextOpMsg, frame -> answerMongo(frame, false, problems));
        Scanner scanner = only(new MongoProbe())) {
      ScanResult result = scanner.scan(mongo.endpoint());
      assertThat(problems).isEmpty();
      assertThat(mongo.frames()).hasSize(6);
      assertThat(result.service()).isEqualTo("mongodb");
      assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
      assertThat(result.info().version()).isEqualTo("7.0.14");
      assertThat(result.stores()).hasSize(1);
      StoreReport customers = result.stores().getFirst();
      assertThat(customers.name()).isEqualTo("crm.customers");
      assertThat(customers.documents()).isEqualTo(2);
      assertThat(customers.sampled()).isEqualTo(2);
      assertThat(result.personalData()).extracting(PersonalDataFound::type).contains(PiiType.EMAIL);
      assertThat(
              result.personalData().stream()
                  .filter(p -> p.type() == PiiType.EMAIL)
                  .findFirst()
                  .orElseThrow()
                  .fields())
          .containsExactly("email");
    }
  }

  @Test
  void aMongoDbThatRefusesListDatabasesRequiresCredentials() throws Exception {
    List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (WireFake mongo =
            new WireFake(
                WireProtocolScanTest::nextOpMsg, frame -> answerMongo(frame, true, problems));
        Scanner scanner = only(new MongoProbe())) {
      ScanResult result = scanner.scan(mongo.endpoint());
      assertThat(problems).isEmpty();
      assertThat(result.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
      assertThat(result.notes()).anyMatch(note -> note.contains("Unauthorized (code 13)"));
      assertThat(mongo.frames()).hasSize(3); // hello, buildInfo, listDatabases: then it stops
    }
  }

  @Test
  void bsonRepliesWithBadLengthsAreRefusedNotTrusted() {
    byte[] good = document(string("a", "b"));
    byte[] lying = good.clone();
    lying[0] = (byte) 200; // claims more bytes than there are
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Bson.decode(ByteBuffer.wrap(lying)))
        .isInstanceOf(java.net.ProtocolException.class);
    byte[] badString = good.clone();
    badString[7] = 100; // the string's length runs past the document
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Bson.decode(ByteBuffer.wrap(badString)))
        .isInstanceOf(java.net.ProtocolException.class);
  }

  // ---------------------------------------------------------------- Cassandra (CQL v4)

  /** STARTUP from the CQL v4 spec: version 0x04, flags 0, stream 0, opcode 0x01, body length. */
  static final byte[] STARTUP =
      SpecBytes.of()
          .raw(0x04, 0x00)
          .int16be(0)
          .raw(0x01)
          .int32be(22)
          .int16be(1)
          .int16be(11)
          .ascii("CQL_VERSION")
          .int16be(5)
          .ascii("3.0.0")
          .bytes();

  static final byte[] READY =
      SpecBytes.of().raw(0x84, 0x00).int16be(0).raw(0x02).int32be(0).bytes();

  static final String AUTHENTICATOR = "org.apache.cassandra.auth.PasswordAuthenticator";

  static final byte[] AUTHENTICATE =
      SpecBytes.of()
          .raw(0x84, 0x00)
          .int16be(0)
          .raw(0x03)
          .int32be(2 + AUTHENTICATOR.length())
          .int16be(AUTHENTICATOR.length())
          .ascii(AUTHENTICATOR)
          .bytes();

  /** CQL framing: a 9-byte header whose last four bytes are the body's length. */
  static byte[] nextCql(InputStream in) throws IOException {
    byte[] header = in.readNBytes(9);
    if (header.length < 9) {
      return null;
    }
    int length = ByteBuffer.wrap(header, 5, 4).getInt();
    byte[] frame = Arrays.copyOf(header, 9 + length);
    if (in.readNBytes(frame, 9, length) != length) {
      return null;
    }
    return frame;
  }

  @Test
  void aCassandraThatAnswersReadyIsOpenAndOneThatAsksToAuthenticateIsClosed() throws Exception {
    try (WireFake open =
            new WireFake(
                WireProtocolScanTest::nextCql,
                frame -> Arrays.equals(frame, STARTUP) ? READY : null);
        WireFake closed =
            new WireFake(
                WireProtocolScanTest::nextCql,
                frame -> Arrays.equals(frame, STARTUP) ? AUTHENTICATE : null);
        Scanner scanner = only(new CassandraProbe())) {
      ScanResult openResult = scanner.scan(open.endpoint());
      assertThat(open.frames()).hasSize(1).allMatch(frame -> Arrays.equals(frame, STARTUP));
      assertThat(openResult.service()).isEqualTo("cassandra");
      assertThat(openResult.verdict()).isEqualTo(Verdict.OPEN_DATA);
      assertThat(openResult.severity()).isEqualTo(Severity.HIGH);

      ScanResult closedResult = scanner.scan(closed.endpoint());
      assertThat(closedResult.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
      assertThat(closedResult.notes()).anyMatch(note -> note.contains(AUTHENTICATOR));
    }
  }

  @Test
  void somethingElseOnTheCassandraPortIsNotThisService() throws Exception {
    byte[] http =
        "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (WireFake other = new WireFake(WireProtocolScanTest::nextCql, frame -> http);
        Scanner scanner = only(new CassandraProbe())) {
      assertThat(scanner.scan(other.endpoint()).verdict()).isEqualTo(Verdict.NOT_THIS_SERVICE);
    }
  }
}
