package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.PiiType;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real redis-server (Debian's) on 127.0.0.1, with and without a password. */
class RedisScanTest {
  static final String EMAIL = "jeanne.martin@example.org";
  static final String PHONE = "+33 6 12 34 56 78";
  static final String PASSWORD = "test-only-requirepass-7f3a";

  @TempDir Path folder;

  private LocalServer redis(String... extra) throws IOException {
    int port = LocalServer.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                LocalServer.binary("redis-server", "redis-server").toString(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                folder.toString()));
    command.addAll(List.of(extra));
    return LocalServer.start(command, port, folder.resolve("redis-" + port + ".log"));
  }

  /** A raw RESP call for test setup: the scanner's own client is not what is being checked. */
  static String call(int port, String... command) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(Resp.encode(command));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[1 << 16];
      int n = in.read(buffer);
      return new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8);
    }
  }

  @Test
  void anOpenRedisIsOpenDataWithItsPersonalDataTypesAndOnlyReadCommandsWereSent() throws Exception {
    try (LocalServer server = redis()) {
      int port = server.port();
      call(port, "SET", "customer:1", "{\"name\":\"Jeanne Martin\",\"email\":\"" + EMAIL + "\"}");
      call(port, "HSET", "customer:2", "phone", PHONE, "note", "call back tomorrow");
      call(port, "RPUSH", "queue:mail", "send to " + EMAIL);
      for (int i = 0; i < 50; i++) {
        call(port, "SET", "counter:" + i, Integer.toString(i));
        call(port, "MOVE", "counter:" + i, "3"); // each call is its own connection: no SELECT
      }
      call(port, "CONFIG", "RESETSTAT");

      ScanResult result;
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        result = scanner.scan(server.endpoint());
      }

      assertThat(result.service()).isEqualTo("redis");
      assertThat(result.verdict()).isEqualTo(Verdict.OPEN_DATA);
      assertThat(result.info().version()).isNotBlank();
      assertThat(result.stores()).extracting(StoreReport::name).containsExactly("db0", "db3");
      assertThat(result.stores()).extracting(StoreReport::documents).containsExactly(3L, 50L);
      assertThat(result.stores()).extracting(StoreReport::sampled).containsExactly(3, 3);
      assertThat(result.personalData())
          .extracting(PersonalDataFound::type)
          .contains(PiiType.EMAIL, PiiType.PHONE);
      assertThat(result.severity()).isEqualTo(Severity.HIGH);
      String rendered =
          OpenSearchScanTest.render(
              new ScanReport(java.time.Instant.now(), java.time.Duration.ZERO, List.of(result)));
      assertThat(rendered).doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("Jeanne");
      assertThat(
              result.personalData().stream()
                  .filter(p -> p.type() == PiiType.EMAIL)
                  .findFirst()
                  .orElseThrow()
                  .example())
          .isEqualTo("xxxxxx.xxxxxx@xxxxxxx.xxx");

      // Which commands the scan sent, from the server's own statistics.
      String stats = call(port, "INFO", "commandstats");
      List<String> commands = new ArrayList<>();
      Matcher matcher = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)").matcher(stats);
      while (matcher.find()) {
        // Counted but not run (an HTTP probe's request line read as an inline command) is 0
        // calls; the test's own reset of the statistics is not the scanner's.
        if (Long.parseLong(matcher.group(2)) > 0 && !matcher.group(1).equals("config|resetstat")) {
          commands.add(matcher.group(1));
        }
      }
      assertThat(commands)
          .isNotEmpty()
          .doesNotContain("keys", "set", "del", "flushall", "flushdb", "config", "hset", "rpush")
          .isSubsetOf(
              "info",
              "select",
              "scan",
              "type",
              "getrange",
              "hscan",
              "lrange",
              "sscan",
              "zrange",
              "xrange");
    }
  }

  @Test
  void aRedisWithAPasswordRequiresCredentials() throws Exception {
    try (LocalServer server = redis("--requirepass", PASSWORD)) {
      ScanResult result;
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        result = scanner.scan(server.endpoint());
      }
      assertThat(result.service()).isEqualTo("redis");
      assertThat(result.verdict()).isEqualTo(Verdict.AUTH_REQUIRED);
      assertThat(result.severity()).isEqualTo(Severity.NONE);
      assertThat(result.stores()).isEmpty();
    }
  }

  @Test
  void anEmptyOpenRedisIsOpenMetadata() throws Exception {
    try (LocalServer server = redis()) {
      ScanResult result;
      try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
        result = scanner.scan(server.endpoint());
      }
      assertThat(result.verdict()).isEqualTo(Verdict.OPEN_METADATA);
      assertThat(result.severity()).isEqualTo(Severity.LOW);
    }
  }
}
