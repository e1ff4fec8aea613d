package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real memcached (Debian's) on 127.0.0.1: open, with its authentication file ({@code -Y}, the
 * text protocol's authentication), and not listening at all.
 */
class MemcachedScanTest {
  @TempDir Path folder;

  private LocalServer memcached(String... extra) throws IOException {
    int port = LocalServer.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                LocalServer.binary("memcached", "memcached").toString(),
                "-l",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "0",
                "-m",
                "16"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root")); // memcached refuses root unless told whom to run as
    }
    command.addAll(List.of(extra));
    return LocalServer.start(command, port, folder.resolve("memcached-" + port + ".log"));
  }

  private static void set(int port, String key, String value) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("set " + key + " 0 0 " + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      assertThat(new String(reply, 0, n, StandardCharsets.US_ASCII)).startsWith("STORED");
    }
  }

  @Test
  void anOpenMemcachedHoldingItemsIsOpenData() throws Exception {
    try (LocalServer server = memcached()) {
      set(server.port(), "session:1", "jeanne.martin@example.org");
      set(server.port(), "session:2", "{\"cart\":[1,2,3]}");
      ScanResult result;
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        result = scanner.scan(server.endpoint());
      }
      assertThat(result.service()).isEqualTo("memcached");
      assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
      assertThat(result.info().version()).isNotBlank();
      assertThat(result.documents()).isEqualTo(2);
      assertThat(result.bytes()).isPositive();
      assertThat(result.severity()).isEqualTo(Severity.HIGH);
    }
  }

  @Test
  void anEmptyOpenMemcachedIsOpenMetadata() throws Exception {
    try (LocalServer server = memcached()) {
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        assertThat(scanner.scan(server.endpoint()).verdict()).isEqualTo(Verdict.OPEN_METADATA);
      }
    }
  }

  @Test
  void aMemcachedWithAnAuthenticationFileRequiresCredentials() throws Exception {
    Path users = folder.resolve("memcached-users");
    Files.writeString(users, "scanner-test:test-only-secret\n");
    try (LocalServer server = memcached("-Y", users.toString())) {
      ScanResult result;
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        result = scanner.scan(server.endpoint());
      }
      assertThat(result.service()).isEqualTo("memcached");
      assertThat(result.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
      assertThat(result.severity()).isEqualTo(Severity.NONE);
    }
  }

  @Test
  void aPortWithNothingListeningIsReportedClosed() throws Exception {
    int port = LocalServer.freePort();
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      ScanResult result = scanner.scan(new Endpoint("127.0.0.1", port));
      assertThat(result.verdict()).isEqualTo(Verdict.NOT_THIS_SERVICE);
      assertThat(result.notes()).containsExactly("nothing listening (connection refused)");
      assertThat(result.severity()).isEqualTo(Severity.NONE);
    }
  }
}
