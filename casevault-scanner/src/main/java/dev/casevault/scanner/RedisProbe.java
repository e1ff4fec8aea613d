package dev.casevault.scanner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis: {@code INFO server} ({@code -NOAUTH} means a password is required), {@code INFO keyspace}
 * for the databases and their key counts, then per database a few {@code SCAN} steps (never {@code
 * KEYS *}, which blocks the server for as long as it walks every key) for three keys, each read
 * with a bounded command for its type. Plain TCP first, then TLS.
 */
final class RedisProbe implements Probe {
  private static final Pattern KEYSPACE =
      Pattern.compile("^db(\\d+):keys=(\\d+)", Pattern.MULTILINE);
  private static final int SCAN_STEPS = 10;
  private static final String ELEMENTS = "19"; // the last index of a 20-element range
  private static final int VALUE_CHARS = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String service() {
    return "redis";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(6379, 6380);
  }

  @Override
  public boolean http() {
    return false;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    return PlainThenTls.probe(service(), session, this::probe);
  }

  private Observation probe(Session session, boolean tls) throws IOException, InterruptedException {
    try (Resp redis = new Resp(session.connect(tls), session)) {
      Object server = redis.call("INFO", "server");
      if (server instanceof Resp.Error error) {
        String message = error.message().toUpperCase(Locale.ROOT);
        if (message.startsWith("NOAUTH") || message.contains("AUTH")) {
          return Observation.authRequired(
              service(), tls, ServiceInfo.of("redis", null), "INFO answered -NOAUTH");
        }
        if (message.startsWith("DENIED")) {
          return Observation.authRequired(
              service(),
              tls,
              ServiceInfo.of("redis", null),
              "protected mode: refuses clients beyond loopback without a password");
        }
        return Observation.notThisService(service());
      }
      if (!(server instanceof String text) || !text.contains("redis_version:")) {
        return Observation.notThisService(service());
      }
      ServiceInfo info =
          new ServiceInfo("redis", field(text, "redis_version"), field(text, "run_id"), null);
      Object keyspace = redis.call("INFO", "keyspace");
      Map<Integer, Long> databases = new LinkedHashMap<>();
      if (keyspace instanceof String listing) {
        Matcher matcher = KEYSPACE.matcher(listing);
        while (matcher.find()) {
          databases.put(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)));
        }
      }
      List<StoreSample> stores = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      boolean readAny = false;
      for (Map.Entry<Integer, Long> database : databases.entrySet()) {
        String name = "db" + database.getKey();
        if (stores.size() >= session.settings().maxSampledStores()) {
          stores.add(StoreSample.unsampled(name, database.getValue(), null));
          continue;
        }
        if (!"OK".equals(redis.call("SELECT", database.getKey().toString()))) {
          notes.add(name + ": SELECT refused");
          stores.add(StoreSample.unsampled(name, database.getValue(), null));
          continue;
        }
        List<SampledRecord> samples = sample(redis);
        readAny |= !samples.isEmpty();
        stores.add(new StoreSample(name, database.getValue(), null, "", samples));
      }
      return new Observation(
          service(), readAny ? Verdict.OPEN_DATA : Verdict.OPEN_METADATA, tls, info, stores, notes);
    }
  }

  private List<SampledRecord> sample(Resp redis) throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    for (int step = 0; step < SCAN_STEPS && keys.size() < Probes.MAX_SAMPLES; step++) {
      if (!(redis.call("SCAN", cursor, "COUNT", "100") instanceof List<?> page)
          || page.size() != 2
          || !(page.get(0) instanceof String next)
          || !(page.get(1) instanceof List<?> found)) {
        break;
      }
      for (Object key : found) {
        if (key instanceof String name && keys.size() < Probes.MAX_SAMPLES) {
          keys.add(name);
        }
      }
      cursor = next;
      if (cursor.equals("0")) {
        break;
      }
    }
    List<SampledRecord> samples = new ArrayList<>();
    for (String key : keys) {
      JsonNode value = value(redis, key);
      if (value != null) {
        samples.add(new SampledRecord(key, value));
      }
    }
    return samples;
  }

  /** The key's value, read with a command whose cost does not grow with its size. */
  private static JsonNode value(Resp redis, String key) throws IOException, InterruptedException {
    Object type = redis.call("TYPE", key);
    Object value =
        switch (String.valueOf(type)) {
          case "string" -> redis.call("GETRANGE", key, "0", Integer.toString(VALUE_CHARS - 1));
          case "hash" -> redis.call("HSCAN", key, "0", "COUNT", "20");
          case "list" -> redis.call("LRANGE", key, "0", ELEMENTS);
          case "set" -> redis.call("SSCAN", key, "0", "COUNT", "20");
          case "zset" -> redis.call("ZRANGE", key, "0", ELEMENTS);
          case "stream" -> redis.call("XRANGE", key, "-", "+", "COUNT", "3");
          default -> null;
        };
    if (value == null || value instanceof Resp.Error) {
      return null;
    }
    if ("hash".equals(type) && value instanceof List<?> page && page.size() == 2) {
      ObjectNode fields = Json.NODES.objectNode();
      if (page.get(1) instanceof List<?> pairs) {
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
          fields.set(String.valueOf(pairs.get(i)), tree(pairs.get(i + 1)));
        }
      }
      return fields;
    }
    if ("set".equals(type) && value instanceof List<?> page && page.size() == 2) {
      return tree(page.get(1));
    }
    if (value instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
      // Applications often keep JSON documents in strings; their field names help the report.
      JsonNode parsed = parsed(text);
      if (parsed != null) {
        return parsed;
      }
    }
    return tree(value);
  }

  private static JsonNode parsed(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return null;
    }
  }

  private static JsonNode tree(Object reply) {
    if (reply instanceof List<?> elements) {
      ArrayNode array = Json.NODES.arrayNode();
      elements.forEach(element -> array.add(tree(element)));
      return array;
    }
    if (reply instanceof Long number) {
      return Json.NODES.numberNode(number);
    }
    return reply == null ? Json.NODES.nullNode() : Json.NODES.textNode(String.valueOf(reply));
  }

  private static String field(String info, String name) {
    Matcher matcher = Pattern.compile("^" + name + ":(.*)$", Pattern.MULTILINE).matcher(info);
    return matcher.find() ? matcher.group(1).strip() : null;
  }
}
