package dev.casevault.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.casevault.opensearch.testkit.OpenSearchCluster;
import dev.casevault.opensearch.testkit.OpenSearchCluster.Options;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The anonymous-read bootstrap check on real clusters: the testkit's secured cluster refuses every
 * anonymous request; a careless one (anonymous authentication on, anonymous role reading {@code
 * casevault-*}) answers, and the probe says what it could read.
 */
class AnonymousAccessProbeTest {
  private static final OpenSearchIndexOptions INDEX =
      OpenSearchIndexOptions.defaults()
          .withAlias(
              "casevault-test-probe-"
                  + Long.toHexString(new java.util.Random().nextLong() & 0xffffffffL));

  private static OpenSearchSettings settingsOf(OpenSearchCluster cluster, List<URI> urls) {
    return new OpenSearchSettings(
        urls,
        cluster.trustStore(),
        cluster.storePassword(),
        cluster.serviceUser(),
        cluster.servicePassword());
  }

  /** The cluster of the other tests ({@link TestCluster}) on other node URLs. */
  private static OpenSearchSettings secured(List<URI> urls) {
    OpenSearchSettings settings = TestCluster.settings();
    return new OpenSearchSettings(
        urls,
        settings.trustStore(),
        settings.trustStorePassword(),
        settings.user(),
        settings.password());
  }

  @Test
  void aSecuredClusterRefusesEveryAnonymousRequest() {
    AnonymousAccessProbe.Result result = AnonymousAccessProbe.probe(TestCluster.settings(), INDEX);
    assertThat(result.answers())
        .hasSize(4 * TestCluster.urls().size())
        .allMatch(a -> a.status() == 401);
    assertThat(result.refused()).isTrue();
    assertThat(result.failures()).isEmpty();
  }

  @Test
  void aClusterThatLetsAnyoneReadCasevaultIndicesFailsWithWhatWasReadable() throws IOException {
    OpenSearchCluster careless =
        OpenSearchCluster.shared(1, Options.secured().withAnonymousReads(true));
    try (OpenSearchCaseStore store =
        OpenSearchCaseStore.open(
            settingsOf(careless, careless.httpUrls()), INDEX.withShards(1, 0))) {
      AnonymousAccessProbe.Result result =
          AnonymousAccessProbe.probe(settingsOf(careless, careless.httpUrls()), INDEX);
      assertThat(result.refused()).isFalse();
      assertThat(result.failures())
          .extracting(AnonymousAccessProbe.Answer::toString)
          .contains(
              careless.httpUrl(0) + " GET /" + INDEX.alias() + "/_search?size=0 answered HTTP 200",
              careless.httpUrl(0) + " GET /" + INDEX.alias() + "/_count answered HTTP 200");
      assertThat(store.count(dev.casevault.access.AccessScope.dataDirectoryOwner())).isZero();
    }
  }

  @Test
  void aNodeThatCannotBeReachedIsReportedAndNoReachableNodeFailsTheCheck() throws IOException {
    URI closed = URI.create("https://127.0.0.1:" + freePort());
    List<URI> urls = new ArrayList<>(List.of(closed));
    urls.add(TestCluster.urls().getFirst());
    AnonymousAccessProbe.Result some = AnonymousAccessProbe.probe(secured(urls), INDEX);
    assertThat(some.unreachable())
        .singleElement()
        .satisfies(a -> assertThat(a.node()).isEqualTo(closed));
    assertThat(some.refused()).as("one node's refusals speak for the cluster").isTrue();

    AnonymousAccessProbe.Result none = AnonymousAccessProbe.probe(secured(List.of(closed)), INDEX);
    assertThat(none.refused()).as("nothing was shown refused").isFalse();
    assertThat(none.unreachable().getFirst().toString()).contains("could not be asked");
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
