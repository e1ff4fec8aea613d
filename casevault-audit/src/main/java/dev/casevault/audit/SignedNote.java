package dev.casevault.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note (c2sp.org/signed-note): a text ending in a newline, a blank line, then one
 * line per signature, {@code — <key name> <base64(4-byte key hash ‖ signature)>}. Parsing is
 * strict: a note that another implementation could read differently is refused.
 */
public record SignedNote(String text, List<Signature> signatures) {
  /** The em dash (U+2014) and space that begin every signature line. */
  static final String SIGNATURE_PREFIX = "\u2014 ";

  // The reference implementation's limit: more signatures than this is an attack, not a note.
  private static final int MAX_SIGNATURES = 100;

  public SignedNote {
    requireText(text);
    signatures = List.copyOf(signatures);
  }

  /** One signature line: the key's name, its 4-byte hash and the signature bytes. */
  public record Signature(String keyName, byte[] keyHash, byte[] signature) {
    public Signature {
      KeyNames.require(keyName);
      if (keyHash.length != KeyNames.KEY_HASH_BYTES) {
        throw new InvalidProofException("a key hash has 4 bytes, not " + keyHash.length);
      }
      keyHash = keyHash.clone();
      signature = signature.clone();
    }

    String line() {
      byte[] both = Arrays.copyOf(keyHash, keyHash.length + signature.length);
      System.arraycopy(signature, 0, both, keyHash.length, signature.length);
      return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(both) + "\n";
    }
  }

  public String format() {
    StringBuilder note = new StringBuilder(text).append('\n');
    signatures.forEach(signature -> note.append(signature.line()));
    return note.toString();
  }

  /** Parses a note stored as bytes, refusing anything that is not UTF-8. */
  public static SignedNote parse(byte[] utf8) {
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString());
    } catch (CharacterCodingException e) {
      throw new InvalidProofException("malformed note: not UTF-8");
    }
  }

  public static SignedNote parse(String note) {
    // The text is everything up to the last blank line; the signature lines contain none.
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw new InvalidProofException("malformed note: no blank line before the signatures");
    }
    String text = note.substring(0, split + 1);
    String block = note.substring(split + 2);
    if (block.isEmpty()) {
      throw new InvalidProofException("malformed note: no signature lines");
    }
    if (!block.endsWith("\n")) {
      throw new InvalidProofException("malformed note: the last signature line has no newline");
    }
    List<Signature> signatures = new ArrayList<>();
    for (String line : block.substring(0, block.length() - 1).split("\n", -1)) {
      if (signatures.size() == MAX_SIGNATURES) {
        throw new InvalidProofException("malformed note: more than 100 signatures");
      }
      signatures.add(parseSignatureLine(line));
    }
    return new SignedNote(text, signatures);
  }

  private static Signature parseSignatureLine(String line) {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw new InvalidProofException(
          "malformed note: a signature line must start with an em dash (U+2014) and a space");
    }
    String[] fields = line.substring(SIGNATURE_PREFIX.length()).split(" ", -1);
    if (fields.length != 2) {
      throw new InvalidProofException(
          "malformed note: a signature line has a key name and a signature, separated by a space");
    }
    byte[] bytes = strictBase64(fields[1], "signature");
    if (bytes.length <= KeyNames.KEY_HASH_BYTES) {
      throw new InvalidProofException(
          "malformed note: signature by " + fields[0] + " is too short");
    }
    try {
      return new Signature(
          fields[0],
          Arrays.copyOf(bytes, KeyNames.KEY_HASH_BYTES),
          Arrays.copyOfRange(bytes, KeyNames.KEY_HASH_BYTES, bytes.length));
    } catch (InvalidProofException e) {
      throw new InvalidProofException("malformed note: " + e.getMessage());
    }
  }

  /** Standard base64 with padding, and only its canonical form: no two strings for one value. */
  static byte[] strictBase64(String text, String what) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidProofException("malformed " + what + ": not base64");
    }
    if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
      throw new InvalidProofException("malformed " + what + ": not canonical base64");
    }
    return bytes;
  }

  private static void requireText(String text) {
    if (text.isEmpty() || !text.endsWith("\n")) {
      throw new InvalidProofException(
          "malformed note: the text must be non-empty and end in a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\n' && (c < 0x20 || c == 0x7f)) {
        throw new InvalidProofException(
            "malformed note: control character U+%04X in the text".formatted((int) c));
      }
    }
  }
}
