package dev.casevault.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkDetectorTest {
  private static final PiiDetector DETECTOR =
      new PiiDetector(List.of(new NetworkDetector()), 2_000_000_000L, 2_000L);

  /** Each finding as "TYPE value", in order. */
  static List<String> found(String text) {
    return DETECTOR.detect(text).stream()
        .map(f -> f.type() + " " + text.substring(f.start(), f.end()))
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "keep getting address 86.231.85.193 blocked|86.231.85.193",
        "connexion refusée depuis 10.0.0.1:8080.|10.0.0.1",
        "(gateway 192.168.1.254)|192.168.1.254",
        "IP 0.0.0.0 and|0.0.0.0",
        "WAN IP 2001:db8:85a3:0:0:8a2e:370:7334.|2001:db8:85a3:0:0:8a2e:370:7334",
        "from fe80::1 on the LAN|fe80::1",
        "l'IP 2a01:e0a:ce0f:6e2::dbf2.|2a01:e0a:ce0f:6e2::dbf2",
        "mapped ::ffff:192.0.2.128 here|::ffff:192.0.2.128",
        "address d80:e4b5:79da:6cf6:71f3:51f7:9161:c319 blocked|"
            + "d80:e4b5:79da:6cf6:71f3:51f7:9161:c319",
        "after the firmware update my IP 86.1.2.3 changed|86.1.2.3",
        "http://[2001:db8::1]:8080/admin|2001:db8::1",
      })
  void findsIpAddresses(String text, String expected) {
    assertThat(found(text)).containsExactly("IP_ADDRESS " + expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "I'm on version 4.2.1.0 now",
        "It started after the update to 2.1.0.45.",
        "The firmware is version 3.0.5.12",
        "Known firmware bug, fixed in 1.4.2.10.",
        "Windows 10.0.19045",
        "build 16.0.14326.20404",
        "section 1.2.3.4.5",
        "256.1.1.1",
        "01.02.03.04",
        "at 10:15:00 today",
        "MAC 00:1a:2b:3c:4d:5e",
        "std::vector and a::b",
        "1:2:3:4:5:6:7:8:9",
        "v1.2.3.4",
        "price 1.234.567,89",
        "Upgraded firmware from 1.2.3.4 to 1.2.3.5",
      })
  void ignoresIpLookalikes(String text) {
    assertThat(found(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "uploads to sftp://admin:Winter2019!@nas.contoso.com/backups/. Fails|"
            + "sftp://admin:Winter2019!@nas.contoso.com/backups/",
        "postgres://app:s3cr3t@db:5432/crm|postgres://app:s3cr3t@db:5432/crm",
        "redis://:Sup3rSecret@redis.example.com:6379/0|redis://:Sup3rSecret@redis.example.com:6379/0",
        "ftp://backup:Summer1980?@nas.x.co.uk/backups/|ftp://backup:Summer1980?@nas.x.co.uk/backups/",
        "mongodb://u:p%40ss@h1,h2/db?replicaSet=rs0|mongodb://u:p%40ss@h1,h2/db?replicaSet=rs0",
        "(see https://api.x.io/v1/export?api_key=Q2x9kLm4Pq8RtY1z&q=1)|"
            + "https://api.x.io/v1/export?api_key=Q2x9kLm4Pq8RtY1z&q=1",
        "«~https://x.io/cb#access_token=ya29a0AfH6SMBx3~»|https://x.io/cb#access_token=ya29a0AfH6SMBx3",
        "https://b.s3.amazonaws.com/f?X-Amz-Signature=9f86d081884c7d65 ok|"
            + "https://b.s3.amazonaws.com/f?X-Amz-Signature=9f86d081884c7d65",
        "hook: https://hooks.slack.com/services/T0AB12CD/B0CD34EF/aBcD1234eFgH5678iJkL9012|"
            + "https://hooks.slack.com/services/T0AB12CD/B0CD34EF/aBcD1234eFgH5678iJkL9012",
      })
  void findsCredentialUrls(String text, String expected) {
    assertThat(found(text.replace('~', '\u00a0'))).containsExactly("URL_CREDENTIALS " + expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://contoso.com/help?key=value",
        "https://x.com/?token=YOUR_API_KEY",
        "https://x.com/?token=${TOKEN}",
        "https://user@host.example/",
        "https://contoso.com/page?id=123456789",
        "ftp://admin:****@files.contoso.com/",
        "https://hooks.slack.com/",
        "see http://example.com.",
      })
  void ignoresOrdinaryUrls(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void credentialUrlHidesTheIpInside() {
    assertThat(found("ftp://u:Pa55word@86.1.2.3/x"))
        .containsExactly("URL_CREDENTIALS ftp://u:Pa55word@86.1.2.3/x");
  }

  @Test
  void badInputFinishesQuickly() {
    List<String> inputs =
        List.of(
            "://".repeat(3_000_000),
            "a://b".repeat(1_000_000),
            "https://x/?" + "token=abc&".repeat(500_000),
            "1".repeat(100_000),
            "1.".repeat(1_000_000),
            "1.1.1.1.".repeat(500_000),
            ":".repeat(1_000_000),
            "a:".repeat(1_000_000),
            "1:2::".repeat(500_000),
            "\uD800://\uDC00 10.0.0.1\uD800");
    // Each input is a few MB at most; linear work takes milliseconds, quadratic would take hours.
    for (String input : inputs) {
      assertTimeoutPreemptively(Duration.ofMillis(1500), () -> found(input));
    }
    assertThat(found("\uDC0010.0.0.1\uD800")).containsExactly("IP_ADDRESS 10.0.0.1");
  }
}
