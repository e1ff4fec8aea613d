package dev.casevault.scanner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * memcached: the text protocol's {@code stats}. An open memcached hands any client every item whose
 * key it names, and its keys can be dumped ({@code lru_crawler metadump}); the probe does not dump
 * or read them (no bounded way to), so a memcached holding items is {@link Verdict#OPEN_DATA}
 * without samples. {@code CLIENT_ERROR unauthenticated} (memcached's {@code -Y} authentication
 * file) is {@link Verdict#AUTH_REQUIRED}; a server started with SASL ({@code -S}) speaks only the
 * binary protocol and drops a text command, which reads as nothing listening for this probe.
 */
final class MemcachedProbe implements Probe {
  private static final int MAX_LINES = 200;

  @Override
  public String service() {
    return "memcached";
  }

  @Override
  public Set<Integer> defaultPorts() {
    return Set.of(11211);
  }

  @Override
  public boolean http() {
    return false;
  }

  @Override
  public Observation probe(Session session) throws IOException, InterruptedException {
    try (Socket socket = session.connect(false)) {
      OutputStream out = socket.getOutputStream();
      out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      Map<String, String> stats = new HashMap<>();
      for (int i = 0; i < MAX_LINES; i++) {
        String line = in.readLine();
        if (line == null) {
          return Observation.notThisService(service());
        }
        if (line.startsWith("CLIENT_ERROR unauthenticated")
            || line.startsWith("CLIENT_ERROR authentication")) {
          return Observation.authRequired(
              service(),
              false,
              ServiceInfo.of("memcached", null),
              "stats answered CLIENT_ERROR unauthenticated");
        }
        if (line.equals("END")) {
          break;
        }
        String[] parts = line.split(" ", 3);
        if (parts.length != 3 || !parts[0].equals("STAT")) {
          return Observation.notThisService(service());
        }
        stats.put(parts[1], parts[2]);
      }
      if (!stats.containsKey("curr_items") || !stats.containsKey("version")) {
        return Observation.notThisService(service());
      }
      long items = parse(stats.get("curr_items"));
      long bytes = parse(stats.get("bytes"));
      ServiceInfo info = ServiceInfo.of("memcached", stats.get("version"));
      StoreSample store = StoreSample.unsampled("items", items, bytes);
      return items > 0
          ? new Observation(
              service(),
              Verdict.OPEN_DATA,
              false,
              info,
              List.of(store),
              List.of(
                  "items are readable by any client that names their keys, and the keys can be"
                      + " dumped; not sampled"))
          : new Observation(
              service(), Verdict.OPEN_METADATA, false, info, List.of(store), List.of());
    } catch (SocketException closed) {
      return Observation.notThisService(service());
    }
  }

  private static long parse(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
