package dev.casevault.cli;

import static dev.casevault.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor}, {@code policy check} and {@code serve}'s refusals, as a user runs them. */
class ServerCommandsTest {
  @TempDir Path folder;

  @Test
  void policyCheckExplainsAGoodFileAndNamesTheFaultOfABadOne() throws IOException {
    Path good = folder.resolve("good.json");
    Files.writeString(
        good,
        "{\"version\": 2, \"roles\": {\"emea\": {\"permissions\": [\"search\"],"
            + " \"cases\": [{\"region\": \"EMEA\"}], \"fields\": [\"subject\"]}}}");
    CommandLineTest.Result ok = run("policy", "check", good.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("policy version 2").contains("region in [EMEA]");

    Path bad = folder.resolve("bad.json");
    Files.writeString(bad, "{\"version\": 2, \"roles\": {\"emea\": {\"permisions\": []}}}");
    CommandLineTest.Result refused = run("policy", "check", bad.toString());
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains(bad + ": roles.emea.permisions: unknown key");
  }

  @Test
  void doctorAndServeRefuseADataDirectoryOthersCanRead() throws IOException {
    Path data = folder.resolve("data");
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    CommandLineTest.Result doctor = run("doctor", "--data", data.toString());
    assertThat(doctor.exitCode()).isEqualTo(1);
    assertThat(doctor.out()).contains("ERROR " + data).contains("chmod 700");

    CommandLineTest.Result serve = run("serve", "--data", data.toString(), "--bind", "127.0.0.1:0");
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err()).contains("refusing to start").contains("chmod 700");
  }

  @Test
  void serveRefusesUnknownSettings() throws IOException {
    Path data = folder.resolve("data");
    Files.createDirectories(data);
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    Files.writeString(data.resolve("server.json"), "{\"tls\": {\"enabled\": false}}");
    CommandLineTest.Result serve = run("serve", "--data", data.toString(), "--bind", "127.0.0.1:0");
    assertThat(serve.exitCode()).isEqualTo(1);
    assertThat(serve.err()).contains("tls.enabled: unknown setting");
  }
}
