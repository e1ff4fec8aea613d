package dev.casevault.audit;

import dev.casevault.core.CaseVaultException;
import dev.casevault.core.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log's signing key on disk: {@code signing-key} (secret) and {@code verifier-key} (the public
 * verifier key to hand to auditors), both owner-only files in an owner-only folder.
 */
public final class AuditKeys {
  static final String SIGNING_KEY = "signing-key";
  static final String VERIFIER_KEY = "verifier-key";

  private AuditKeys() {}

  /** Loads the signing key in {@code dir}, or creates one named {@code name} on first use. */
  public static NoteSigner loadOrCreate(Path dir, String name) throws IOException {
    OwnerOnlyFiles.createDirectory(dir);
    OwnerOnlyFiles.requireOwnerOnly(dir);
    Path file = dir.resolve(SIGNING_KEY);
    if (Files.exists(file)) {
      NoteSigner signer =
          NoteSigner.parse(new String(OwnerOnlyFiles.read(file), StandardCharsets.UTF_8));
      if (!signer.name().equals(name)) {
        throw new CaseVaultException(
            file + " holds the key of " + signer.name() + ", not of " + name);
      }
      return signer;
    }
    NoteSigner signer = NoteSigner.generate(name);
    // The verifier first: a crash between the two leaves no secret key without its public half.
    OwnerOnlyFiles.write(
        dir.resolve(VERIFIER_KEY),
        (signer.verifier().encode() + "\n").getBytes(StandardCharsets.UTF_8));
    OwnerOnlyFiles.write(file, (signer.encode() + "\n").getBytes(StandardCharsets.UTF_8));
    return signer;
  }

  public static NoteVerifier readVerifier(Path dir) throws IOException {
    return NoteVerifier.parse(Files.readString(dir.resolve(VERIFIER_KEY), StandardCharsets.UTF_8));
  }
}
