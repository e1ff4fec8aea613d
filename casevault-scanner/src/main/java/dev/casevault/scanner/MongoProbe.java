package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MongoDB over its wire protocol with OP_MSG (opcode 2013, MongoDB 3.6 and later; 5.1+ refuses the
 * legacy OP_QUERY): {@code hello} to recognise it, {@code buildInfo} for the version, {@code
 * listDatabases} (refused with code 13, Unauthorized, when authentication is on), then per database
 * {@code listCollections} and per collection {@code count} and {@code find} with {@code limit: 3}.
 * Plain TCP first, then TLS.
 */
final class MongoProbe implements Probe {
  static final int OP_MSG = 2013;
  static final int MAX_MESSAGE_BYTES = 48 * 1024 * 1024; // MongoDB's own maxMessageSizeBytes
  private static final int UNAUTHORIZED = 13;
  private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

  @Override
  public String service() {
    return "mongodb";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(27017, 27018);
  }

  @Override
  public boolean http() {
    return false;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    return PlainThenTls.probe(service(), session, this::probe);
  }

  private Observation probe(Session session, boolean tls) throws IOException, InterruptedException {
    try (Connection mongo = new Connection(session.connect(tls), session)) {
      ObjectNode hello = mongo.command(command("hello", 1, "admin"));
      if (!hello.has("maxWireVersion")) {
        return Observation.notThisService(service());
      }
      ObjectNode build = mongo.command(command("buildInfo", 1, "admin"));
      ServiceInfo info =
          new ServiceInfo(
              "mongodb", Json.text(build, "version"), null, Json.text(hello, "setName"));
      Map<String, Object> list = command("listDatabases", 1, "admin");
      list.put("nameOnly", false);
      ObjectNode databases = mongo.command(list);
      if (!ok(databases)) {
        if (Json.number(databases, "code") != null
            && Json.number(databases, "code") == UNAUTHORIZED) {
          return Observation.authRequired(
              service(), tls, info, "listDatabases refused: Unauthorized (code 13)");
        }
        return Observation.error(service(), tls, "listDatabases failed");
      }
      List<StoreSample> stores = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      boolean readAny = false;
      int sampled = 0;
      for (JsonNode database : databases.path("databases")) {
        String name = Json.text(database, "name");
        if (name == null || SYSTEM_DATABASES.contains(name)) {
          continue;
        }
        Map<String, Object> collectionsCommand = command("listCollections", 1, name);
        collectionsCommand.put("nameOnly", true);
        ObjectNode collections = mongo.command(collectionsCommand);
        for (JsonNode collection : collections.path("cursor").path("firstBatch")) {
          String collectionName = Json.text(collection, "name");
          if (collectionName == null || collectionName.startsWith("system.")) {
            continue;
          }
          String storeName = name + "." + collectionName;
          if (sampled >= session.settings().maxSampledStores()) {
            stores.add(StoreSample.unsampled(storeName, null, null));
            continue;
          }
          sampled++;
          Long count = Json.number(mongo.command(command("count", collectionName, name)), "n");
          Map<String, Object> find = command("find", collectionName, name);
          find.put("limit", Probes.MAX_SAMPLES);
          find.put("singleBatch", true);
          List<SampledRecord> samples = new ArrayList<>();
          for (JsonNode document : mongo.command(find).path("cursor").path("firstBatch")) {
            if (samples.size() < Probes.MAX_SAMPLES) {
              String id = document.has("_id") ? document.get("_id").asText() : "#" + samples.size();
              samples.add(new SampledRecord(id, document));
            }
          }
          readAny |= !samples.isEmpty();
          stores.add(new StoreSample(storeName, count, null, "", samples));
        }
      }
      return new Observation(
          service(), readAny ? Verdict.OPEN_DATA : Verdict.OPEN_METADATA, tls, info, stores, notes);
    }
  }

  /** A command document: its name first (MongoDB reads the command from the first field). */
  static Map<String, Object> command(String name, Object value, String database) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put(name, value);
    command.put("$db", database);
    return command;
  }

  private static boolean ok(JsonNode reply) {
    JsonNode ok = reply.get("ok");
    return ok != null && ok.asDouble() == 1.0;
  }

  /**
   * An OP_MSG frame: the standard header (messageLength, requestID, responseTo 0, opCode 2013),
   * flagBits 0, one body section (kind 0) holding the command.
   */
  static byte[] frame(int requestId, Map<String, Object> command) {
    byte[] body = Bson.encode(command);
    int length = 16 + 4 + 1 + body.length;
    return ByteBuffer.allocate(length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(length)
        .putInt(requestId)
        .putInt(0)
        .putInt(OP_MSG)
        .putInt(0)
        .put((byte) 0)
        .put(body)
        .array();
  }

  /**
   * The body document of an OP_MSG reply to {@code requestId}.
   *
   * @throws ProtocolException when the bytes are not such a reply
   */
  static ObjectNode reply(byte[] message, int requestId) throws ProtocolException {
    ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
    if (message.length < 21) {
      throw new ProtocolException("short reply");
    }
    int length = in.getInt();
    in.getInt(); // the reply's own request id
    int responseTo = in.getInt();
    int opCode = in.getInt();
    if (length != message.length || opCode != OP_MSG || responseTo != requestId) {
      throw new ProtocolException("not an OP_MSG reply to this request");
    }
    int flags = in.getInt();
    int end = (flags & 1) != 0 ? length - 4 : length; // checksumPresent: a CRC-32C at the end
    while (in.position() < end) {
      byte kind = in.get();
      if (kind == 0) {
        return Bson.decode(in);
      }
      if (kind != 1 || in.remaining() < 4) {
        throw new ProtocolException("unknown OP_MSG section kind");
      }
      int size = in.getInt();
      if (size < 4 || in.position() + size - 4 > end) {
        throw new ProtocolException("bad OP_MSG section size");
      }
      in.position(in.position() + size - 4);
    }
    throw new ProtocolException("OP_MSG reply without a body");
  }

  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final Session session;
    private final DataInputStream in;
    private final OutputStream out;
    private int nextRequestId = 1;

    Connection(Socket socket, Session session) throws IOException {
      this.socket = socket;
      this.session = session;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    ObjectNode command(Map<String, Object> command) throws IOException, InterruptedException {
      session.pace();
      int requestId = nextRequestId++;
      out.write(frame(requestId, command));
      out.flush();
      byte[] prefix = in.readNBytes(4);
      if (prefix.length < 4) {
        throw new EOFException("connection closed");
      }
      int length = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getInt();
      if (length < 21 || length > Math.min(MAX_MESSAGE_BYTES, session.settings().maxReplyBytes())) {
        throw new ProtocolException("reply length out of bounds");
      }
      byte[] message = new byte[length];
      System.arraycopy(prefix, 0, message, 0, 4);
      in.readFully(message, 4, length - 4);
      return reply(message, requestId);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
