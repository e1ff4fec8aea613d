package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Kibana and OpenSearch Dashboards: {@code GET /api/status} (recognised by its {@code kbn-name} or
 * {@code osd-name} header, or its JSON), then the saved-objects API for the index patterns it
 * knows. Saved objects readable without credentials mean the whole UI is open, and Discover reads
 * every index the Kibana server's own account can: {@link Verdict#OPEN_DATA}.
 */
final class KibanaProbe implements Probe {
  @Override
  public String service() {
    return "kibana";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(5601);
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    HttpReply status = session.get("/api/status");
    boolean dashboards = !status.header("osd-name").isEmpty();
    boolean kibana = dashboards || !status.header("kbn-name").isEmpty();
    String product = dashboards ? "opensearch-dashboards" : "kibana";
    JsonNode about = status.ok() ? status.json() : null;
    String version = about == null ? null : Json.text(about.path("version"), "number");
    if (!kibana && (about == null || version == null || !about.has("status"))) {
      return Observation.notThisService(service());
    }
    ServiceInfo info =
        new ServiceInfo(product, version, about == null ? null : Json.text(about, "uuid"), null);
    if (status.refusesAnonymous()) {
      return Observation.authRequired(
          product, status.tls(), info, "/api/status answered " + status.status());
    }
    HttpReply found = session.get("/api/saved_objects/_find?type=index-pattern&per_page=100");
    JsonNode objects = found.ok() ? found.json() : null;
    if (objects == null || !objects.has("saved_objects")) {
      if (found.refusesAnonymous()) {
        return new Observation(
            product,
            Verdict.OPEN_METADATA,
            status.tls(),
            info,
            List.of(),
            List.of("status readable without credentials; saved objects are not"));
      }
      return Observation.error(
          product, status.tls(), "saved objects API answered " + found.status());
    }
    List<StoreSample> patterns = new ArrayList<>();
    for (JsonNode object : objects.path("saved_objects")) {
      String title = Json.text(object.path("attributes"), "title");
      if (title != null) {
        patterns.add(StoreSample.unsampled(title, null, null));
      }
    }
    return new Observation(
        product,
        Verdict.OPEN_DATA,
        status.tls(),
        info,
        patterns,
        List.of(
            "saved objects readable without credentials: the UI is open, and it reads every"
                + " index its server's account can (listed: index patterns); not sampled"));
  }
}
