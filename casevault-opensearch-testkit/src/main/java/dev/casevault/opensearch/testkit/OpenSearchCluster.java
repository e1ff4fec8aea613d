package dev.casevault.opensearch.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real OpenSearch cluster on 127.0.0.1 for tests, made from Maven Central artifacts: the
 * integ-test-zip server, the security plugin and the analysis-common module (English and French
 * analyzers), in the versions the root pom names ({@code opensearch.version}).
 *
 * <p>A secured cluster has TLS on transport and HTTP with certificates made for this start (a CA,
 * node certificates for 127.0.0.1 and localhost, an admin client certificate), no anonymous access,
 * an {@code admin} user (all access, for test setup) and casevault's service user {@code casevault}
 * with the production role of docs/opensearch.md (its own indices {@code casevault-*}, bulk and
 * cluster health), plus deleting and changing settings of {@code casevault-test-*} for the tests'
 * housekeeping. Passwords are made for this start. An open cluster ({@link Options#open()}) has no
 * security plugin at all: plain HTTP, anyone may do anything, as the exposure scanner's targets
 * need.
 *
 * <p>Each node is its own process ({@code bin/opensearch}) on a Java 17 to 23 found on this machine
 * (see {@link NodeJava}), as an unprivileged user when the tests run as root (see {@link
 * NodeUser}). It binds and publishes on 127.0.0.1 only, on ports picked free for this start. The
 * folder holds everything: the unpacked home, each node's config, data and logs; {@link #close()}
 * stops every node and deletes it.
 *
 * <p>Starting takes tens of seconds: tests share one cluster per JVM through {@link #shared()}
 * (secured, three nodes), {@link #sharedOpen()} (open, one node) or {@link #shared(int, Options)},
 * stopped by a shutdown hook. A test that kills or stops a node of a shared cluster restarts it
 * before it ends.
 */
public final class OpenSearchCluster implements AutoCloseable {
  static final String LOOPBACK = "127.0.0.1";
  private static final String OWNER_FILE = "casevault-opensearch-testkit.owner";
  private static final String SHARED_PREFIX = "casevault-opensearch-shared-";
  private static final Pattern PATH_CONF = Pattern.compile("-Dopensearch\\.path\\.conf=(\\S+)");
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** A cluster's health colour, best first. */
  public enum Health {
    GREEN,
    YELLOW,
    RED;

    /** Whether this colour is {@code other} or better. */
    public boolean atLeast(Health other) {
      return ordinal() <= other.ordinal();
    }
  }

  /** What {@code GET _cluster/health} answered. */
  public record ClusterHealth(Health status, int nodes, int activeShards, int unassignedShards) {}

  /**
   * How to start a cluster. Immutable; bad values are refused rather than adjusted.
   *
   * @param security whether the security plugin runs (TLS, users, roles)
   * @param heapMegabytes each node's heap ({@code -Xms} = {@code -Xmx}), 128 to 4096
   * @param startTimeout how long a start (or a restart, or a wait for health) may take
   * @param serviceIndexTemplates whether the service role may manage index templates; the plugin
   *     cannot limit those to {@code casevault-*}, so it widens the role to the whole cluster
   * @param settings more {@code opensearch.yml} settings; none may touch what the harness sets
   *     (network, ports, paths, discovery, TLS and security)
   * @param jvmOptions more lines for each node's {@code jvm.options}
   * @param anonymousReads a misconfigured cluster, for the tests of casevault's bootstrap checks:
   *     the security plugin's anonymous authentication on, with a role that lets a request without
   *     credentials read {@code casevault-*}
   */
  public record Options(
      boolean security,
      int heapMegabytes,
      Duration startTimeout,
      boolean serviceIndexTemplates,
      Map<String, String> settings,
      List<String> jvmOptions,
      boolean anonymousReads) {
    public Options {
      if (heapMegabytes < 128 || heapMegabytes > 4096) {
        throw new IllegalArgumentException(
            "heapMegabytes must be 128 to 4096, not " + heapMegabytes);
      }
      Objects.requireNonNull(startTimeout, "startTimeout");
      if (startTimeout.isNegative() || startTimeout.isZero()) {
        throw new IllegalArgumentException("startTimeout must be positive, not " + startTimeout);
      }
      if (serviceIndexTemplates && !security) {
        throw new IllegalArgumentException("serviceIndexTemplates needs security");
      }
      if (anonymousReads && !security) {
        throw new IllegalArgumentException(
            "anonymousReads needs security (an open cluster lets anyone read anyway)");
      }
      settings = Map.copyOf(settings);
      jvmOptions = List.copyOf(jvmOptions);
      for (String option : jvmOptions) {
        if (option.startsWith("-Xm") || option.startsWith("-Djava.security.manager")) {
          throw new IllegalArgumentException(
              option + ": the heap is heapMegabytes, and the SecurityManager OpenSearch's own");
        }
      }
      for (String key : settings.keySet()) {
        if (reserved(key)) {
          throw new IllegalArgumentException(
              key + " is set by the harness (loopback only, its own ports, paths and security)");
        }
      }
    }

    /**
     * With the security plugin, 384 MB of heap per node, three minutes to start, and the nodes' JIT
     * limited to C1 ({@code -XX:TieredStopAtLevel=1}): that halves the CPU a start takes (about 8
     * instead of 15 CPU seconds per node here), at the cost of peak speed. A benchmark that wants
     * the full JIT drops it with {@code withJvmOptions(List.of())}.
     */
    public static Options secured() {
      return new Options(
          true, 384, Duration.ofMinutes(3), false, Map.of(), List.of(QUICK_START), false);
    }

    /** Like {@link #secured()} but without the security plugin: plain HTTP, no users, no roles. */
    public static Options open() {
      return new Options(
          false, 384, Duration.ofMinutes(3), false, Map.of(), List.of(QUICK_START), false);
    }

    public Options withHeapMegabytes(int megabytes) {
      return new Options(
          security,
          megabytes,
          startTimeout,
          serviceIndexTemplates,
          settings,
          jvmOptions,
          anonymousReads);
    }

    public Options withStartTimeout(Duration timeout) {
      return new Options(
          security,
          heapMegabytes,
          timeout,
          serviceIndexTemplates,
          settings,
          jvmOptions,
          anonymousReads);
    }

    public Options withServiceIndexTemplates(boolean allowed) {
      return new Options(
          security, heapMegabytes, startTimeout, allowed, settings, jvmOptions, anonymousReads);
    }

    /**
     * Whether anonymous requests may read {@code casevault-*}: a cluster casevault must refuse, for
     * the tests of that refusal. Never what a real cluster should do.
     */
    public Options withAnonymousReads(boolean allowed) {
      return new Options(
          security,
          heapMegabytes,
          startTimeout,
          serviceIndexTemplates,
          settings,
          jvmOptions,
          allowed);
    }

    public Options withSetting(String key, String value) {
      Map<String, String> more = new LinkedHashMap<>(settings);
      more.put(key, value);
      return new Options(
          security,
          heapMegabytes,
          startTimeout,
          serviceIndexTemplates,
          more,
          jvmOptions,
          anonymousReads);
    }

    /** These lines instead of the extra {@code jvm.options} lines so far. */
    public Options withJvmOptions(List<String> options) {
      return new Options(
          security,
          heapMegabytes,
          startTimeout,
          serviceIndexTemplates,
          settings,
          options,
          anonymousReads);
    }

    /** One more line for the nodes' {@code jvm.options} (not the heap, not the SecurityManager). */
    public Options withJvmOption(String option) {
      List<String> more = new ArrayList<>(jvmOptions);
      more.add(option);
      return new Options(
          security,
          heapMegabytes,
          startTimeout,
          serviceIndexTemplates,
          settings,
          more,
          anonymousReads);
    }

    private static boolean reserved(String key) {
      return key.startsWith("network.")
          || key.startsWith("discovery.")
          || key.startsWith("path.")
          || key.startsWith("plugins.security.")
          || key.startsWith("cluster.initial_")
          || key.endsWith(".host")
          || key.endsWith("_host")
          || key.endsWith(".port")
          || key.endsWith(".publish_port")
          || key.equals("cluster.name")
          || key.equals("node.name");
    }
  }

  /** The nodes' JIT stops at C1: tests start and stop clusters, they do not run them for hours. */
  static final String QUICK_START = "-XX:TieredStopAtLevel=1";

  private static final class Node {
    final int index;
    final String name;
    final int httpPort;
    final int transportPort;
    final Path dir;
    Process process;

    Node(int index, int httpPort, int transportPort, Path dir) {
      this.index = index;
      this.name = "node-" + index;
      this.httpPort = httpPort;
      this.transportPort = transportPort;
      this.dir = dir;
    }

    Path config() {
      return dir.resolve("config");
    }

    Path logs() {
      return dir.resolve("logs");
    }

    Path console() {
      return dir.resolve("console.log");
    }

    boolean running() {
      return process != null && process.isAlive();
    }
  }

  private static final Map<SharedKey, OpenSearchCluster> SHARED = new HashMap<>();
  private static final Map<SharedKey, RuntimeException> SHARED_FAILURES = new HashMap<>();

  private final Path folder;
  private final Options options;
  private final String clusterName;
  private final List<Node> nodes = new ArrayList<>();
  private final SecureRandom random = new SecureRandom();
  private final Thread shutdownHook;
  private Path home;
  private Path nodeJava;
  private NodeUser user;
  private Path trustStore;
  private Path adminKeyStore;
  private Path caCertificate;
  private String storePassword;
  private String adminPassword;
  private String servicePassword;
  private SSLContext sslContext;
  private HttpClient http;
  private Duration startupTime;
  private volatile boolean closed;

  private OpenSearchCluster(Path folder, Options options) {
    this.folder = folder;
    this.options = options;
    this.clusterName = "casevault-test-" + HexFormat.of().toHexDigits(random.nextInt());
    this.shutdownHook = new Thread(this::stopQuietly, "opensearch-test-cluster-stop");
  }

  /**
   * Starts {@code nodes} nodes in {@code folder} (created if missing; it must be empty) and returns
   * once an authenticated {@code GET /} answers 200 on every node and the cluster is green.
   *
   * @throws IllegalStateException if a node exits or is not ready in time; the message carries the
   *     last lines of its logs, and the folder is kept for a look at the rest
   */
  public static OpenSearchCluster start(Path folder, int nodes, Options options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    if (nodes < 1 || nodes > 9) {
      throw new IllegalArgumentException("nodes must be 1 to 9, not " + nodes);
    }
    reapOrphans();
    OpenSearchCluster cluster = new OpenSearchCluster(folder.toAbsolutePath().normalize(), options);
    Instant began = Instant.now();
    try {
      cluster.prepare(nodes);
      Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
      for (Node node : cluster.nodes) {
        cluster.launch(node);
      }
      Instant deadline = began.plus(options.startTimeout());
      cluster.awaitReady(cluster.nodes, deadline);
      cluster.waitForHealth(
          Health.GREEN, nodes, Duration.between(Instant.now(), deadline).plusSeconds(1));
    } catch (IOException | RuntimeException e) {
      cluster.abandon();
      throw e;
    }
    cluster.startupTime = Duration.between(began, Instant.now());
    return cluster;
  }

  /**
   * This JVM's secured three-node cluster ({@code shared(3, Options.secured())}), started on first
   * use in a folder under {@code java.io.tmpdir} and stopped (folder deleted) when the JVM exits.
   */
  public static OpenSearchCluster shared() throws IOException {
    return shared(3, Options.secured());
  }

  /** This JVM's open (no security plugin) one-node cluster: {@code shared(1, Options.open())}. */
  public static OpenSearchCluster sharedOpen() throws IOException {
    return shared(1, Options.open());
  }

  /**
   * This JVM's cluster of {@code nodes} nodes started with {@code options}: one per distinct pair,
   * started on first use in a folder under {@code java.io.tmpdir}, stopped (folder deleted) when
   * the JVM exits. Nodes that a test killed or stopped and did not restart are restarted here. A
   * failed start is not retried in this JVM: later callers get its failure at once.
   */
  public static synchronized OpenSearchCluster shared(int nodes, Options options)
      throws IOException {
    SharedKey key = new SharedKey(nodes, options);
    RuntimeException failed = SHARED_FAILURES.get(key);
    if (failed != null) {
      throw new IllegalStateException(
          "this shared OpenSearch cluster failed to start earlier in this JVM", failed);
    }
    OpenSearchCluster cluster = SHARED.get(key);
    if (cluster == null || cluster.closed) {
      try {
        cluster = start(sharedFolder(), nodes, options);
      } catch (RuntimeException e) {
        SHARED_FAILURES.put(key, e);
        throw e;
      } catch (IOException e) {
        SHARED_FAILURES.put(key, new UncheckedIOException(e));
        throw e;
      }
      SHARED.put(key, cluster);
    } else {
      cluster.restartStopped();
    }
    return cluster;
  }

  private record SharedKey(int nodes, Options options) {}

  private static Path sharedFolder() throws IOException {
    return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), SHARED_PREFIX);
  }

  // ---------------------------------------------------------------- what tests use

  public String clusterName() {
    return clusterName;
  }

  public int size() {
    return nodes.size();
  }

  public boolean secured() {
    return options.security();
  }

  public Options options() {
    return options;
  }

  public Path folder() {
    return folder;
  }

  /** {@code https://127.0.0.1:PORT} (or {@code http://} for an open cluster) of node {@code i}. */
  public URI httpUrl(int node) {
    return URI.create(
        (secured() ? "https" : "http") + "://" + LOOPBACK + ":" + node(node).httpPort);
  }

  /** Every node's HTTP URL, node 0 first. */
  public List<URI> httpUrls() {
    List<URI> urls = new ArrayList<>();
    for (Node node : nodes) {
      urls.add(httpUrl(node.index));
    }
    return List.copyOf(urls);
  }

  /** The transport port of node {@code i} (on 127.0.0.1). */
  public int transportPort(int node) {
    return node(node).transportPort;
  }

  /**
   * A PKCS12 trust store holding the cluster's CA alone; its password is {@link #storePassword}.
   */
  public Path trustStore() {
    requireSecured();
    return trustStore;
  }

  /** The password of {@link #trustStore()} and {@link #adminKeyStore()}. */
  public String storePassword() {
    requireSecured();
    return storePassword;
  }

  /** The cluster's CA certificate, PEM. */
  public Path caCertificate() {
    requireSecured();
    return caCertificate;
  }

  /**
   * A PKCS12 key store (alias {@code admin}, password {@link #storePassword()}) with the admin
   * client certificate, whose subject is the cluster's {@code plugins.security.authcz.admin_dn}.
   */
  public Path adminKeyStore() {
    requireSecured();
    return adminKeyStore;
  }

  /** The subject of the admin client certificate. */
  public String adminCertificateSubject() {
    requireSecured();
    return ClusterCertificates.ADMIN_DN;
  }

  /**
   * casevault's service user: the documented production role ({@code casevault-*}, bulk and cluster
   * health), and deleting or changing settings of {@link #testIndexPattern()} indices.
   */
  public String serviceUser() {
    requireSecured();
    return SecurityConfiguration.SERVICE_USER;
  }

  public String servicePassword() {
    requireSecured();
    return servicePassword;
  }

  /** A user mapped to {@code all_access}, for test setup. */
  public String adminUser() {
    requireSecured();
    return SecurityConfiguration.ADMIN_USER;
  }

  public String adminPassword() {
    requireSecured();
    return adminPassword;
  }

  /** The index pattern the service role reaches. */
  public String serviceIndexPattern() {
    return SecurityConfiguration.SERVICE_INDICES;
  }

  /**
   * The indices the service user may also delete and change the settings of: a test that cleans up
   * through the service user names its indices and aliases so; any other clean-up goes through
   * {@link #adminRequest}.
   */
  public String testIndexPattern() {
    return SecurityConfiguration.TEST_INDICES;
  }

  /** An SSL context that trusts the cluster's CA alone. */
  public SSLContext sslContext() {
    requireSecured();
    return sslContext;
  }

  /**
   * A request to node 0 (or the first running node) as the admin user (anonymous on an open
   * cluster), for test setup; {@code body} is JSON or null.
   */
  public HttpResponse<String> adminRequest(String method, String path, String body)
      throws IOException {
    Node node = firstRunning();
    return send(node, method, path, body, secured() ? SecurityConfiguration.ADMIN_USER : null);
  }

  public boolean isRunning(int node) {
    return node(node).running();
  }

  /** The node's process id (its JVM's, once {@code bin/opensearch} has exec'd it). */
  public long pid(int node) {
    Node n = node(node);
    if (!n.running()) {
      throw new IllegalStateException(n.name + " is not running");
    }
    return n.process.pid();
  }

  /** {@code kill -9} of node {@code i}'s process: no shutdown, for failure tests. */
  public synchronized void killNode(int node) {
    Node n = node(node);
    if (!n.running()) {
      throw new IllegalStateException(n.name + " is not running");
    }
    n.process.descendants().forEach(ProcessHandle::destroyForcibly);
    n.process.destroyForcibly();
    awaitExit(n, Duration.ofSeconds(30));
  }

  /** A clean stop of node {@code i} (SIGTERM; SIGKILL after a minute). */
  public synchronized void stopNode(int node) {
    Node n = node(node);
    if (n.running()) {
      stop(List.of(n), Duration.ofSeconds(60));
    }
  }

  /**
   * Stops node {@code i} if it runs, starts it again on the same ports, config and data, and
   * returns once it answers and the cluster counts every running node (yellow or better).
   */
  public synchronized void restartNode(int node) throws IOException {
    requireOpen();
    Node n = node(node);
    if (n.running()) {
      stop(List.of(n), Duration.ofSeconds(60));
    }
    Instant deadline = Instant.now().plus(options.startTimeout());
    launch(n);
    awaitReady(List.of(n), deadline);
    waitForHealth(
        Health.YELLOW, runningCount(), Duration.between(Instant.now(), deadline).plusSeconds(1));
  }

  /** The cluster's health now, as the first running node answers. */
  public ClusterHealth health() throws IOException {
    HttpResponse<String> response = adminRequest("GET", "/_cluster/health", null);
    if (response.statusCode() != 200) {
      throw new IOException(
          "GET /_cluster/health: " + response.statusCode() + " " + response.body());
    }
    return parseHealth(response.body());
  }

  /**
   * Waits until the cluster is {@code color} or better with exactly as many nodes as are running
   * here, within the start timeout.
   */
  public ClusterHealth waitForHealth(Health color) {
    return waitForHealth(color, runningCount(), options.startTimeout());
  }

  /** Waits until the cluster is {@code color} or better with exactly {@code nodeCount} nodes. */
  public ClusterHealth waitForHealth(Health color, int nodeCount, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    String last = "no running node";
    while (true) {
      for (Node node : nodes) {
        if (!node.running()) {
          continue;
        }
        long wait =
            Math.max(1, Math.min(10, Duration.between(Instant.now(), deadline).toSeconds()));
        String path =
            "/_cluster/health?wait_for_status="
                + color.name().toLowerCase(Locale.ROOT)
                + "&wait_for_nodes="
                + nodeCount
                + "&timeout="
                + wait
                + "s";
        try {
          HttpResponse<String> response =
              send(node, "GET", path, null, secured() ? SecurityConfiguration.ADMIN_USER : null);
          last = node.name + " answered " + response.statusCode() + " " + response.body();
          if (response.statusCode() == 200) {
            ClusterHealth health = parseHealth(response.body());
            if (health.nodes() == nodeCount && health.status().atLeast(color)) {
              return health;
            }
          }
        } catch (IOException e) {
          last = node.name + ": " + e;
        }
        if (Instant.now().isAfter(deadline)) {
          break;
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "cluster "
                + clusterName
                + " not "
                + color
                + " with "
                + nodeCount
                + " nodes within "
                + timeout
                + "; last answer: "
                + last);
      }
      sleep(Duration.ofMillis(500));
    }
  }

  /** How long {@link #start} took, from its call to a green cluster. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Resident memory of node {@code i}'s process, in bytes (0 if it is not running). */
  public long residentSetBytes(int node) {
    Node n = node(node);
    if (!n.running()) {
      return 0;
    }
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(n.process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return 0;
  }

  /** Resident memory of all running nodes, in bytes. */
  public long residentSetBytes() {
    long total = 0;
    for (Node node : nodes) {
      total += residentSetBytes(node.index);
    }
    return total;
  }

  /** The node's main log file. */
  public Path logFile(int node) {
    return node(node).logs().resolve(clusterName + ".log");
  }

  /** The last {@code lines} lines of the node's log and of its console output. */
  public String logTail(int node, int lines) {
    return tails(node(node), lines);
  }

  /** Stops every node (SIGTERM, then SIGKILL after 30 s) and deletes the folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(nodes, Duration.ofSeconds(30));
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Already shutting down: this is the hook.
    }
    deleteRecursively(folder);
  }

  // ---------------------------------------------------------------- start

  private void prepare(int count) throws IOException {
    if (Files.exists(folder)) {
      try (Stream<Path> children = Files.list(folder)) {
        if (children.findAny().isPresent()) {
          throw new IllegalArgumentException(folder + " is not empty");
        }
      }
    }
    Files.createDirectories(folder);
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    user = NodeUser.resolve();
    user.requireReachable(folder);
    nodeJava = NodeJava.find();
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        folder.resolve(OWNER_FILE),
        self.pid() + " " + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n");

    home = folder.resolve("home");
    Distribution.install(Distribution.locate(), home, options.security());

    List<Integer> ports = freePorts(2 * count);
    for (int i = 0; i < count; i++) {
      nodes.add(new Node(i, ports.get(2 * i), ports.get(2 * i + 1), folder.resolve("node-" + i)));
    }

    ClusterCertificates certificates = null;
    String adminHash = null;
    String serviceHash = null;
    if (options.security()) {
      certificates = ClusterCertificates.create();
      storePassword = SecurityConfiguration.newPassword(random);
      adminPassword = SecurityConfiguration.newPassword(random);
      servicePassword = SecurityConfiguration.newPassword(random);
      adminHash = SecurityConfiguration.bcrypt(adminPassword, random);
      serviceHash = SecurityConfiguration.bcrypt(servicePassword, random);
      // Only the test JVM's user reads the client material (the nodes' user cannot).
      Path client = Files.createDirectories(folder.resolve("client"));
      Files.setPosixFilePermissions(client, PosixFilePermissions.fromString("rwx------"));
      trustStore = client.resolve("truststore.p12");
      adminKeyStore = client.resolve("admin.p12");
      caCertificate = client.resolve("ca.pem");
      certificates.writeTrustStore(trustStore, storePassword.toCharArray());
      certificates.writeKeyStore(
          certificates.admin(), "admin", adminKeyStore, storePassword.toCharArray());
      certificates.writeCaPem(caCertificate);
      sslContext = trusting(trustStore, storePassword);
    }
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5));
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    http = builder.build();

    for (Node node : nodes) {
      Path config = Files.createDirectories(node.config());
      Files.createDirectories(node.dir.resolve("data"));
      Files.createDirectories(node.logs());
      Files.createDirectories(node.dir.resolve("tmp"));
      Files.copy(
          home.resolve("config").resolve("log4j2.properties"),
          config.resolve("log4j2.properties"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(config.resolve("jvm.options"), jvmOptions(node), StandardCharsets.UTF_8);
      Files.writeString(config.resolve("opensearch.yml"), settings(node), StandardCharsets.UTF_8);
      if (certificates != null) {
        certificates.writePem(
            certificates.node(node.index),
            config.resolve("node.pem"),
            config.resolve("node-key.pem"));
        certificates.writeCaPem(config.resolve("ca.pem"));
        SecurityConfiguration.write(
            config.resolve("opensearch-security"),
            adminHash,
            serviceHash,
            options.serviceIndexTemplates(),
            options.anonymousReads());
      }
      ownerOnly(node.dir);
      user.own(node.dir);
    }
  }

  private String settings(Node node) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("cluster.name", clusterName);
    s.put("node.name", node.name);
    s.put("path.data", node.dir.resolve("data").toString());
    s.put("path.logs", node.logs().toString());
    // Loopback only: bind and publish on 127.0.0.1, nothing else.
    s.put("network.host", LOOPBACK);
    s.put("http.port", node.httpPort);
    s.put("transport.port", node.transportPort);
    if (nodes.size() == 1) {
      s.put("discovery.type", "single-node");
    } else {
      List<String> seeds = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Node other : nodes) {
        seeds.add(LOOPBACK + ":" + other.transportPort);
        names.add(other.name);
      }
      s.put("discovery.seed_hosts", seeds);
      s.put("cluster.initial_cluster_manager_nodes", names);
    }
    s.put("bootstrap.memory_lock", false);
    // The test cluster shares the machine's disk: no read-only blocks when it fills up.
    s.put("cluster.routing.allocation.disk.threshold_enabled", false);
    if (options.security()) {
      s.put("plugins.security.ssl.transport.pemcert_filepath", "node.pem");
      s.put("plugins.security.ssl.transport.pemkey_filepath", "node-key.pem");
      s.put("plugins.security.ssl.transport.pemtrustedcas_filepath", "ca.pem");
      s.put("plugins.security.ssl.transport.enforce_hostname_verification", true);
      s.put("plugins.security.ssl.transport.resolve_hostname", false);
      s.put("plugins.security.ssl.http.enabled", true);
      s.put("plugins.security.ssl.http.pemcert_filepath", "node.pem");
      s.put("plugins.security.ssl.http.pemkey_filepath", "node-key.pem");
      s.put("plugins.security.ssl.http.pemtrustedcas_filepath", "ca.pem");
      s.put("plugins.security.allow_default_init_securityindex", true);
      s.put("plugins.security.authcz.admin_dn", List.of(ClusterCertificates.ADMIN_DN));
      s.put("plugins.security.nodes_dn", List.of(ClusterCertificates.NODES_DN));
      s.put("plugins.security.restapi.roles_enabled", List.of("all_access"));
      s.put("plugins.security.system_indices.enabled", true);
      // casevault keeps its own audit log; the plugin's would need a sink and an index.
      s.put("plugins.security.audit.type", "noop");
    }
    s.putAll(new TreeMap<>(options.settings()));
    StringBuilder yaml = new StringBuilder("# Written by casevault-opensearch-testkit\n");
    s.forEach((key, value) -> yaml.append(key).append(": ").append(yaml(value)).append('\n'));
    return yaml.toString();
  }

  private static String yaml(Object value) {
    if (value instanceof List<?> list) {
      List<String> items = new ArrayList<>();
      for (Object item : list) {
        items.add(yaml(item));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    return "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private String jvmOptions(Node node) {
    int heap = options.heapMegabytes();
    List<String> lines =
        new ArrayList<>(
            List.of(
                "# Written by casevault-opensearch-testkit: a modest heap, no heap dumps, logs in the node's"
                    + " folder",
                "-Xms" + heap + "m",
                "-Xmx" + heap + "m",
                "-XX:+UseG1GC",
                "-XX:G1ReservePercent=25",
                "-XX:InitiatingHeapOccupancyPercent=30",
                "-Djava.io.tmpdir=${OPENSEARCH_TMPDIR}",
                "-XX:-HeapDumpOnOutOfMemoryError",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:ErrorFile=" + node.logs().resolve("hs_err_pid%p.log"),
                "18-:-Djava.security.manager=allow",
                "20-:--add-modules=jdk.incubator.vector",
                "-Djava.util.concurrent.ForkJoinPool.common.threadFactory="
                    + "org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory"));
    lines.addAll(options.jvmOptions());
    return String.join("\n", lines) + "\n";
  }

  private void launch(Node node) throws IOException {
    // Through bash, so that a folder on a noexec mount still works; the script exec's the JVM.
    List<String> command =
        user.wrap(List.of("/bin/bash", home.resolve("bin").resolve("opensearch").toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(node.console().toFile()));
    Map<String, String> env = builder.environment();
    // A clean environment: nothing of the test JVM's (JAVA_TOOL_OPTIONS, proxies) leaks in.
    env.clear();
    env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("HOME", node.dir.toString());
    env.put("OPENSEARCH_JAVA_HOME", nodeJava.toString());
    env.put("JAVA_HOME", nodeJava.toString());
    env.put("OPENSEARCH_PATH_CONF", node.config().toString());
    env.put("OPENSEARCH_TMPDIR", node.dir.resolve("tmp").toString());
    Files.writeString(
        node.console(),
        "# " + Instant.now() + " starting " + String.join(" ", command) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    node.process = builder.start();
    node.process.getOutputStream().close();
  }

  /** Until an authenticated GET / answers 200 on each of {@code waiting}. */
  private void awaitReady(List<Node> waiting, Instant deadline) {
    Set<Node> pending = new LinkedHashSet<>(waiting);
    Map<Node, String> last = new LinkedHashMap<>();
    while (!pending.isEmpty()) {
      for (Iterator<Node> it = pending.iterator(); it.hasNext(); ) {
        Node node = it.next();
        if (!node.process.isAlive()) {
          throw failure(
              List.of(node), node.name + " exited with status " + node.process.exitValue());
        }
        try {
          HttpResponse<String> response =
              send(node, "GET", "/", null, secured() ? SecurityConfiguration.ADMIN_USER : null);
          if (response.statusCode() == 200) {
            it.remove();
          } else {
            last.put(node, response.statusCode() + " " + response.body());
          }
        } catch (IOException e) {
          last.put(node, e.toString());
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        StringBuilder answers = new StringBuilder();
        for (Node node : pending) {
          answers.append(node.name).append(": ").append(last.get(node)).append("; ");
        }
        throw failure(
            List.copyOf(pending),
            "not ready within " + options.startTimeout() + " (last answers: " + answers + ")");
      }
      sleep(Duration.ofMillis(250));
    }
  }

  private IllegalStateException failure(List<Node> failed, String what) {
    StringBuilder message =
        new StringBuilder("OpenSearch test cluster " + clusterName + ": " + what);
    for (Node node : failed) {
      message.append('\n').append(tails(node, 40));
    }
    message.append("\n(the cluster's folder is kept: ").append(folder).append(')');
    return new IllegalStateException(message.toString());
  }

  private String tails(Node node, int lines) {
    Path log = node.logs().resolve(clusterName + ".log");
    StringBuilder out = new StringBuilder();
    if (Files.exists(log)) {
      out.append("--- last lines of ").append(log).append(" ---\n").append(tail(log, lines));
    }
    out.append("--- last lines of ")
        .append(node.console())
        .append(" ---\n")
        .append(tail(node.console(), Files.exists(log) ? Math.min(lines, 15) : lines));
    return out.toString();
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read: " + e + ")\n";
    }
  }

  /** After a failed start: no process left, the logs kept, the unpacked home deleted. */
  private void abandon() {
    closed = true;
    stop(nodes, Duration.ofSeconds(10));
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException | IllegalArgumentException e) {
      // Not registered yet, or already shutting down.
    }
    if (home != null) {
      deleteRecursively(home);
    }
  }

  // ---------------------------------------------------------------- stop

  private void stop(List<Node> which, Duration grace) {
    for (Node node : which) {
      if (node.running()) {
        node.process.destroy();
      }
    }
    for (Node node : which) {
      if (node.process != null && !awaitExit(node, grace)) {
        node.process.descendants().forEach(ProcessHandle::destroyForcibly);
        node.process.destroyForcibly();
        awaitExit(node, Duration.ofSeconds(10));
      }
    }
  }

  private static boolean awaitExit(Node node, Duration timeout) {
    try {
      return node.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !node.process.isAlive();
    }
  }

  private void stopQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      // The JVM is exiting: nothing to report to.
    }
  }

  private void restartStopped() throws IOException {
    for (Node node : nodes) {
      if (!node.running()) {
        restartNode(node.index);
      }
    }
  }

  /**
   * Kills the nodes of clusters whose test JVM died without stopping them (a surefire timeout's
   * SIGKILL, say): each cluster folder names its owner's pid and start time.
   */
  private static void reapOrphans() {
    List<ProcessHandle> candidates =
        ProcessHandle.allProcesses()
            .filter(
                p ->
                    p.info()
                        .commandLine()
                        .map(c -> c.contains("org.opensearch.bootstrap.OpenSearch"))
                        .orElse(false))
            .toList();
    for (ProcessHandle process : candidates) {
      Optional<String> commandLine = process.info().commandLine();
      if (commandLine.isEmpty()) {
        continue;
      }
      Matcher conf = PATH_CONF.matcher(commandLine.get());
      if (!conf.find()) {
        continue;
      }
      Path nodeDir = Path.of(conf.group(1)).getParent();
      Path clusterFolder = nodeDir == null ? null : nodeDir.getParent();
      if (clusterFolder == null || !Files.isRegularFile(clusterFolder.resolve(OWNER_FILE))) {
        continue;
      }
      if (ownerAlive(clusterFolder.resolve(OWNER_FILE))) {
        continue;
      }
      process.destroyForcibly();
      try {
        process.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Best effort: a survivor is reported by its own port clash, not here.
      }
      if (clusterFolder.getFileName().toString().startsWith(SHARED_PREFIX)) {
        deleteRecursively(clusterFolder);
      }
    }
  }

  private static boolean ownerAlive(Path ownerFile) {
    try {
      String[] fields = Files.readString(ownerFile).strip().split(" ");
      long pid = Long.parseLong(fields[0]);
      long started = Long.parseLong(fields[1]);
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .map(
              p ->
                  started == 0
                      || p.info().startInstant().map(Instant::toEpochMilli).orElse(0L) == started)
          .orElse(false);
    } catch (IOException | RuntimeException e) {
      return true; // Unreadable: leave it alone.
    }
  }

  // ---------------------------------------------------------------- helpers

  private HttpResponse<String> send(
      Node node, String method, String path, String body, String asUser) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(httpUrl(node.index).resolve(path))
            .timeout(REQUEST_TIMEOUT.plusSeconds(5))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (asUser != null) {
      String password =
          asUser.equals(SecurityConfiguration.ADMIN_USER) ? adminPassword : servicePassword;
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((asUser + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static ClusterHealth parseHealth(String json) {
    return new ClusterHealth(
        Health.valueOf(field(json, "status").toUpperCase(Locale.ROOT)),
        Integer.parseInt(field(json, "number_of_nodes")),
        Integer.parseInt(field(json, "active_shards")),
        Integer.parseInt(field(json, "unassigned_shards")));
  }

  private static String field(String json, String name) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"?([A-Za-z0-9_.]+)\"?")
            .matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name + " in " + json);
    }
    return m.group(1);
  }

  private static SSLContext trusting(Path trustStore, String password) {
    try (InputStream in = Files.newInputStream(trustStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot load " + trustStore, e);
    }
  }

  /**
   * {@code count} distinct ports free on 127.0.0.1, chosen below the kernel's ephemeral range when
   * there is room: a port from that range could be taken, between this check and the node's bind,
   * as the source port of a connection (the nodes connect to each other as they start).
   */
  private List<Integer> freePorts(int count) throws IOException {
    int low = 32768;
    try {
      String[] range =
          Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip().split("\\s+");
      low = Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      // Not Linux, or unreadable: assume the usual range.
    }
    InetAddress loopback = InetAddress.getByName(LOOPBACK);
    Set<Integer> ports = new LinkedHashSet<>();
    int floor = 10000;
    for (int attempt = 0; ports.size() < count && attempt < 1000 && low - floor > 1000; attempt++) {
      int port = floor + random.nextInt(low - floor);
      if (!ports.contains(port) && bindable(loopback, port)) {
        ports.add(port);
      }
    }
    while (ports.size() < count) {
      try (ServerSocket socket = new ServerSocket(0, 1, loopback)) {
        ports.add(socket.getLocalPort());
      }
    }
    return List.copyOf(ports);
  }

  private static boolean bindable(InetAddress address, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(address, port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Node node(int index) {
    if (index < 0 || index >= nodes.size()) {
      throw new IndexOutOfBoundsException(
          "node " + index + " of a " + nodes.size() + "-node cluster");
    }
    return nodes.get(index);
  }

  private Node firstRunning() throws IOException {
    for (Node node : nodes) {
      if (node.running()) {
        return node;
      }
    }
    throw new IOException("no node of " + clusterName + " is running");
  }

  private int runningCount() {
    int count = 0;
    for (Node node : nodes) {
      if (node.running()) {
        count++;
      }
    }
    return count;
  }

  private void requireSecured() {
    if (!secured()) {
      throw new IllegalStateException(clusterName + " runs without security: no TLS, no users");
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(clusterName + " is closed");
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Folders rwx------, files rw------- (the security plugin warns about anything wider). */
  private static void ownerOnly(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setPosixFilePermissions(
            path,
            PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
      }
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
