package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Apache Solr: {@code /solr/admin/info/system} for the version and mode, the cores API ({@code
 * action=STATUS}) for cores with their document counts and sizes, the collections API ({@code
 * action=LIST}) in SolrCloud, and a three-row {@code select} per core.
 */
final class SolrProbe implements Probe {
  @Override
  public String service() {
    return "solr";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(8983);
  }

  @Override
  public boolean http() {
    return true;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    HttpReply system = session.get("/solr/admin/info/system?wt=json");
    if (system.refusesAnonymous()) {
      if (!system.header("WWW-Authenticate").toLowerCase(java.util.Locale.ROOT).contains("solr")
          && !defaultPorts().contains(session.endpoint().port())) {
        return Observation.notThisService(service());
      }
      return Observation.authRequired(
          service(),
          system.tls(),
          ServiceInfo.of("solr", null),
          "admin API answered " + system.status());
    }
    JsonNode about = system.ok() ? system.json() : null;
    if (about == null || !about.has("lucene")) {
      return Observation.notThisService(service());
    }
    ServiceInfo info =
        new ServiceInfo(
            "solr",
            Json.text(about.path("lucene"), "solr-spec-version"),
            null,
            Json.text(about, "mode"));
    List<String> notes = new ArrayList<>();
    Map<String, JsonNode> cores = new TreeMap<>();
    HttpReply status = session.get("/solr/admin/cores?action=STATUS&wt=json");
    JsonNode statusJson = status.ok() ? status.json() : null;
    if (statusJson != null) {
      statusJson
          .path("status")
          .properties()
          .forEach(core -> cores.put(core.getKey(), core.getValue()));
    }
    HttpReply collections = session.get("/solr/admin/collections?action=LIST&wt=json");
    JsonNode collectionsJson = collections.ok() ? collections.json() : null;
    if (collectionsJson != null) {
      for (JsonNode name : collectionsJson.path("collections")) {
        cores.putIfAbsent(name.asText(), null);
      }
    }
    List<StoreSample> stores = new ArrayList<>();
    boolean readAny = false;
    int sampled = 0;
    for (Map.Entry<String, JsonNode> core : cores.entrySet()) {
      JsonNode index = core.getValue() == null ? null : core.getValue().path("index");
      Long documents = Json.number(index, "numDocs");
      Long bytes = Json.number(index, "sizeInBytes");
      if (sampled >= session.settings().maxSampledStores()) {
        stores.add(StoreSample.unsampled(core.getKey(), documents, bytes));
        continue;
      }
      sampled++;
      HttpReply select =
          session.get(
              "/solr/"
                  + Session.segment(core.getKey())
                  + "/select?q=*%3A*&rows="
                  + Probes.MAX_SAMPLES
                  + "&wt=json");
      JsonNode response =
          select.ok() && select.json() != null ? select.json().path("response") : null;
      List<SampledRecord> samples = new ArrayList<>();
      if (response != null) {
        if (documents == null) {
          documents = Json.number(response, "numFound");
        }
        for (JsonNode document : response.path("docs")) {
          if (samples.size() < Probes.MAX_SAMPLES) {
            String id = Json.text(document, "id");
            samples.add(new SampledRecord(id == null ? "#" + samples.size() : id, document));
          }
        }
      } else {
        notes.add("core " + core.getKey() + ": select refused (" + select.status() + ")");
      }
      readAny |= !samples.isEmpty();
      stores.add(new StoreSample(core.getKey(), documents, bytes, "", samples));
    }
    return new Observation(
        service(),
        readAny ? Verdict.OPEN_DATA : Verdict.OPEN_METADATA,
        system.tls(),
        info,
        stores,
        notes);
  }
}
