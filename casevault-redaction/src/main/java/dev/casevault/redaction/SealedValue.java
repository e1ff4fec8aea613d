package dev.casevault.redaction;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An original value, encrypted under its customer's vault key, and where its placeholder sits in
 * the redacted case.
 *
 * @param field the field path, as in the ground truth ({@code description}, {@code
 *     messages[2].text}, {@code customer.email})
 * @param start where the placeholder starts in the redacted field (0 for identity fields)
 * @param type the type of the value
 * @param keyId which vault key sealed it (an opaque id, not the customer)
 * @param ciphertext AES-256-GCM of the value, bound by its associated data to the case, the field,
 *     the position and the type: a sealed value copied elsewhere does not decrypt
 */
public record SealedValue(String field, int start, PiiType type, String keyId, byte[] ciphertext) {
  public SealedValue {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(ciphertext, "ciphertext");
  }

  static byte[] associatedData(String caseId, String field, int start, PiiType type) {
    return (caseId + '\0' + field + '\0' + start + '\0' + type.name())
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] associatedData(String caseId, String field, SealedValue sealed) {
    return associatedData(caseId, field, sealed.start(), sealed.type());
  }

  /** A compact binary form for stores; the inverse of {@link #decodeAll}. */
  public static byte[] encodeAll(List<SealedValue> values) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(1);
      out.writeInt(values.size());
      for (SealedValue value : values) {
        out.writeUTF(value.field());
        out.writeInt(value.start());
        out.writeUTF(value.type().name());
        out.writeUTF(value.keyId());
        out.writeInt(value.ciphertext().length);
        out.write(value.ciphertext());
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return bytes.toByteArray();
  }

  public static List<SealedValue> decodeAll(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(encoded))) {
      if (in.readByte() != 1) {
        throw new IllegalArgumentException("unknown sealed-values format");
      }
      int count = in.readInt();
      List<SealedValue> values = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String field = in.readUTF();
        int start = in.readInt();
        PiiType type = PiiType.valueOf(in.readUTF());
        String keyId = in.readUTF();
        byte[] ciphertext = new byte[in.readInt()];
        in.readFully(ciphertext);
        values.add(new SealedValue(field, start, type, keyId, ciphertext));
      }
      return values;
    } catch (IOException e) {
      throw new IllegalArgumentException("damaged sealed values", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SealedValue that
        && field.equals(that.field)
        && start == that.start
        && type == that.type
        && keyId.equals(that.keyId)
        && java.util.Arrays.equals(ciphertext, that.ciphertext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field, start, type, keyId, java.util.Arrays.hashCode(ciphertext));
  }

  @Override
  public String toString() {
    return "SealedValue[" + field + "@" + start + " " + type + "]";
  }
}
