package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Elasticsearch and OpenSearch: {@code GET /} for the fingerprint (version, distribution, cluster
 * uuid), {@code GET /_cat/indices?format=json&bytes=b} for the indices with their counts and sizes,
 * then per index its mapping and a three-hit search. System indices (named {@code .*}) are left
 * out. The "security features are not enabled" warning that Elasticsearch 7.13+ sends is kept as a
 * note.
 */
final class ElasticsearchProbe implements Probe {
  @Override
  public String service() {
    return "elasticsearch";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(9200, 9201, 9243);
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    HttpReply root = session.get("/");
    if (root.refusesAnonymous()) {
      String product = productOfRefusal(root, session.endpoint().port());
      if (product == null) {
        return Observation.notThisService(service());
      }
      return Observation.authRequired(
          product,
          root.tls(),
          ServiceInfo.of(product, null),
          "GET / answered " + root.status() + " without credentials");
    }
    JsonNode about = root.ok() ? root.json() : null;
    JsonNode version = about == null ? null : about.get("version");
    if (version == null || Json.text(version, "number") == null || !about.has("cluster_name")) {
      return Observation.notThisService(service());
    }
    boolean openSearch =
        "opensearch".equals(Json.text(version, "distribution"))
            || String.valueOf(Json.text(about, "tagline")).contains("OpenSearch");
    String product = openSearch ? "opensearch" : "elasticsearch";
    ServiceInfo info =
        new ServiceInfo(
            product,
            Json.text(version, "number"),
            Json.text(about, "cluster_uuid"),
            Json.text(about, "cluster_name"));
    List<String> notes = new ArrayList<>();
    for (String warning : root.headers().allValues("Warning")) {
      if (warning.toLowerCase(Locale.ROOT).contains("security features are not enabled")) {
        notes.add("the service warns that its security features are not enabled");
        break;
      }
    }
    HttpReply cat = session.get("/_cat/indices?format=json&bytes=b");
    JsonNode indices = cat.ok() ? cat.json() : null;
    if (indices == null || !indices.isArray()) {
      notes.add(
          "version readable without credentials; the index list is not (" + cat.status() + ")");
      return new Observation(product, Verdict.OPEN_METADATA, root.tls(), info, List.of(), notes);
    }
    List<JsonNode> visible = new ArrayList<>();
    int system = 0;
    for (JsonNode index : indices) {
      String name = Json.text(index, "index");
      if (name == null) {
        continue;
      }
      if (name.startsWith(".")) {
        system++;
      } else {
        visible.add(index);
      }
    }
    if (system > 0) {
      notes.add(system + " system indices (.*) not listed");
    }
    visible.sort(Comparator.comparing(index -> Json.text(index, "index")));
    List<StoreSample> stores = new ArrayList<>();
    boolean readAny = false;
    int sampled = 0;
    for (JsonNode index : visible) {
      String name = Json.text(index, "index");
      Long documents = Json.number(index, "docs.count");
      Long bytes = Json.number(index, "store.size");
      boolean sample =
          sampled < session.settings().maxSampledStores() && documents != null && documents > 0;
      if (!sample) {
        stores.add(StoreSample.unsampled(name, documents, bytes));
        continue;
      }
      sampled++;
      String path = "/" + Session.segment(name);
      HttpReply mapping = session.get(path + "/_mapping");
      JsonNode mappings = mapping.ok() ? mapping.json() : null;
      String structure = "";
      if (mappings != null && mappings.size() == 1) {
        // Keyed by the index's own name, which is already in the fingerprint.
        structure = Json.canonical(mappings.elements().next().path("mappings"));
      }
      HttpReply search = session.get(path + "/_search?size=" + Probes.MAX_SAMPLES + "&sort=_doc");
      JsonNode hits =
          search.ok() && search.json() != null ? search.json().path("hits").path("hits") : null;
      List<SampledRecord> samples = new ArrayList<>();
      if (hits != null) {
        for (JsonNode hit : hits) {
          if (samples.size() == Probes.MAX_SAMPLES) {
            break;
          }
          String id = Json.text(hit, "_id");
          JsonNode source = hit.get("_source");
          if (id != null && source != null) {
            samples.add(new SampledRecord(id, source));
          }
        }
      } else {
        notes.add("index " + name + ": search refused (" + search.status() + ")");
      }
      readAny |= !samples.isEmpty();
      stores.add(new StoreSample(name, documents, bytes, structure, samples));
    }
    if (visible.size() > session.settings().maxSampledStores()) {
      notes.add(
          "sampled the first "
              + session.settings().maxSampledStores()
              + " of "
              + visible.size()
              + " indices");
    }
    return new Observation(
        product,
        readAny ? Verdict.OPEN_DATA : Verdict.OPEN_METADATA,
        root.tls(),
        info,
        stores,
        notes);
  }

  /** Which engine refused us, if the refusal says so (or the port is its usual one). */
  private String productOfRefusal(HttpReply root, int port) {
    String realm = root.header("WWW-Authenticate").toLowerCase(Locale.ROOT);
    if (realm.contains("opensearch")) {
      return "opensearch";
    }
    if (root.header("X-elastic-product").equalsIgnoreCase("Elasticsearch")
        || root.body().contains("security_exception")) {
      return root.body().contains("OpenSearch") ? "opensearch" : "elasticsearch";
    }
    return defaultPorts().contains(port) && !realm.isEmpty() ? "elasticsearch" : null;
  }
}
