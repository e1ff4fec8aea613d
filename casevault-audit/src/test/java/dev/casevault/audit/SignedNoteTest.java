package dev.casevault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedNoteTest {
  // The example key and note in the documentation of golang.org/x/mod/sumdb/note, the reference.
  private static final String GO_SKEY =
      "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
  private static final String GO_VKEY =
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  private static final String GO_TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  private static final String GO_NOTE =
      GO_TEXT
          + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

  private static final String ORIGIN = "casevault.example/audit";

  @Test
  void signsAndEncodesKeysExactlyLikeTheReferenceImplementation() {
    NoteSigner signer = NoteSigner.parse(GO_SKEY);
    assertThat(signer.encode()).isEqualTo(GO_SKEY);
    assertThat(signer.verifier().encode()).isEqualTo(GO_VKEY);
    // Ed25519 is deterministic: the same key and text give the published note byte for byte.
    assertThat(signer.sign(GO_TEXT)).isEqualTo(GO_NOTE);
    SignedNote note = SignedNote.parse(GO_NOTE);
    assertThat(note.text()).isEqualTo(GO_TEXT);
    assertThat(note.format()).isEqualTo(GO_NOTE);
    NoteVerifier.parse(GO_VKEY).verify(note);
  }

  @Test
  void aCheckpointRoundTripsThroughASignedNote() {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    Checkpoint checkpoint = new Checkpoint(ORIGIN, 42, Rfc6962.leafHash(new byte[] {1}));
    String note = signer.sign(checkpoint.body());

    assertThat(note)
        .startsWith(ORIGIN + "\n42\n" + Base64.getEncoder().encodeToString(checkpoint.rootHash()))
        .contains("\n\n\u2014 " + ORIGIN + " ");
    Checkpoint opened =
        Checkpoint.open(SignedNote.parse(note), NoteVerifier.parse(signer.verifier().encode()));
    assertThat(opened.origin()).isEqualTo(ORIGIN);
    assertThat(opened.size()).isEqualTo(42);
    assertThat(opened.rootHash()).isEqualTo(checkpoint.rootHash());
  }

  @Test
  void aTamperedBodyIsRejected() {
    NoteSigner signer = NoteSigner.generate(ORIGIN);
    String note = signer.sign(new Checkpoint(ORIGIN, 42, Rfc6962.emptyRoot()).body());
    SignedNote tampered = SignedNote.parse(note.replace("\n42\n", "\n43\n"));

    assertThatThrownBy(() -> Checkpoint.open(tampered, signer.verifier()))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("invalid signature by key " + ORIGIN + ": the note was altered");
  }

  @Test
  void aNoteSignedByAnotherKeyIsRejectedEvenUnderTheSameName() {
    NoteSigner real = NoteSigner.generate(ORIGIN);
    NoteSigner impostor = NoteSigner.generate(ORIGIN);
    SignedNote note = SignedNote.parse(impostor.sign("hello\n"));

    assertThatThrownBy(() -> real.verifier().verify(note))
        .isInstanceOf(InvalidProofException.class)
        .hasMessage("the note is not signed by key " + ORIGIN + " (signed by: " + ORIGIN + ")");
    impostor.verifier().verify(note);
  }

  @Test
  void signaturesByUnknownKeysAreIgnoredWhenTheTrustedKeySigned() {
    NoteSigner log = NoteSigner.generate(ORIGIN);
    NoteSigner witness = NoteSigner.generate("witness.example");
    SignedNote byLog = SignedNote.parse(log.sign("hello\n"));
    SignedNote byWitness = SignedNote.parse(witness.sign("hello\n"));
    var both = new java.util.ArrayList<>(byWitness.signatures());
    both.addAll(byLog.signatures());

    log.verifier().verify(new SignedNote("hello\n", both));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "no blank line\n\u2014 k AAAAAAA=\n",
        "text\n\n",
        "text\n\n\u2014 k AAAAAAA=",
        "text\n\n- k AAAAAAA=\n",
        "text\n\n\u2014 k  AAAAAAA=\n",
        "text\n\n\u2014 k AAAA\n",
        "text\n\n\u2014 k not*base64\n",
        "text\n\n\u2014 k AAAAAAA\n",
        "text\n\n\u2014 k+x AAAAAAA=\n",
        "text\n\n\u2014 k AAAAAAA=\n\n",
        "te\rxt\n\n\u2014 k AAAAAAA=\n",
      })
  void malformedNotesAreRejectedWithAReason(String note) {
    assertThatThrownBy(() -> SignedNote.parse(note))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageStartingWith("malformed");
  }

  @Test
  void aNoteThatIsNotUtf8IsRejected() {
    byte[] bytes = "text\n\n\u2014 k AAAAAAA=\n".getBytes(StandardCharsets.UTF_8);
    bytes[1] = (byte) 0xff;
    assertThatThrownBy(() -> SignedNote.parse(bytes)).hasMessage("malformed note: not UTF-8");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "origin\n42\n",
        "origin\n042\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n-1\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n99999999999999999999\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n42\nZG9uJ3QgY2FyZSAy\n",
        "origin\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n",
        "origin\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\nextension\n",
        "\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n",
        "origin\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
      })
  void malformedCheckpointsAreRejectedWithAReason(String body) {
    assertThatThrownBy(() -> Checkpoint.parse(body))
        .isInstanceOf(InvalidProofException.class)
        .hasMessageStartingWith("malformed");
  }

  @Test
  void verifierKeysAreCheckedAgainstTheirKeyHash() {
    assertThatThrownBy(() -> NoteVerifier.parse(GO_VKEY.replace("c74f20a3", "c74f20a4")))
        .hasMessage("malformed verifier key: the key hash does not match the name and key");
    assertThatThrownBy(() -> NoteVerifier.parse(GO_VKEY.replace("PeterNeumann", "Peter")))
        .hasMessage("malformed verifier key: the key hash does not match the name and key");
    assertThatThrownBy(() -> NoteVerifier.parse("PeterNeumann+c74f20a3"))
        .hasMessageStartingWith("malformed verifier key: expected");
    assertThatThrownBy(() -> NoteVerifier.parse(GO_VKEY.replace("+ARpc", "+AhpC")))
        .hasMessageStartingWith("malformed verifier key");
    assertThatThrownBy(() -> NoteSigner.parse(GO_SKEY.replace("c74f20a3", "c74f20a4")))
        .hasMessage("malformed signing key: the key hash does not match the name and key");
  }

  @Test
  void toStringNeverShowsTheSecretKey() {
    assertThat(NoteSigner.parse(GO_SKEY).toString()).isEqualTo("NoteSigner[PeterNeumann]");
  }
}
