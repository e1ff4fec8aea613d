package dev.casevault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.casevault.audit.Actor;
import dev.casevault.audit.AuditAction;
import dev.casevault.audit.AuditEvent;
import dev.casevault.audit.AuditTarget;
import dev.casevault.audit.AuditTrail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code casevault audit prove} prints what an outsider needs, and the outsider's check needs no
 * casevault class: it is written here from docs/audit.md ("Checking an inclusion proof with only
 * the public key") with the JDK alone.
 */
class AuditProveCommandTest {
  @TempDir Path folder;
  Path data;

  @BeforeEach
  void writeLog() throws IOException {
    data = folder.resolve("data");
    Files.createDirectories(
        data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Actor alice = new Actor("user:alice", "session", List.of("agent"), "192.0.2.7", null);
    try (AuditTrail trail =
        AuditTrail.open(
            data.resolve("audit"),
            Clock.fixed(Instant.parse("2026-01-10T09:00:00Z"), ZoneOffset.UTC))) {
      for (int i = 0; i < 6; i++) {
        trail.record(
            AuditEvent.of(AuditAction.READ, AuditEvent.Outcome.SUCCESS, alice, "3")
                .withTarget(AuditTarget.NONE.withCases(List.of("CASE-" + i), List.of("tok"))));
      }
    }
  }

  private JsonNode prove(String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("audit", "prove", "--data", data.toString()));
    args.addAll(List.of(more));
    CommandLineTest.Result result = AuditCommandTest.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();
    return new ObjectMapper().readTree(result.out());
  }

  @Test
  void everyEntryIsProvenToAnOutsiderWithTheJdkAlone() throws Exception {
    for (int index = 0; index < 6; index++) {
      JsonNode proof = prove(Integer.toString(index));
      // Each prove recorded its read first; the latest checkpoint covers that record too.
      assertThat(proof.path("tree_size").asLong()).isEqualTo(7 + index);
      assertThat(proof.path("index").asLong()).isEqualTo(index);
      assertThat(proof.path("entry").asText()).contains("\"cases\":[\"CASE-" + index + "\"]");
      byte[] entry = Base64.getDecoder().decode(proof.path("entry_base64").asText());
      assertThat(new String(entry, StandardCharsets.UTF_8)).isEqualTo(proof.path("entry").asText());
      assertThat(check(proof, entry, hashes(proof))).isNull();
    }
  }

  @Test
  void aChangedEntryByteProofHashOrIndexIsRejected() throws Exception {
    JsonNode proof = prove("2");
    byte[] entry = Base64.getDecoder().decode(proof.path("entry_base64").asText());
    List<byte[]> hashes = hashes(proof);
    assertThat(check(proof, entry, hashes)).isNull();
    assertThat(hashes).isNotEmpty();

    for (int i = 0; i < entry.length; i += 7) {
      byte[] changed = entry.clone();
      changed[i] ^= 0x20;
      assertThat(check(proof, changed, hashes)).as("entry byte " + i).isEqualTo("root");
    }
    for (int h = 0; h < hashes.size(); h++) {
      List<byte[]> changed = new ArrayList<>(hashes);
      byte[] hash = changed.get(h).clone();
      hash[31] ^= 1;
      changed.set(h, hash);
      assertThat(check(proof, entry, changed)).as("proof hash " + h).isEqualTo("root");
    }
    assertThat(check(proof, entry, hashes.subList(0, hashes.size() - 1))).isNotNull();
    JsonNode otherIndex =
        ((com.fasterxml.jackson.databind.node.ObjectNode) proof.deepCopy()).put("index", 3);
    assertThat(check(otherIndex, entry, hashes)).isNotNull();
    String note = proof.path("checkpoint").asText();
    JsonNode forged =
        ((com.fasterxml.jackson.databind.node.ObjectNode) proof.deepCopy())
            .put("checkpoint", note.replaceFirst("\n\\d+\n", "\n3\n"));
    assertThat(check(forged, entry, hashes)).isEqualTo("signature");
  }

  @Test
  void anOlderCheckpointIsChosenBySizeAndMissingOnesAreNamed() throws Exception {
    JsonNode proof = prove("1", "--size", "6");
    assertThat(proof.path("tree_size").asLong()).isEqualTo(6);
    assertThat(
            check(
                proof,
                Base64.getDecoder().decode(proof.path("entry_base64").asText()),
                hashes(proof)))
        .isNull();

    CommandLineTest.Result noSize =
        AuditCommandTest.run("audit", "prove", "1", "--data", data.toString(), "--size", "1000");
    assertThat(noSize.exitCode()).isEqualTo(1);
    assertThat(noSize.err()).startsWith("casevault: there is no signed checkpoint of size 1000");

    CommandLineTest.Result noEntry =
        AuditCommandTest.run("audit", "prove", "99", "--data", data.toString());
    assertThat(noEntry.exitCode()).isEqualTo(1);
    assertThat(noEntry.err()).startsWith("casevault: there is no entry 99: the log has ");
    assertThat(noEntry.out()).isEmpty();
  }

  private static List<byte[]> hashes(JsonNode proof) {
    List<byte[]> hashes = new ArrayList<>();
    proof.path("inclusion_proof").forEach(h -> hashes.add(Base64.getDecoder().decode(h.asText())));
    return hashes;
  }

  /**
   * The outsider's check of docs/audit.md. Returns null when the entry is proven, else which step
   * refused it: "key", "signature", "checkpoint", "proof" or "root".
   */
  static String check(JsonNode proof, byte[] entry, List<byte[]> hashes)
      throws GeneralSecurityException {
    // 1. The key: name+hash+base64(0x01 || public key), the hash being the first 4 bytes of
    // SHA-256(name || 0x0A || 0x01 || public key).
    String[] vkey = proof.path("verifier_key").asText().split("\\+", 3);
    if (vkey.length != 3) {
      return "key";
    }
    String name = vkey[0];
    byte[] keyHash = HexFormat.of().parseHex(vkey[1]);
    byte[] key = Base64.getDecoder().decode(vkey[2]);
    if (key.length != 33 || key[0] != 0x01) {
      return "key";
    }
    byte[] publicKey = Arrays.copyOfRange(key, 1, 33);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((name + "\n").getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0x01);
    sha.update(publicKey);
    if (!Arrays.equals(Arrays.copyOf(sha.digest(), 4), keyHash)) {
      return "key";
    }

    // 2. The note: the text is everything before the last blank line, with its first newline.
    String note = proof.path("checkpoint").asText();
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      return "signature";
    }
    String text = note.substring(0, split + 1);
    boolean signed = false;
    for (String line : note.substring(split + 2).split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length != 3 || !fields[0].equals("\u2014") || !fields[1].equals(name)) {
        continue;
      }
      byte[] signature = Base64.getDecoder().decode(fields[2]);
      if (signature.length != 68 || !Arrays.equals(Arrays.copyOf(signature, 4), keyHash)) {
        continue;
      }
      byte[] x509 =
          HexFormat.of().parseHex("302a300506032b6570032100" + HexFormat.of().formatHex(publicKey));
      PublicKey ed25519 =
          KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(ed25519);
      verifier.update(text.getBytes(StandardCharsets.UTF_8));
      if (!verifier.verify(Arrays.copyOfRange(signature, 4, 68))) {
        return "signature";
      }
      signed = true;
    }
    if (!signed) {
      return "signature";
    }

    // 3. The checkpoint: origin, size, root.
    String[] lines = text.split("\n", -1);
    if (lines.length != 4
        || !lines[3].isEmpty()
        || !lines[0].equals(proof.path("origin").asText())) {
      return "checkpoint";
    }
    long n = Long.parseLong(lines[1]);
    byte[] root = Base64.getDecoder().decode(lines[2]);
    if (root.length != 32) {
      return "checkpoint";
    }

    // 4. The proof, RFC 9162 §2.1.3.2.
    long i = proof.path("index").asLong();
    if (i < 0 || i >= n) {
      return "proof";
    }
    byte[] r = sha256(new byte[] {0x00}, entry);
    long fn = i;
    long sn = n - 1;
    for (byte[] p : hashes) {
      if (sn == 0) {
        return "proof";
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = sha256(new byte[] {0x01}, p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = sha256(new byte[] {0x01}, r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      return "proof";
    }
    return MessageDigest.isEqual(r, root) ? null : "root";
  }

  private static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (byte[] part : parts) {
      sha.update(part);
    }
    return sha.digest();
  }
}
