package dev.casevault.scanner;

import java.util.List;
import java.util.TreeSet;

/** The probes casevault has, and the limits every probe keeps whatever the scan's settings. */
public final class Probes {
  /** The most records read from any one index, collection, database or bucket. */
  public static final int MAX_SAMPLES = 3;

  private Probes() {}

  /** Every probe, HTTP ones first. */
  public static List<Probe> standard() {
    return List.of(
        new ElasticsearchProbe(),
        new KibanaProbe(),
        new SolrProbe(),
        new CouchDbProbe(),
        new S3Probe(),
        new RedisProbe(),
        new MemcachedProbe(),
        new MongoProbe(),
        new CassandraProbe());
  }

  /** The union of the probes' usual ports: what a scan probes when no port list is given. */
  public static List<Integer> defaultPorts(List<Probe> probes) {
    TreeSet<Integer> ports = new TreeSet<>();
    probes.forEach(probe -> ports.addAll(probe.defaultPorts()));
    return List.copyOf(ports);
  }
}
