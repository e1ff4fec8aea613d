package dev.casevault.scanner;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Cassandra's native protocol (CQL binary protocol v4): a STARTUP frame with {@code CQL_VERSION
 * 3.0.0}. READY means the server takes any client without authentication, and every table is
 * readable: {@link Verdict#OPEN_DATA}, not sampled (the probe runs no query). AUTHENTICATE, naming
 * the authenticator, is {@link Verdict#AUTH_REQUIRED}. Plain TCP first, then TLS.
 */
final class CassandraProbe implements Probe {
  static final byte VERSION_4 = 0x04;
  static final byte RESPONSE = (byte) 0x80;
  static final byte OPCODE_ERROR = 0x00;
  static final byte OPCODE_STARTUP = 0x01;
  static final byte OPCODE_READY = 0x02;
  static final byte OPCODE_AUTHENTICATE = 0x03;
  static final int MAX_BODY = 64 * 1024;

  @Override
  public String service() {
    return "cassandra";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(9042);
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
    try (Socket socket = session.connect(tls)) {
      OutputStream out = socket.getOutputStream();
      out.write(startup());
      out.flush();
      Reply reply = read(new DataInputStream(socket.getInputStream()));
      ServiceInfo info = ServiceInfo.of("cassandra", null);
      return switch (reply.opcode()) {
        case OPCODE_READY ->
            new Observation(
                service(),
                Verdict.OPEN_DATA,
                tls,
                info,
                List.of(),
                List.of(
                    "STARTUP answered READY: no authentication, every table readable by any"
                        + " client; not sampled"));
        case OPCODE_AUTHENTICATE ->
            Observation.authRequired(
                service(),
                tls,
                info,
                "STARTUP answered AUTHENTICATE (" + shortString(reply.body()) + ")");
        case OPCODE_ERROR -> Observation.error(service(), tls, "STARTUP answered ERROR");
        default -> Observation.notThisService(service());
      };
    }
  }

  /** STARTUP, v4: header (version, flags, stream 0, opcode, body length), body a string map. */
  static byte[] startup() {
    byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
    byte[] value = "3.0.0".getBytes(StandardCharsets.UTF_8);
    int bodyLength = 2 + 2 + key.length + 2 + value.length;
    return ByteBuffer.allocate(9 + bodyLength)
        .put(VERSION_4)
        .put((byte) 0)
        .putShort((short) 0)
        .put(OPCODE_STARTUP)
        .putInt(bodyLength)
        .putShort((short) 1)
        .putShort((short) key.length)
        .put(key)
        .putShort((short) value.length)
        .put(value)
        .array();
  }

  record Reply(byte opcode, byte[] body) {}

  /** A response frame of v3 to v5 (the header has the same layout); anything else is refused. */
  static Reply read(DataInputStream in) throws IOException {
    byte[] header = in.readNBytes(9);
    if (header.length < 9) {
      throw new EOFException("connection closed");
    }
    ByteBuffer frame = ByteBuffer.wrap(header);
    byte version = frame.get();
    if ((version & RESPONSE) == 0 || (version & 0x7f) < 3 || (version & 0x7f) > 5) {
      throw new ProtocolException("not a CQL response frame");
    }
    frame.get(); // flags
    frame.getShort(); // stream
    byte opcode = frame.get();
    int length = frame.getInt();
    if (length < 0 || length > MAX_BODY) {
      throw new ProtocolException("CQL body length out of bounds");
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return new Reply(opcode, body);
  }

  /** A [string] at the start of a body (the authenticator's class name), or "unknown". */
  static String shortString(byte[] body) {
    if (body.length < 2) {
      return "unknown";
    }
    int length = ((body[0] & 0xff) << 8) | (body[1] & 0xff);
    if (length > body.length - 2) {
      return "unknown";
    }
    return TextReport.clean(new String(body, 2, length, StandardCharsets.UTF_8));
  }
}
