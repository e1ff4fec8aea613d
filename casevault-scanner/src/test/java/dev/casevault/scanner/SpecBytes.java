package dev.casevault.scanner;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Bytes written by hand from the published specifications (bsonspec.org 1.1, the MongoDB wire
 * protocol's OP_MSG, the CQL native protocol v4), independent of the scanner's own encoders, so
 * that a test compares the scanner's frames with the specification and not with itself.
 */
final class SpecBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static SpecBytes of() {
    return new SpecBytes();
  }

  SpecBytes int32le(int value) {
    out.write(value & 0xff);
    out.write((value >>> 8) & 0xff);
    out.write((value >>> 16) & 0xff);
    out.write((value >>> 24) & 0xff);
    return this;
  }

  SpecBytes int64le(long value) {
    int32le((int) value);
    return int32le((int) (value >>> 32));
  }

  SpecBytes doublele(double value) {
    return int64le(Double.doubleToLongBits(value));
  }

  SpecBytes int16be(int value) {
    out.write((value >>> 8) & 0xff);
    out.write(value & 0xff);
    return this;
  }

  SpecBytes int32be(int value) {
    int16be(value >>> 16);
    return int16be(value);
  }

  SpecBytes raw(int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
    return this;
  }

  SpecBytes raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  SpecBytes ascii(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** A BSON cstring: the bytes, then NUL. */
  SpecBytes cstring(String text) {
    return ascii(text).raw(0);
  }

  byte[] bytes() {
    return out.toByteArray();
  }

  int size() {
    return out.size();
  }

  // BSON: document ::= int32 e_list "\x00"; element ::= type-byte e_name value

  /** A document of elements already encoded. */
  static byte[] document(byte[]... elements) {
    int length = 4 + 1;
    for (byte[] element : elements) {
      length += element.length;
    }
    SpecBytes document = of().int32le(length);
    for (byte[] element : elements) {
      document.raw(element);
    }
    return document.raw(0).bytes();
  }

  static byte[] int32(String name, int value) {
    return of().raw(0x10).cstring(name).int32le(value).bytes();
  }

  static byte[] int64(String name, long value) {
    return of().raw(0x12).cstring(name).int64le(value).bytes();
  }

  static byte[] dbl(String name, double value) {
    return of().raw(0x01).cstring(name).doublele(value).bytes();
  }

  static byte[] bool(String name, boolean value) {
    return of().raw(0x08).cstring(name).raw(value ? 1 : 0).bytes();
  }

  static byte[] string(String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return of().raw(0x02).cstring(name).int32le(bytes.length + 1).raw(bytes).raw(0).bytes();
  }

  static byte[] embedded(String name, byte[] document) {
    return of().raw(0x03).cstring(name).raw(document).bytes();
  }

  /** An array is a document whose names are "0", "1", ... */
  static byte[] array(String name, byte[]... documents) {
    byte[][] elements = new byte[documents.length][];
    for (int i = 0; i < documents.length; i++) {
      elements[i] = embedded(Integer.toString(i), documents[i]);
      elements[i][0] = 0x03;
    }
    return of().raw(0x04).cstring(name).raw(document(elements)).bytes();
  }

  static byte[] objectId(String name, byte[] twelve) {
    return of().raw(0x07).cstring(name).raw(twelve).bytes();
  }

  /** OP_MSG: header (length, requestID, responseTo, opCode 2013), flagBits, kind-0 section. */
  static byte[] opMsg(int requestId, int responseTo, byte[] body) {
    int length = 16 + 4 + 1 + body.length;
    return of().int32le(length)
        .int32le(requestId)
        .int32le(responseTo)
        .int32le(2013)
        .int32le(0)
        .raw(0)
        .raw(body)
        .bytes();
  }
}
