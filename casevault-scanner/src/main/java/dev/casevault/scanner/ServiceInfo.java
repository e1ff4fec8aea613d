package dev.casevault.scanner;

/**
 * What a service said about itself. Every field may be null: not every service tells, and none is
 * trusted for anything but the report.
 *
 * @param product e.g. {@code opensearch}, {@code elasticsearch}, {@code redis}
 * @param version the version it announced
 * @param clusterId a cluster or node identity (Elasticsearch's cluster UUID, Redis's run id)
 * @param clusterName the cluster's name, where it has one
 */
public record ServiceInfo(String product, String version, String clusterId, String clusterName) {
  public static final ServiceInfo UNKNOWN = new ServiceInfo(null, null, null, null);

  public static ServiceInfo of(String product, String version) {
    return new ServiceInfo(product, version, null, null);
  }
}
