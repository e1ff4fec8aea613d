package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of BSON (bsonspec.org, version 1.1) the MongoDB probe needs: commands are written from
 * ordered maps of strings, 32-bit integers, booleans and nested maps; replies are read into JSON
 * trees (doubles, strings, documents, arrays, binary as its length, ObjectIds as hex, booleans,
 * dates as epoch milliseconds, null, 32- and 64-bit integers, timestamps, decimal128 as hex), with
 * every length checked against the bytes there are.
 */
final class Bson {
  private static final int MAX_DEPTH = 32;

  private Bson() {}

  static byte[] encode(Map<String, Object> document) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, Object> field : document.entrySet()) {
      Object value = field.getValue();
      byte type;
      byte[] payload;
      switch (value) {
        case String text -> {
          type = 0x02;
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          payload =
              ByteBuffer.allocate(4 + bytes.length + 1)
                  .order(ByteOrder.LITTLE_ENDIAN)
                  .putInt(bytes.length + 1)
                  .put(bytes)
                  .put((byte) 0)
                  .array();
        }
        case Integer number -> {
          type = 0x10;
          payload = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(number).array();
        }
        case Boolean flag -> {
          type = 0x08;
          payload = new byte[] {(byte) (flag ? 1 : 0)};
        }
        case Map<?, ?> nested -> {
          type = 0x03;
          Map<String, Object> ordered = new LinkedHashMap<>();
          nested.forEach((key, inner) -> ordered.put((String) key, inner));
          payload = encode(ordered);
        }
        default -> throw new IllegalArgumentException("no BSON encoding for " + value.getClass());
      }
      body.write(type);
      body.writeBytes(cstring(field.getKey()));
      body.writeBytes(payload);
    }
    int length = 4 + body.size() + 1;
    ByteBuffer framed = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
    framed.putInt(length).put(body.toByteArray()).put((byte) 0);
    return framed.array();
  }

  private static byte[] cstring(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      if (b == 0) {
        throw new IllegalArgumentException("a BSON name cannot hold NUL");
      }
    }
    byte[] out = new byte[bytes.length + 1];
    System.arraycopy(bytes, 0, out, 0, bytes.length);
    return out;
  }

  /** Reads one document at the buffer's position, advancing past it. */
  static ObjectNode decode(ByteBuffer in) throws ProtocolException {
    return (ObjectNode) container(in.order(ByteOrder.LITTLE_ENDIAN), false, 0);
  }

  private static JsonNode container(ByteBuffer in, boolean array, int depth)
      throws ProtocolException {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("BSON nested too deep");
    }
    int start = in.position();
    int length = int32(in);
    if (length < 5 || length > in.remaining() + 4) {
      throw new ProtocolException("bad BSON document length");
    }
    int end = start + length;
    ObjectNode object = Json.NODES.objectNode();
    ArrayNode list = Json.NODES.arrayNode();
    while (true) {
      require(in, 1);
      byte type = in.get();
      if (type == 0) {
        break;
      }
      String name = cstring(in, end);
      JsonNode value = value(in, type, end, depth);
      if (array) {
        list.add(value);
      } else {
        object.set(name, value);
      }
    }
    if (in.position() != end) {
      throw new ProtocolException("BSON document length does not match its content");
    }
    return array ? list : object;
  }

  private static JsonNode value(ByteBuffer in, byte type, int end, int depth)
      throws ProtocolException {
    return switch (type) {
      case 0x01 -> Json.NODES.numberNode(double64(in));
      case 0x02, 0x0D, 0x0E -> Json.NODES.textNode(string(in, end));
      case 0x03 -> container(in, false, depth + 1);
      case 0x04 -> container(in, true, depth + 1);
      case 0x05 -> {
        int length = int32(in);
        require(in, length + 1);
        in.position(in.position() + 1 + length);
        yield Json.NODES.textNode("(binary, " + length + " bytes)");
      }
      case 0x06, 0x0A, (byte) 0xFF, 0x7F -> Json.NODES.nullNode();
      case 0x07 -> Json.NODES.textNode(HexFormat.of().formatHex(bytes(in, 12)));
      case 0x08 -> Json.NODES.booleanNode(bytes(in, 1)[0] != 0);
      case 0x09, 0x11, 0x12 -> Json.NODES.numberNode(int64(in));
      case 0x0B -> Json.NODES.textNode("/" + cstring(in, end) + "/" + cstring(in, end));
      case 0x10 -> Json.NODES.numberNode(int32(in));
      case 0x13 -> Json.NODES.textNode(HexFormat.of().formatHex(bytes(in, 16)));
      default -> throw new ProtocolException("unknown BSON type " + type);
    };
  }

  private static void require(ByteBuffer in, int bytes) throws ProtocolException {
    if (bytes < 0 || in.remaining() < bytes) {
      throw new ProtocolException("truncated BSON");
    }
  }

  private static byte[] bytes(ByteBuffer in, int count) throws ProtocolException {
    require(in, count);
    byte[] bytes = new byte[count];
    in.get(bytes);
    return bytes;
  }

  private static int int32(ByteBuffer in) throws ProtocolException {
    require(in, 4);
    return in.getInt();
  }

  private static long int64(ByteBuffer in) throws ProtocolException {
    require(in, 8);
    return in.getLong();
  }

  private static double double64(ByteBuffer in) throws ProtocolException {
    require(in, 8);
    return in.getDouble();
  }

  private static String string(ByteBuffer in, int end) throws ProtocolException {
    int length = int32(in);
    if (length < 1 || in.position() + length > end) {
      throw new ProtocolException("bad BSON string length");
    }
    byte[] bytes = bytes(in, length);
    if (bytes[length - 1] != 0) {
      throw new ProtocolException("BSON string not terminated");
    }
    return new String(bytes, 0, length - 1, StandardCharsets.UTF_8);
  }

  private static String cstring(ByteBuffer in, int end) throws ProtocolException {
    int from = in.position();
    for (int i = from; i < end; i++) {
      if (in.get(i) == 0) {
        byte[] bytes = new byte[i - from];
        in.get(bytes);
        in.get();
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    throw new ProtocolException("BSON name not terminated");
  }
}
