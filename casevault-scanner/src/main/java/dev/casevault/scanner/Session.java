package dev.casevault.scanner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The probes' way to one endpoint: read-only HTTP GETs and raw sockets, paced and bounded by the
 * scan's settings. It never sends a credential: no {@code Authorization} header, no cookie, no
 * client certificate.
 *
 * <p>Redirects are followed only within the same scheme, host and port, at most three times; a
 * redirect elsewhere is returned as it is, never followed. Which scheme an HTTP endpoint speaks is
 * learned from the first request (plain HTTP, then TLS) and kept; replies are kept too, so that
 * probes asking for the same path cost the host one request.
 */
public final class Session {
  private static final int MAX_REDIRECTS = 3;

  private final Endpoint endpoint;
  private final ScanSettings settings;
  private final Pacer pacer;
  private final HttpClient http;
  private final SSLContext tls;
  private final Map<String, HttpReply> replies = new HashMap<>();
  private String scheme;
  private IOException notHttp;

  Session(Endpoint endpoint, ScanSettings settings, Pacer pacer, HttpClient http, SSLContext tls) {
    this.endpoint = endpoint;
    this.settings = settings;
    this.pacer = pacer;
    this.http = http;
    this.tls = tls;
    if (endpoint.url() != null) {
      scheme = endpoint.url().getScheme();
    }
  }

  public Endpoint endpoint() {
    return endpoint;
  }

  public ScanSettings settings() {
    return settings;
  }

  /** The path of the URL the operator gave, or {@code /}. */
  public String basePath() {
    if (endpoint.url() == null || endpoint.url().getRawPath() == null) {
      return "/";
    }
    String path = endpoint.url().getRawPath();
    return path.isEmpty() ? "/" : path;
  }

  /**
   * {@code GET pathAndQuery}: a path already encoded (names from the scanned host must go through
   * {@link #segment}).
   *
   * @throws ConnectException when nothing listens
   * @throws IOException when neither plain HTTP nor TLS gets an HTTP answer
   */
  public HttpReply get(String pathAndQuery) throws IOException, InterruptedException {
    HttpReply known = replies.get(pathAndQuery);
    if (known != null) {
      return known;
    }
    if (notHttp != null) {
      throw notHttp;
    }
    HttpReply reply;
    if (scheme != null) {
      reply = fetch(scheme, pathAndQuery);
    } else {
      try {
        reply = fetch("http", pathAndQuery);
        scheme = "http";
      } catch (ConnectException refused) {
        throw refused;
      } catch (IOException plainFailed) {
        // A TLS port closes or garbles a plain request; try the handshake before giving up.
        try {
          reply = fetch("https", pathAndQuery);
          scheme = "https";
        } catch (IOException neither) {
          notHttp = neither; // the next HTTP probe need not knock again
          throw neither;
        }
      }
    }
    replies.put(pathAndQuery, reply);
    return reply;
  }

  private HttpReply fetch(String scheme, String pathAndQuery)
      throws IOException, InterruptedException {
    URI uri = uri(scheme, pathAndQuery);
    for (int hop = 0; ; hop++) {
      pacer.acquire();
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .GET()
              .timeout(settings.readTimeout())
              .header("User-Agent", settings.userAgent())
              .header("Accept", "application/json, application/xml;q=0.9, */*;q=0.5")
              .build();
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      int status = response.statusCode();
      if (status >= 300 && status < 400 && hop < MAX_REDIRECTS) {
        URI next = sameOriginRedirect(uri, response.headers().firstValue("Location").orElse(""));
        if (next != null) {
          response.body().close();
          uri = next;
          continue;
        }
      }
      Bounded body = read(response.body(), settings.maxReplyBytes());
      return new HttpReply(
          status,
          response.headers(),
          new String(body.bytes(), StandardCharsets.UTF_8),
          body.truncated(),
          scheme.equals("https"));
    }
  }

  /** The redirect's target when it stays on this scheme, host and port; null otherwise. */
  static URI sameOriginRedirect(URI from, String location) {
    if (location.isEmpty()) {
      return null;
    }
    URI next;
    try {
      next = from.resolve(new URI(location));
    } catch (URISyntaxException | IllegalArgumentException e) {
      return null;
    }
    boolean same =
        from.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme()))
            && from.getHost().equalsIgnoreCase(String.valueOf(next.getHost()))
            && port(from) == port(next)
            && next.getRawUserInfo() == null;
    return same ? next : null;
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  private URI uri(String scheme, String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("a path starts with /");
    }
    return URI.create(scheme + "://" + endpoint.authority() + pathAndQuery);
  }

  /** A name from the scanned host made safe as one path segment (no slash, no dot segment). */
  public static String segment(String name) {
    if (name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("not a path segment");
    }
    StringBuilder out = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /**
   * A socket to the endpoint, with the scan's timeouts, over TLS (accepting any certificate, see
   * {@link AnyCertificate}) when asked. Each call counts as one request against the scan's rate.
   */
  public Socket connect(boolean overTls) throws IOException, InterruptedException {
    pacer.acquire();
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(endpoint.host(), endpoint.port()),
          (int) settings.connectTimeout().toMillis());
      socket.setSoTimeout((int) settings.readTimeout().toMillis());
      if (!overTls) {
        return socket;
      }
      SSLSocket secured =
          (SSLSocket)
              tls.getSocketFactory().createSocket(socket, endpoint.host(), endpoint.port(), true);
      secured.setSoTimeout((int) settings.readTimeout().toMillis());
      secured.startHandshake();
      return secured;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Waits for the scan's next request slot (for a command sent on an open socket). */
  public void pace() throws InterruptedException {
    pacer.acquire();
  }

  record Bounded(byte[] bytes, boolean truncated) {}

  static Bounded read(InputStream in, int max) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (out.size() < max) {
        int n = in.read(buffer, 0, Math.min(buffer.length, max - out.size()));
        if (n < 0) {
          return new Bounded(out.toByteArray(), false);
        }
        out.write(buffer, 0, n);
      }
      // Closing the stream without reading on abandons the rest of the reply.
      return new Bounded(out.toByteArray(), in.read() >= 0);
    }
  }
}
