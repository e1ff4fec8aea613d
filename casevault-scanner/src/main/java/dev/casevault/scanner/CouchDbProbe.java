package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Apache CouchDB: {@code GET /} (its welcome, which CouchDB gives even with authentication on),
 * {@code /_all_dbs}, the "admin party" check ({@code /_users/_all_docs} readable without
 * credentials means no admin is configured and anyone is one), then per database its info (document
 * count, size) and {@code _all_docs?limit=3&include_docs=true}.
 */
final class CouchDbProbe implements Probe {
  @Override
  public String service() {
    return "couchdb";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(5984, 6984);
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    HttpReply root = session.get("/");
    JsonNode welcome = root.ok() ? root.json() : null;
    boolean couch = welcome != null && welcome.has("couchdb");
    if (!couch) {
      if (root.refusesAnonymous() && root.header("Server").startsWith("CouchDB")) {
        return Observation.authRequired(
            service(),
            root.tls(),
            ServiceInfo.of("couchdb", null),
            "GET / answered " + root.status());
      }
      return Observation.notThisService(service());
    }
    ServiceInfo info =
        new ServiceInfo("couchdb", Json.text(welcome, "version"), Json.text(welcome, "uuid"), null);
    HttpReply all = session.get("/_all_dbs");
    JsonNode names = all.ok() ? all.json() : null;
    if (names == null || !names.isArray()) {
      if (all.refusesAnonymous()) {
        return Observation.authRequired(
            service(), root.tls(), info, "/_all_dbs answered " + all.status());
      }
      return Observation.error(service(), root.tls(), "/_all_dbs answered " + all.status());
    }
    List<String> notes = new ArrayList<>();
    if (session.get("/_users/_all_docs?limit=0").ok()) {
      notes.add("admin party: /_users is readable without credentials (no admin configured)");
    }
    List<StoreSample> stores = new ArrayList<>();
    boolean readAny = false;
    int sampled = 0;
    for (JsonNode entry : names) {
      String name = entry.asText();
      if (name.startsWith("_")) {
        continue;
      }
      String path = "/" + Session.segment(name);
      if (sampled >= session.settings().maxSampledStores()) {
        stores.add(StoreSample.unsampled(name, null, null));
        continue;
      }
      sampled++;
      HttpReply about = session.get(path);
      JsonNode database = about.ok() ? about.json() : null;
      Long documents = Json.number(database, "doc_count");
      Long bytes = database == null ? null : Json.number(database.path("sizes"), "file");
      HttpReply docs =
          session.get(path + "/_all_docs?limit=" + Probes.MAX_SAMPLES + "&include_docs=true");
      List<SampledRecord> samples = new ArrayList<>();
      JsonNode rows = docs.ok() && docs.json() != null ? docs.json().path("rows") : null;
      if (rows != null) {
        for (JsonNode row : rows) {
          String id = Json.text(row, "id");
          if (id != null && row.has("doc") && samples.size() < Probes.MAX_SAMPLES) {
            samples.add(new SampledRecord(id, row.get("doc")));
          }
        }
      } else {
        notes.add("database " + name + ": documents refused (" + docs.status() + ")");
      }
      readAny |= !samples.isEmpty();
      stores.add(new StoreSample(name, documents, bytes, "", samples));
    }
    return new Observation(
        service(),
        readAny ? Verdict.OPEN_DATA : Verdict.OPEN_METADATA,
        root.tls(),
        info,
        stores,
        notes);
  }
}
