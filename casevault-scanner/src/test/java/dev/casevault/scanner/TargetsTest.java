package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void hostsAddressesAndPortsExpandOverThePortList() {
    assertThat(
            Targets.parse(
                List.of("db.example.test", "10.1.2.3:6379", "[::1]:9200", "::1"), List.of(1, 2)))
        .containsExactly(
            new Endpoint("db.example.test", 1),
            new Endpoint("db.example.test", 2),
            new Endpoint("10.1.2.3", 6379),
            new Endpoint("0:0:0:0:0:0:0:1", 9200),
            new Endpoint("0:0:0:0:0:0:0:1", 1),
            new Endpoint("0:0:0:0:0:0:0:1", 2));
  }

  @Test
  void aRangeExpandsToEveryAddressAndASlash16IsTheLargest() {
    List<Endpoint> range = Targets.parse(List.of("192.168.7.9/30"), List.of(9200));
    assertThat(range)
        .extracting(Endpoint::host)
        .containsExactly("192.168.7.8", "192.168.7.9", "192.168.7.10", "192.168.7.11");
    assertThat(Targets.range("10.20.0.0/16")).hasSize(65_536).endsWith("10.20.255.255");
    assertThat(Targets.range("fd00::/112")).hasSize(65_536);
    assertThatThrownBy(() -> Targets.range("10.0.0.0/8"))
        .hasMessageContaining("2^24 addresses")
        .hasMessageContaining("at most 65536");
    assertThatThrownBy(() -> Targets.range("fd00::/64")).hasMessageContaining("2^64 addresses");
  }

  @Test
  void urlsKeepTheirPathAndRefuseCredentialsQueriesAndOtherSchemes() {
    Endpoint bucket =
        Targets.parse(List.of("https://127.0.0.1:9000/exports"), List.of(1)).getFirst();
    assertThat(bucket)
        .isEqualTo(new Endpoint("127.0.0.1", 9000, URI.create("https://127.0.0.1:9000/exports")));
    assertThat(Targets.parse(List.of("http://store.example.test/b"), List.of(1)).getFirst().port())
        .isEqualTo(80);
    assertThatThrownBy(() -> Targets.parse(List.of("http://u:p@h/"), List.of(1)))
        .hasMessageContaining("must not carry a user or password");
    assertThatThrownBy(() -> Targets.parse(List.of("ftp://h/"), List.of(1)))
        .hasMessageContaining("only http and https");
    assertThatThrownBy(() -> Targets.parse(List.of("http://h/?a=b"), List.of(1)))
        .hasMessageContaining("no query");
  }

  @Test
  void badTargetsAndPortsAreRefusedByName() {
    assertThatThrownBy(() -> Targets.parse(List.of("bad_host!"), List.of(1)))
        .hasMessageContaining("bad_host!");
    assertThatThrownBy(() -> Targets.parse(List.of("300.1.1.1"), List.of(1)))
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> Targets.ports("9200,70000")).hasMessageContaining("70000");
    assertThatThrownBy(() -> Targets.ports("10-5")).hasMessageContaining("backwards");
    assertThat(Targets.ports("9200, 6379,9000-9002,9200"))
        .containsExactly(9200, 6379, 9000, 9001, 9002);
  }
}
