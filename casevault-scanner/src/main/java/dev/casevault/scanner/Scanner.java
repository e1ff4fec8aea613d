package dev.casevault.scanner;

import dev.casevault.redaction.PiiDetector;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * Probes endpoints and classifies what they expose. A library call as much as a command: the {@code
 * scan} command runs {@link #scanAll}, and a server can run {@link #scan} on its own address to
 * prove that an anonymous client reads nothing there.
 *
 * <p>On each endpoint the probes whose usual port it is go first, then the others (HTTP ones
 * first); the first that recognises the service gives the result. A URL target gets HTTP probes
 * only. Requests are paced over the whole scan ({@link ScanSettings#requestsPerSecond()}), at most
 * {@link ScanSettings#concurrency()} endpoints are probed at once, and no probe sends credentials.
 */
public final class Scanner implements AutoCloseable {
  /** Told of each endpoint as its result comes, from the scanning threads. */
  public interface Listener {
    void scanned(ScanResult result, int done, int total);
  }

  private final List<Probe> probes;
  private final ScanSettings settings;
  private final Classifier classifier;
  private final Pacer pacer;
  private final SSLContext tls = AnyCertificate.insecureContextForAnonymousReadsOnly();
  private final HttpClient http;

  public Scanner(List<Probe> probes, ScanSettings settings, PiiDetector detector) {
    this.probes = List.copyOf(probes);
    this.settings = Objects.requireNonNull(settings, "settings");
    this.classifier = new Classifier(detector);
    this.pacer = new Pacer(settings.requestsPerSecond());
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(settings.connectTimeout())
            .sslContext(tls)
            .build();
  }

  /** Every probe casevault has, and its standard detectors. */
  public static Scanner standard(ScanSettings settings) {
    return new Scanner(Probes.standard(), settings, PiiDetector.standard());
  }

  /** Probes one endpoint. */
  public ScanResult scan(Endpoint endpoint) throws InterruptedException {
    return classifier.classify(endpoint, observe(endpoint));
  }

  /** Probes every endpoint, {@link ScanSettings#concurrency()} at a time, in the given order. */
  public ScanReport scanAll(List<Endpoint> endpoints, Listener listener)
      throws InterruptedException {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    AtomicInteger done = new AtomicInteger();
    List<Future<ScanResult>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), Scanner::thread);
    try {
      for (Endpoint endpoint : endpoints) {
        futures.add(
            pool.submit(
                () -> {
                  ScanResult result = scan(endpoint);
                  listener.scanned(result, done.incrementAndGet(), endpoints.size());
                  return result;
                }));
      }
      List<ScanResult> results = new ArrayList<>();
      for (Future<ScanResult> future : futures) {
        try {
          results.add(future.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a probe failed unexpectedly", e.getCause());
        }
      }
      return new ScanReport(started, Duration.ofNanos(System.nanoTime() - startNanos), results);
    } finally {
      pool.shutdownNow();
    }
  }

  private static Thread thread(Runnable task) {
    Thread thread = new Thread(task, "casevault-scan");
    thread.setDaemon(true);
    return thread;
  }

  /** The probes in the order they are tried on this endpoint. */
  List<Probe> candidates(Endpoint endpoint) {
    List<Probe> usual = new ArrayList<>();
    List<Probe> others = new ArrayList<>();
    for (Probe probe : probes) {
      if (endpoint.url() != null && !probe.http()) {
        continue;
      }
      (probe.defaultPorts().contains(endpoint.port()) ? usual : others).add(probe);
    }
    others.sort((a, b) -> Boolean.compare(b.http(), a.http()));
    usual.addAll(others);
    return usual;
  }

  private Observation observe(Endpoint endpoint) throws InterruptedException {
    List<Probe> candidates = candidates(endpoint);
    String expected =
        candidates.stream()
            .filter(probe -> probe.defaultPorts().contains(endpoint.port()))
            .map(Probe::service)
            .findFirst()
            .orElse("unknown");
    String closed = closedBecause(endpoint);
    if (closed != null) {
      return new Observation(
          expected, Verdict.NOT_THIS_SERVICE, false, null, List.of(), List.of(closed));
    }
    Session session = new Session(endpoint, settings, pacer, http, tls);
    Observation firstError = null;
    for (Probe probe : candidates) {
      Observation observation;
      boolean broke = false;
      try {
        observation = probe.probe(session);
      } catch (SocketTimeoutException e) {
        observation =
            Observation.error(probe.service(), false, "no answer within the read timeout");
      } catch (IOException e) {
        // The class says what went wrong; the message may quote what the host sent.
        observation =
            Observation.error(
                probe.service(), false, "connection failed (" + e.getClass().getSimpleName() + ")");
      } catch (RuntimeException e) {
        // An answer no probe expected (a hostile or broken server) fails this endpoint's probe,
        // never the scan.
        broke = true;
        observation =
            Observation.error(
                probe.service(), false, "unreadable answer (" + e.getClass().getSimpleName() + ")");
      }
      if (observation.verdict() == Verdict.ERROR) {
        // Failing to talk to a service on another's port is expected; breaking on an answer is not.
        if (firstError == null && (broke || probe.defaultPorts().contains(endpoint.port()))) {
          firstError = observation;
        }
        continue;
      }
      if (observation.verdict() != Verdict.NOT_THIS_SERVICE) {
        return observation;
      }
    }
    if (firstError != null) {
      return firstError;
    }
    return new Observation(
        expected,
        Verdict.NOT_THIS_SERVICE,
        false,
        null,
        List.of(),
        List.of("something listens, but no probe recognised it"));
  }

  /** Why nothing can be probed there (nothing listening, no such host), or null. */
  private String closedBecause(Endpoint endpoint) throws InterruptedException {
    Session session = new Session(endpoint, settings, pacer, http, tls);
    try {
      Socket socket = session.connect(false);
      socket.close();
      return null;
    } catch (ConnectException e) {
      return "nothing listening (connection refused)";
    } catch (SocketTimeoutException e) {
      return "no answer to a connection within " + settings.connectTimeout().toMillis() + " ms";
    } catch (NoRouteToHostException e) {
      return "no route to host";
    } catch (UnknownHostException e) {
      return "unknown host";
    } catch (IOException e) {
      return "cannot connect (" + e.getClass().getSimpleName() + ")";
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
