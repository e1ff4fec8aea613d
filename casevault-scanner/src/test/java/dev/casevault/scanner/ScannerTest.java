package dev.casevault.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.redaction.PiiDetector;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScannerTest {
  /** A probe that recognises nothing and breaks, as on an answer nobody foresaw. */
  static final class BreakingProbe implements Probe {
    @Override
    public String service() {
      return "breaking";
    }

    @Override
    public Set<Integer> defaultPorts() {
      return Set.of(1);
    }

    @Override
    public boolean http() {
      return false;
    }

    @Override
    public Observation probe(Session session) {
      throw new IllegalStateException("an answer the probe did not expect");
    }
  }

  @Test
  void aProbeThatBreaksGivesThatEndpointAnErrorAndTheScanGoesOn() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Scanner scanner =
            new Scanner(
                List.of(new BreakingProbe()), ScanSettings.defaults(), PiiDetector.standard())) {
      ScanReport report =
          scanner.scanAll(
              List.of(
                  new Endpoint("127.0.0.1", listening.getLocalPort()),
                  new Endpoint("127.0.0.1", listening.getLocalPort())),
              (result, done, total) -> {});
      assertThat(report.results()).hasSize(2);
      for (ScanResult result : report.results()) {
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.notes()).containsExactly("unreadable answer (IllegalStateException)");
        assertThat(result.severity()).isEqualTo(Severity.NONE);
      }
    }
  }

  @Test
  void probesOfTheEndpointsPortGoFirstThenHttpOnes() {
    try (Scanner scanner = Scanner.standard(ScanSettings.defaults())) {
      assertThat(scanner.candidates(new Endpoint("h", 6379)))
          .extracting(Probe::service)
          .startsWith("redis", "elasticsearch", "kibana", "solr", "couchdb", "s3");
      assertThat(
              scanner.candidates(
                  new Endpoint("h", 9000, java.net.URI.create("http://h:9000/bucket"))))
          .extracting(Probe::service)
          .containsExactly("s3", "elasticsearch", "kibana", "solr", "couchdb");
    }
  }
}
